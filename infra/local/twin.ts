import './polyfills';
import { randomBytes } from 'node:crypto';
import { LOCAL_STAGE, type StageConfig } from '../stage-config';
import { stageEnvironment } from '../stage-environment';
import { ENV } from '../../functions/runtime/env';
import { routesFromCatalog, startApiEmulator, type ApiLog, type ApiRoute } from './api';
import { createLocalIssuer, LOCAL_AUDIENCE, localIssuerUrl } from './auth';
import { createTable, deleteTable, startDynamoDbLocal } from './dynamodb';
import { createLambdaInvoker, loadHandler } from './lambda-runtime';
import { LOCAL_ACCOUNT_ID, LOCAL_CREDENTIALS } from './local-aws';
import { startSchedules, type RunningSchedule } from './schedules';
import { startSecretsManagerTwin } from './secrets-manager/server';
import { startSes } from './ses';
import { substitutedDefinition } from './state-machine-definition';
import { startStepFunctionsTwin } from './stepfunctions/server';

export const TWIN_TABLE_NAME = 'onboarding-local';
export const TWIN_STATE_MACHINE_NAME = 'onboarding-local';
export const TWIN_LINK_SECRET_NAME = 'onboarding-local/link-signing-key';
export const TWIN_CONFIGURATION_SET = 'onboarding-local';

export interface TwinPorts {
  api: number;
  stepFunctions: number;
  dynamodb: number;
  ses: number;
  secretsManager: number;
}

/** `npm start`'s ports (the README and docs/architecture.md §5 list them); tests pass 0s for free ports. */
export const DEFAULT_PORTS: TwinPorts = { api: 3000, stepFunctions: 8083, dynamodb: 8000, ses: 8005, secretsManager: 8006 };

export interface TwinOptions {
  ports?: Partial<TwinPorts>;
  stage?: StageConfig;
  /** Overrides for the execution policy (tests compress waits into seconds). */
  policy?: Partial<StageConfig['policy']>;
  logLevel?: 'DEBUG' | 'INFO' | 'WARN' | 'ERROR';
  apiLog?: ApiLog;
  /**
   * Use a DynamoDB that is already running (tests share one DynamoDB Local per run) instead of
   * starting one on `ports.dynamodb`: the twin creates `tableName` there, deletes it on close, and
   * leaves the server running.
   */
  dynamodb?: { endpoint: string; tableName: string };
  /**
   * The catalog's scheduled functions (EventBridge rules on AWS): 'on' (the default) runs each on
   * an interval in this process; 'off' leaves them to whoever calls their handler, so tests choose
   * the instants (startTestTwin turns them off).
   */
  schedules?: 'on' | 'off';
  /** While on, run every scheduled function this often instead of its catalog interval (`npm start`: 30 s). */
  scheduleEverySeconds?: number;
  /** Routes served beside the catalog's, through the same gateway (the benchmark's no-op route). */
  extraRoutes?: readonly ApiRoute[];
}

export interface Twin {
  /** `issuer` is the local issuer's `iss`, `<api>/local-issuer`: Cognito's endpoints are under it. */
  urls: { api: string; issuer: string; stepFunctions: string; dynamodb: string; ses: string; secretsManager: string };
  /** The app client id of the local issuer (Cognito's user-pool client id on AWS). */
  clientId: string;
  /** The port `npm run login` listens on for its callback (stage config). */
  loginCallbackPort: number;
  /** Unqualified: list and describe executions on it. */
  stateMachineArn: string;
  /** The alias `live` (`<stateMachineArn>:live`) executions start through: STATE_MACHINE_ARN. */
  stateMachineAliasArn: string;
  tableName: string;
  region: string;
  /** The policy every execution gets (stage policy with the options' overrides). */
  policy: StageConfig['policy'];
  /** The scheduled functions running on an interval (none when `schedules` is 'off'). */
  schedules: RunningSchedule[];
  close(): Promise<void>;
}

/**
 * Starts the whole local twin in this process: DynamoDB Local (a JVM child process, unless
 * `options.dynamodb` names one already running), aws-ses-v2-local, the Step Functions server running
 * the ASL file, and the API emulator with the local issuer. Handlers run unchanged,
 * finding the emulators through the standard AWS_ENDPOINT_URL_* variables set here, as a Lambda's
 * environment would carry them.
 */
