import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { closeServer, listenOnLoopback } from '../stepfunctions/http-server';
import { jsonProtocolListener, type JsonProtocol } from '../stepfunctions/json-protocol';
import { secretsManagerOperations } from './operations';
import { MAX_NAME_LENGTH, SecretStore, assertSecretName } from './secret-store';

export interface SecretsManagerTwinOptions {
  /** 0 picks a free port. */
  port: number;
  /** e.g. eu-west-1 */
  region: string;
  /** e.g. 000000000000 */
  accountId: string;
  /** Secrets present from the start, each with one version (AWSCURRENT) holding `value` as its SecretString. */
  secrets: Array<{ name: string; value: string }>;
  /** Receives one line per request (operation, status, duration; never a value) and internal failures. Default: silent. */
  log?: (line: string) => void;
}

export interface SecretsManagerTwin {
  /** e.g. "http://127.0.0.1:8006", no trailing slash. */
  url: string;
  /** The full ARN (with AWS's random six-character suffix) of a secret the twin holds, seeded or created since. */
  arnOf(name: string): string;
  close(): Promise<void>;
}

/** Secrets Manager speaks AWS JSON 1.1; its error bodies carry `Message`, as its model names the member. */
const SECRETS_MANAGER_JSON_PROTOCOL: JsonProtocol = {
  targetPrefix: 'secretsmanager.',
  contentType: 'application/x-amz-json-1.1',
  errorMessageMember: 'Message',
  serviceName: 'Secrets Manager',
};

/**
 * An in-memory Secrets Manager on 127.0.0.1 for the SDK and the CLI: GetSecretValue, DescribeSecret,
 * ListSecrets, CreateSecret and PutSecretValue, with AWS's ARNs, staging labels and error codes.
 */
export async function startSecretsManagerTwin(options: SecretsManagerTwinOptions): Promise<SecretsManagerTwin> {
  const store = new SecretStore({ region: options.region, accountId: options.accountId });
  for (const { name, value } of options.secrets) {
    if (name.length === 0 || name.length > MAX_NAME_LENGTH) throw new Error(`Secret name must be 1 to ${MAX_NAME_LENGTH} characters: ${name}`);
    try {
      assertSecretName(name);
    } catch (error) {
      throw new Error(`Secret ${name}: ${error instanceof Error ? error.message : String(error)}`, { cause: error });
    }
    if (store.byName(name)) throw new Error(`Secret ${name} is given twice`);
    store.create({ name, value: { string: value } });
  }
  const server = createServer(jsonProtocolListener(secretsManagerOperations(store), options.log ?? (() => undefined), SECRETS_MANAGER_JSON_PROTOCOL));
  await listenOnLoopback(server, options.port);
  const { port } = server.address() as AddressInfo;

  return {
    url: `http://127.0.0.1:${port}`,
    arnOf(name) {
      const secret = store.byName(name);
      if (!secret) throw new Error(`The Secrets Manager twin holds no secret named ${name}`);
      return secret.arn;
    },
    close: () => closeServer(server),
  };
}
