/**
 * `npm run -s login -- --stage dev` signs a staff member in through Cognito's managed login
 * (authorization code with PKCE, password and TOTP in the browser), stores the tokens in
 * `~/.config/breakfix-onboarding/<stage>.json` (mode 0600), and prints the ID token, and nothing
 * else, on stdout: `TOKEN=$(npm run -s login -- --stage dev)`. `--refresh` renews it with the
 * stored refresh token, without a browser. `--stage local` signs in to the twin's local issuer.
 */
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { LOCAL_AUDIENCE, LOCAL_ISSUER_PATH } from './local/auth/local-issuer';
import { login, openInBrowser, refresh } from './login/flow';
import {
  type LoginTarget,
  loginTargetFromOutputs,
  normalizeDomain,
  parseStoredTokens,
  tokenFilePath,
  writeTokenFile,
  type StoredTokens,
} from './login/oauth';
import { DEFAULT_LOGIN_CALLBACK_PORT, STAGE_DEFAULTS } from './stage-config';

const STAGES = [...Object.keys(STAGE_DEFAULTS), 'local'];
const DEFAULT_OUTPUTS = 'cdk-outputs.json';

const USAGE = `usage: npm run -s login -- --stage <${STAGES.join('|')}> [options]
  --outputs FILE     cdk deploy --outputs-file output to read the sign-in domain, client id and
                     callback port from (stack Onboarding-<stage>; default ${DEFAULT_OUTPUTS})
  --domain URL       the user-pool domain, https://<prefix>.auth.<region>.amazoncognito.com
  --client-id ID     the app client id (stack output StaffClientId)
  --port N           the callback port registered on the app client (default ${DEFAULT_LOGIN_CALLBACK_PORT})
  --refresh          renew the stored tokens with the refresh token instead of signing in
  --no-browser       print the sign-in URL instead of opening a browser
Prints the ID token on stdout; stores the tokens in ~/.config/breakfix-onboarding/<stage>.json.
--stage local signs in to the twin (npm start) at http://127.0.0.1:$API_PORT/local-issuer (API_PORT default 3000).`;

class UsageError extends Error {}

const log = (line: string): void => void process.stderr.write(`${line}\n`);

function parsePort(raw: string): number {
  const port = /^\d+$/.test(raw) ? Number(raw) : NaN;
  if (!Number.isInteger(port) || port < 1 || port > 65535) throw new UsageError(`--port must be a port number, got ${raw}`);
  return port;
}

function readText(file: string, missing: string): string {
  try {
    return readFileSync(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') throw new Error(missing);
    throw error;
  }
}

interface Target {
  domain: string;
  clientId: string;
  port: number;
}

/** Flags first, then the outputs file (deployed stages) or the twin's defaults (local). */
function resolveTarget(stage: string, flags: { outputs?: string; domain?: string; clientId?: string; port?: number }): Target {
  let fromOutputs: LoginTarget = {};
  if (stage === 'local') {
    fromOutputs = { domain: `http://127.0.0.1:${process.env['API_PORT'] ?? '3000'}${LOCAL_ISSUER_PATH}`, clientId: LOCAL_AUDIENCE };
  } else if (flags.outputs !== undefined || flags.domain === undefined || flags.clientId === undefined) {
    const file = flags.outputs ?? DEFAULT_OUTPUTS;
    const text = readText(
      file,
      `No ${file}. Deploy with \`npx cdk deploy -c stage=${stage} --outputs-file ${file}\` (see README), or pass --domain and --client-id.`,
    );
    fromOutputs = loginTargetFromOutputs(text, stage, file);
  }
  const domain = flags.domain ?? fromOutputs.domain;
  const clientId = flags.clientId ?? fromOutputs.clientId;
  if (!domain) throw new UsageError('No sign-in domain: pass --domain or an outputs file with StaffLoginDomain.');
  if (!clientId) throw new UsageError('No app client id: pass --client-id or an outputs file with StaffClientId.');
  const port = flags.port ?? (fromOutputs.port !== undefined && Number.isInteger(fromOutputs.port) ? fromOutputs.port : DEFAULT_LOGIN_CALLBACK_PORT);
  return { domain: normalizeDomain(domain), clientId, port };
}

function readStored(file: string, stage: string): StoredTokens {
  const stored = parseStoredTokens(readText(file, `No stored sign-in for stage ${stage} (${file}); sign in first: npm run login -- --stage ${stage}`));
  if (!stored) throw new Error(`${file} is not a token file of npm run login; sign in again: npm run login -- --stage ${stage}`);
  return stored;
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      stage: { type: 'string' },
      outputs: { type: 'string' },
      domain: { type: 'string' },
      'client-id': { type: 'string' },
      port: { type: 'string' },
      refresh: { type: 'boolean', default: false },
      'no-browser': { type: 'boolean', default: false },
      help: { type: 'boolean', short: 'h', default: false },
    },
    strict: true,
    allowPositionals: false,
  });
  if (values.help) {
    log(USAGE);
    return;
  }
  const stage = values.stage;
  if (stage === undefined || !STAGES.includes(stage)) {
    throw new UsageError(stage === undefined ? 'Name the stage with --stage.' : `Unknown stage "${stage}".`);
  }
  const file = tokenFilePath(stage);
  const nowSeconds = () => Math.floor(Date.now() / 1000);

  let tokens: StoredTokens;
  if (values.refresh) {
    const stored = readStored(file, stage);
    const domain = values.domain === undefined ? stored.domain : normalizeDomain(values.domain);
    tokens = await refresh({ ...stored, domain, client_id: values['client-id'] ?? stored.client_id }, { fetch, nowSeconds });
    log(`Refreshed the tokens for stage ${stage}.`);
  } else {
    const target = resolveTarget(stage, {
      outputs: values.outputs,
      domain: values.domain,
      clientId: values['client-id'],
      port: values.port === undefined ? undefined : parsePort(values.port),
    });
    tokens = await login({ ...target, openBrowser: !values['no-browser'] }, { openBrowser: openInBrowser, log, fetch, nowSeconds });
    log(`Signed in to stage ${stage}.`);
  }
  writeTokenFile(file, tokens);
  log(`Stored the tokens in ${file}; the ID token expires at ${new Date(tokens.expires_at * 1000).toISOString()}.`);
  process.stdout.write(`${tokens.id_token}\n`);
}

try {
  await main();
} catch (error) {
  if (error instanceof UsageError || (error as { code?: string }).code?.startsWith('ERR_PARSE_ARGS')) {
    log(`${(error as Error).message}\n${USAGE}`);
    process.exitCode = 2;
  } else {
    log((error as Error).message);
    process.exitCode = 1;
  }
}
