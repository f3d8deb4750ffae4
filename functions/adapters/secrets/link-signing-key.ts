import { ENV, requireEnv } from '../../runtime/env';
import { rethrowTransient } from '../../runtime/errors';
import { onFirstUse } from '../on-first-use';

/** The link-signing secret (grant: linkSigningKey), read once when the container starts. */
const SECRET_ARN = requireEnv(ENV.linkSigningSecretArn);

/**
 * The stage's link-signing key, fetched once per container (AWS_ENDPOINT_URL_SECRETS_MANAGER on the
 * twin); the Secrets Manager module is loaded with that first fetch, not at init (on-first-use.ts).
 */
export const linkSigningKey: () => Promise<Buffer> = onFirstUse(fetchKey);

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
