import { ENV, requireEnv } from '../../runtime/env';
import { rethrowTransient } from '../../runtime/errors';

// The Secrets Manager module is loaded with the key's first fetch, once per container, not at init
// (adapters/on-first-use.ts says why).
/** The link-signing secret (grant: linkSigningKey), read once when the container starts. */
const SECRET_ARN = requireEnv(ENV.linkSigningSecretArn);
let cached: Promise<Buffer> | undefined;

/** The stage's link-signing key, fetched once per container (AWS_ENDPOINT_URL_SECRETS_MANAGER on the twin). */
export function linkSigningKey(): Promise<Buffer> {
  cached ??= fetchKey().catch((error: unknown) => {
    cached = undefined;
    throw error;
  });
  return cached;
}

async function fetchKey(): Promise<Buffer> {
  try {
    const { GetSecretValueCommand, SecretsManagerClient } = await import('@aws-sdk/client-secrets-manager');
    const { SecretString } = await new SecretsManagerClient({}).send(new GetSecretValueCommand({ SecretId: SECRET_ARN }));
    if (!SecretString || SecretString.length < 32) throw new Error('The link-signing secret is missing or shorter than 32 characters');
    return Buffer.from(SecretString, 'utf8');
  } catch (error) {
    rethrowTransient('Secrets Manager', error);
  }
}
