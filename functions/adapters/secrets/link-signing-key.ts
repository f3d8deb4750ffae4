import { GetSecretValueCommand, SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { ENV, requireEnv } from '../../runtime/env';
import { rethrowTransient } from '../../runtime/errors';

const secrets = new SecretsManagerClient({});
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
    const { SecretString } = await secrets.send(new GetSecretValueCommand({ SecretId: SECRET_ARN }));
    if (!SecretString || SecretString.length < 32) throw new Error('The link-signing secret is missing or shorter than 32 characters');
    return Buffer.from(SecretString, 'utf8');
  } catch (error) {
    rethrowTransient('Secrets Manager', error);
  }
}