export async function startTwin(options: TwinOptions = {}): Promise<Twin> {
  const stage = options.stage ?? LOCAL_STAGE;
  const ports = { ...DEFAULT_PORTS, ...options.ports };
  const region = stage.region;
  const policy = { ...stage.policy, ...options.policy };
  const closers: Array<() => Promise<void>> = [];
  const close = async () => {
    for (const closeOne of closers.reverse()) await closeOne().catch(() => undefined);
  };
  try {
    let dynamodbUrl: string;
    let tableName: string;
    if (options.dynamodb) {
      dynamodbUrl = options.dynamodb.endpoint;
      tableName = options.dynamodb.tableName;
    } else {
      const server = await startDynamoDbLocal({ port: ports.dynamodb });
      closers.push(() => server.close());
      dynamodbUrl = server.url;
      tableName = TWIN_TABLE_NAME;
    }
    const table = { endpoint: dynamodbUrl, region, tableName };
    await createTable(table);
    // On our own server the table goes with it; on a shared one, take it away.
    if (options.dynamodb) closers.push(() => deleteTable(table));
    const ses = await startSes({ port: ports.ses });
    closers.push(() => ses.close());
    // A fresh link-signing key per run, as CDK generates one per stage: links die with the twin.
    const secretsManager = await startSecretsManagerTwin({
      port: ports.secretsManager,
      region,
      accountId: LOCAL_ACCOUNT_ID,
      secrets: [{ name: TWIN_LINK_SECRET_NAME, value: randomBytes(48).toString('base64url') }],
    });
    closers.push(() => secretsManager.close());

    Object.assign(process.env, {
      AWS_REGION: region,
      AWS_DEFAULT_REGION: region,
      AWS_ACCESS_KEY_ID: LOCAL_CREDENTIALS.accessKeyId,
      AWS_SECRET_ACCESS_KEY: LOCAL_CREDENTIALS.secretAccessKey,
      AWS_ENDPOINT_URL_DYNAMODB: dynamodbUrl,
      AWS_ENDPOINT_URL_SESV2: ses.url,
      AWS_ENDPOINT_URL_SECRETS_MANAGER: secretsManager.url,
      [ENV.linkSigningSecretArn]: secretsManager.arnOf(TWIN_LINK_SECRET_NAME),
      ...stageEnvironment(stage, policy),
      [ENV.stuckAfterHours]: JSON.stringify(stage.stuckAfterHours),
      [ENV.tableName]: tableName,
      [ENV.senderAddress]: stage.senderAddress,
      // The twin's SES has no configuration sets; the name still rides on every send, as on AWS.
      [ENV.sesConfigurationSet]: TWIN_CONFIGURATION_SET,
      POWERTOOLS_SERVICE_NAME: 'breakfix-onboarding',
      POWERTOOLS_METRICS_NAMESPACE: 'BreakFixOnboarding/local',
      // No CloudWatch here: metrics would only be EMF lines on stdout.
      POWERTOOLS_METRICS_DISABLED: 'true',
      POWERTOOLS_LOG_LEVEL: options.logLevel ?? 'WARN',
    });

    const stepFunctions = await startStepFunctionsTwin({
      port: ports.stepFunctions,
      region,
      accountId: LOCAL_ACCOUNT_ID,
      stateMachines: [{ name: TWIN_STATE_MACHINE_NAME, definition: substitutedDefinition(region) }],
      invokeLambda: createLambdaInvoker(region),
    });
    closers.push(() => stepFunctions.close());
    const stateMachineArn = stepFunctions.stateMachineArn(TWIN_STATE_MACHINE_NAME);
    // Executions start through the alias `live`, as CDK wires STATE_MACHINE_ARN on AWS.
    const stateMachineAliasArn = stepFunctions.stateMachineAliasArn(TWIN_STATE_MACHINE_NAME);
    Object.assign(process.env, { AWS_ENDPOINT_URL_SFN: stepFunctions.url, [ENV.stateMachineArn]: stateMachineAliasArn });

    const api = await startApiEmulator({
      port: ports.api,
      // Every port is bound and every variable set before the first handler module is imported.
      routes: (url) => {
        process.env[ENV.publicBaseUrl] = url;
        // The console's sign-in: the local issuer's Cognito-shaped endpoints and its app client.
        process.env[ENV.staffSignInUrl] = localIssuerUrl(url);
        process.env[ENV.staffClientId] = LOCAL_AUDIENCE;
        return routesFromCatalog(loadHandler).then((routes) => [...routes, ...(options.extraRoutes ?? [])]);
      },
      // The issuer's `iss` is `<api url>/local-issuer`, so it is made once the port is bound.
      localIssuer: (url) => createLocalIssuer({ issuerUrl: localIssuerUrl(url), audience: LOCAL_AUDIENCE }),
      localLogin: { loginCallbackPort: stage.loginCallbackPort, refreshTokenSeconds: stage.refreshTokenDays * 24 * 60 * 60 },
      region,
      accountId: LOCAL_ACCOUNT_ID,
      ...(options.apiLog ? { log: options.apiLog } : {}),
    });
    closers.push(() => api.close());
    const schedules = options.schedules === 'off' ? undefined : startSchedules({ region, ...(options.scheduleEverySeconds !== undefined ? { everySeconds: options.scheduleEverySeconds } : {}) });
    if (schedules) closers.push(() => schedules.close());

    return {
      urls: { api: api.url, issuer: localIssuerUrl(api.url), stepFunctions: stepFunctions.url, dynamodb: dynamodbUrl, ses: ses.url, secretsManager: secretsManager.url },
      clientId: LOCAL_AUDIENCE,
      loginCallbackPort: stage.loginCallbackPort,
      stateMachineArn,
      stateMachineAliasArn,
      tableName,
      region,
      policy,
      schedules: schedules?.schedules ?? [],
      close,
    };
  } catch (error) {
    await close();
    throw error;
  }
}
