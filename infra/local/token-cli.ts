/**
 * `npm run -s token -- <role> [email]` prints an ID token the running twin accepts, and nothing
 * else on stdout, so `TOKEN=$(npm run -s token -- admin)` works. The signing key lives only in
 * the twin's memory, so the token comes from the twin's local issuer (`POST /local/token` on the
 * API port, env API_PORT, default 3000). It skips the sign-in: to sign in as on AWS (authorize
 * page, PKCE, refresh token), use `npm run login -- --stage local`; on AWS, that is the only way.
 */
import { ROLES } from '../../functions/catalog';
import { LOCAL_TOKEN_PATH, isRole, type LocalTokenResponse } from './auth/issuer-endpoints';

const USAGE = `usage: npm run -s token -- <role> [email]
  role   one of: ${ROLES.join(', ')}
  email  defaults to <role>@breakfix.example
env API_PORT: the twin's API port (default 3000); start the twin first with \`npm start\`.
To sign in as on AWS instead (a browser, PKCE, a refresh token): npm run login -- --stage local`;

function fail(message: string, exitCode: number): never {
  process.stderr.write(`${message}\n`);
  process.exit(exitCode);
}

async function main(): Promise<void> {
  const [role, email, ...extra] = process.argv.slice(2);
  if (role === '-h' || role === '--help') fail(USAGE, 0);
  if (!isRole(role) || extra.length) fail(`${role === undefined ? 'Name a role.' : `Unknown role or extra arguments: ${process.argv.slice(2).join(' ')}`}\n${USAGE}`, 2);
  if (email !== undefined && !/^[^\s@]+@[^\s@]+$/.test(email)) fail(`Not an e-mail address: ${email}\n${USAGE}`, 2);

  const port = process.env['API_PORT'] ?? '3000';
  const url = `http://127.0.0.1:${port}${LOCAL_TOKEN_PATH}`;
  let response: Response;
  try {
    response = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ role, email: email ?? `${role}@breakfix.example` }),
    });
  } catch {
    fail(`No twin answers at ${url}. Start it with \`npm start\` (or set API_PORT).`, 1);
  }
  const text = await response.text();
  if (!response.ok) fail(`The local issuer said ${response.status}: ${text}`, 1);
  const { idToken } = JSON.parse(text) as LocalTokenResponse;
  process.stdout.write(`${idToken}\n`);
}

await main();
