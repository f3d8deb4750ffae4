import { execFile } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { promisify } from 'node:util';
import {
  CreateSecretCommand,
  DescribeSecretCommand,
  GetSecretValueCommand,
  InvalidNextTokenException,
  InvalidParameterException,
  InvalidRequestException,
  ListSecretsCommand,
  PutSecretValueCommand,
  ResourceExistsException,
  ResourceNotFoundException,
  SecretsManagerClient,
  SecretsManagerServiceException,
} from '@aws-sdk/client-secrets-manager';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSecretsManagerTwin, type SecretsManagerTwin } from '../../infra/local/secrets-manager/server';

const REGION = 'eu-west-1';
const ACCOUNT = '000000000000';
const CREDENTIALS = { accessKeyId: 'local', secretAccessKey: 'local' };
const SEEDED = { name: 'breakfix/link-signing-key', value: 'k'.repeat(48) };
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const arnPattern = (name: string) => new RegExp(`^arn:aws:secretsmanager:${REGION}:${ACCOUNT}:secret:${name.replace(/[.+/]/g, '\\$&')}-[A-Za-z0-9]{6}$`);

let twin: SecretsManagerTwin;
let client: SecretsManagerClient;

beforeAll(async () => {
  twin = await startSecretsManagerTwin({
    port: 0,
    region: REGION,
    accountId: ACCOUNT,
    secrets: [SEEDED, { name: 'other/secret', value: 'other' }],
  });
  client = new SecretsManagerClient({ endpoint: twin.url, region: REGION, credentials: CREDENTIALS });
});
afterAll(async () => {
  client?.destroy();
  await twin?.close();
});

/** Resolves to the SDK's exception, or fails the test when the call succeeds. */
async function rejection(promise: Promise<unknown>): Promise<SecretsManagerServiceException> {
  try {
    await promise;
  } catch (error) {
    expect(error).toBeInstanceOf(SecretsManagerServiceException);
    return error as SecretsManagerServiceException;
  }
  throw new Error('Expected the call to fail');
}

async function raw(operation: string, body: unknown): Promise<{ status: number; contentType: string | null; json: Record<string, unknown> }> {
  const response = await fetch(`${twin.url}/`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/x-amz-json-1.1', 'X-Amz-Target': `secretsmanager.${operation}` },
    body: JSON.stringify(body),
  });
  return { status: response.status, contentType: response.headers.get('content-type'), json: (await response.json()) as Record<string, unknown> };
}

describe('GetSecretValue', () => {
  it('returns the seeded value by name, with an AWS-shaped ARN and version', async () => {
    const result = await client.send(new GetSecretValueCommand({ SecretId: SEEDED.name }));
    expect(result.$metadata.httpStatusCode).toBe(200);
    expect(result.Name).toBe(SEEDED.name);
    expect(result.SecretString).toBe(SEEDED.value);
    expect(result.ARN).toMatch(arnPattern(SEEDED.name));
    expect(result.ARN).toBe(twin.arnOf(SEEDED.name));
    expect(result.VersionId).toMatch(UUID);
    expect(result.VersionStages).toEqual(['AWSCURRENT']);
    expect(result.CreatedDate).toBeInstanceOf(Date);
    expect(Math.abs(Date.now() - result.CreatedDate!.getTime())).toBeLessThan(60_000);
  });

  it('finds the secret by full ARN and by partial ARN (without the random suffix)', async () => {
    const arn = twin.arnOf(SEEDED.name);
    const byArn = await client.send(new GetSecretValueCommand({ SecretId: arn }));
    expect(byArn.SecretString).toBe(SEEDED.value);
    const byPartialArn = await client.send(new GetSecretValueCommand({ SecretId: arn.slice(0, -7) }));
    expect(byPartialArn.SecretString).toBe(SEEDED.value);
    expect(byPartialArn.ARN).toBe(arn);
  });

  it('answers ResourceNotFoundException for an unknown name, ARN or another account', async () => {
    for (const secretId of ['no/such/secret', `arn:aws:secretsmanager:${REGION}:${ACCOUNT}:secret:no-such-AbC123`, twin.arnOf(SEEDED.name).replace(ACCOUNT, '111111111111')]) {
      const error = await rejection(client.send(new GetSecretValueCommand({ SecretId: secretId })));
      expect(error).toBeInstanceOf(ResourceNotFoundException);
      expect(error.name).toBe('ResourceNotFoundException');
      expect(error.message).toBe("Secrets Manager can't find the specified secret.");
      expect(error.$metadata.httpStatusCode).toBe(400);
    }
  });

  it('takes a partial ARN that ends like a suffix for a full ARN, as AWS does', async () => {
    const name = `suffix-like-${randomUUID().slice(0, 4)}-a1b2c3`;
    const created = await client.send(new CreateSecretCommand({ Name: name, SecretString: 'v' }));
    const error = await rejection(client.send(new GetSecretValueCommand({ SecretId: created.ARN!.slice(0, -7) })));
    expect(error.name).toBe('ResourceNotFoundException');
    expect((await client.send(new GetSecretValueCommand({ SecretId: created.ARN }))).SecretString).toBe('v');
  });

  it('rejects a name outside AWS’s character set with ValidationException', async () => {
    const error = await rejection(client.send(new GetSecretValueCommand({ SecretId: 'has spaces?' })));
    expect(error.name).toBe('ValidationException');
    expect(error.message).toBe('Invalid name. Must be a valid name containing alphanumeric characters, or any of the following: -/_+=.@!');
  });

  it('answers by VersionId and VersionStage with AWS’s errors when they do not match', async () => {
    const current = await client.send(new GetSecretValueCommand({ SecretId: SEEDED.name }));
    const byId = await client.send(new GetSecretValueCommand({ SecretId: SEEDED.name, VersionId: current.VersionId }));
    expect(byId.SecretString).toBe(SEEDED.value);

    const mismatch = await rejection(client.send(new GetSecretValueCommand({ SecretId: SEEDED.name, VersionId: current.VersionId, VersionStage: 'AWSPREVIOUS' })));
    expect(mismatch).toBeInstanceOf(InvalidRequestException);
    expect(mismatch.message).toBe('You provided a VersionStage that is not associated to the provided VersionId.');

    const noStage = await rejection(client.send(new GetSecretValueCommand({ SecretId: SEEDED.name, VersionStage: 'AWSPENDING' })));
    expect(noStage.name).toBe('ResourceNotFoundException');
    expect(noStage.message).toBe("Secrets Manager can't find the specified secret value for staging label: AWSPENDING");

    const unknownId = randomUUID();
    const noVersion = await rejection(client.send(new GetSecretValueCommand({ SecretId: SEEDED.name, VersionId: unknownId })));
    expect(noVersion.message).toBe(`Secrets Manager can't find the specified secret value for VersionId: ${unknownId}`);
  });
});

describe('CreateSecret', () => {
  it('creates a secret that reads back, and refuses a second one of the same name', async () => {
    const name = `created/${randomUUID()}`;
    const created = await client.send(new CreateSecretCommand({ Name: name, SecretString: '{"user":"a"}', Description: 'Created by a test' }));
    expect(created.Name).toBe(name);
    expect(created.ARN).toMatch(arnPattern(name));
    expect(created.ARN).toBe(twin.arnOf(name));
    expect(created.VersionId).toMatch(UUID);

    const read = await client.send(new GetSecretValueCommand({ SecretId: name }));
    expect(read).toMatchObject({ ARN: created.ARN, VersionId: created.VersionId, SecretString: '{"user":"a"}', VersionStages: ['AWSCURRENT'] });

    const duplicate = await rejection(client.send(new CreateSecretCommand({ Name: name, SecretString: 'again' })));
    expect(duplicate).toBeInstanceOf(ResourceExistsException);
    expect(duplicate.name).toBe('ResourceExistsException');
    expect(duplicate.message).toBe(`The operation failed because the secret ${name} already exists.`);
    expect((await client.send(new GetSecretValueCommand({ SecretId: name }))).SecretString).toBe('{"user":"a"}');
  });

  it('is idempotent for a retried ClientRequestToken with the same value, and refuses it with another', async () => {
    const name = `retried-${randomUUID()}`;
    const token = randomUUID();
    const first = await client.send(new CreateSecretCommand({ Name: name, SecretString: 'one', ClientRequestToken: token }));
    expect(first.VersionId).toBe(token);
    const retried = await client.send(new CreateSecretCommand({ Name: name, SecretString: 'one', ClientRequestToken: token }));
    expect(retried).toMatchObject({ ARN: first.ARN, Name: name, VersionId: token });
    const changed = await rejection(client.send(new CreateSecretCommand({ Name: name, SecretString: 'two', ClientRequestToken: token })));
    expect(changed.name).toBe('ResourceExistsException');
  });

  it('creates a secret without a value, which has no version to read until one is put', async () => {
    const name = `empty-${randomUUID()}`;
    const created = await client.send(new CreateSecretCommand({ Name: name }));
    expect(created.VersionId).toBeUndefined();
    const error = await rejection(client.send(new GetSecretValueCommand({ SecretId: name })));
    expect(error.message).toBe("Secrets Manager can't find the specified secret value for staging label: AWSCURRENT");
    const put = await client.send(new PutSecretValueCommand({ SecretId: name, SecretString: 'first' }));
    expect(put.VersionStages).toEqual(['AWSCURRENT']);
  });

  it('refuses a string and a binary value together, and an invalid name', async () => {
    const both = await rejection(client.send(new CreateSecretCommand({ Name: `both-${randomUUID()}`, SecretString: 's', SecretBinary: new Uint8Array([1, 2]) })));
    expect(both).toBeInstanceOf(InvalidParameterException);
    const badName = await rejection(client.send(new CreateSecretCommand({ Name: 'bad*name', SecretString: 's' })));
    expect(badName.name).toBe('ValidationException');
  });
});

describe('PutSecretValue', () => {
  it('adds a version that becomes AWSCURRENT, the former one AWSPREVIOUS', async () => {
    const name = `rotated-${randomUUID()}`;
    const created = await client.send(new CreateSecretCommand({ Name: name, SecretString: 'v1' }));
    const put = await client.send(new PutSecretValueCommand({ SecretId: created.ARN, SecretString: 'v2' }));
    expect(put).toMatchObject({ ARN: created.ARN, Name: name, VersionStages: ['AWSCURRENT'] });
    expect(put.VersionId).toMatch(UUID);
    expect(put.VersionId).not.toBe(created.VersionId);

    const current = await client.send(new GetSecretValueCommand({ SecretId: name }));
    expect(current).toMatchObject({ SecretString: 'v2', VersionId: put.VersionId, VersionStages: ['AWSCURRENT'] });
    const previous = await client.send(new GetSecretValueCommand({ SecretId: name, VersionStage: 'AWSPREVIOUS' }));
    expect(previous).toMatchObject({ SecretString: 'v1', VersionId: created.VersionId, VersionStages: ['AWSPREVIOUS'] });

    const third = await client.send(new PutSecretValueCommand({ SecretId: name, SecretString: 'v3' }));
    const described = await client.send(new DescribeSecretCommand({ SecretId: name }));
    // v1 has no label left: AWS keeps such a version but lists it no more.
    expect(described.VersionIdsToStages).toEqual({ [put.VersionId!]: ['AWSPREVIOUS'], [third.VersionId!]: ['AWSCURRENT'] });
  });

  it('keeps a binary value as bytes', async () => {
    const name = `binary-${randomUUID()}`;
    await client.send(new CreateSecretCommand({ Name: name, SecretString: 'text' }));
    await client.send(new PutSecretValueCommand({ SecretId: name, SecretBinary: new Uint8Array([0, 1, 254, 255]) }));
    const read = await client.send(new GetSecretValueCommand({ SecretId: name }));
    expect(read.SecretString).toBeUndefined();
    expect([...read.SecretBinary!]).toEqual([0, 1, 254, 255]);
  });

  it('puts a version under custom stages without moving AWSCURRENT', async () => {
    const name = `staged-${randomUUID()}`;
    await client.send(new CreateSecretCommand({ Name: name, SecretString: 'live' }));
    const pending = await client.send(new PutSecretValueCommand({ SecretId: name, SecretString: 'next', VersionStages: ['AWSPENDING'] }));
    expect(pending.VersionStages).toEqual(['AWSPENDING']);
    expect((await client.send(new GetSecretValueCommand({ SecretId: name }))).SecretString).toBe('live');
    expect((await client.send(new GetSecretValueCommand({ SecretId: name, VersionStage: 'AWSPENDING' }))).SecretString).toBe('next');
  });

  it('is idempotent for a retried token, refuses it with another value, and needs a value and an existing secret', async () => {
    const token = randomUUID();
    const first = await client.send(new PutSecretValueCommand({ SecretId: 'other/secret', SecretString: 'x', ClientRequestToken: token }));
    const retried = await client.send(new PutSecretValueCommand({ SecretId: 'other/secret', SecretString: 'x', ClientRequestToken: token }));
    expect(retried).toMatchObject({ VersionId: first.VersionId, VersionStages: ['AWSCURRENT'] });
    const changed = await rejection(client.send(new PutSecretValueCommand({ SecretId: 'other/secret', SecretString: 'y', ClientRequestToken: token })));
    expect(changed.name).toBe('ResourceExistsException');

    const noValue = await rejection(client.send(new PutSecretValueCommand({ SecretId: 'other/secret' })));
    expect(noValue).toBeInstanceOf(InvalidRequestException);
    expect(noValue.message).toBe('You must provide either SecretString or SecretBinary.');

    const missing = await rejection(client.send(new PutSecretValueCommand({ SecretId: 'no/such/secret', SecretString: 'x' })));
    expect(missing.name).toBe('ResourceNotFoundException');
  });
});

describe('ListSecrets and DescribeSecret', () => {
  it('lists every secret with its version stages', async () => {
    const listed = await client.send(new ListSecretsCommand({}));
    const names = listed.SecretList!.map((entry) => entry.Name);
    expect(names).toEqual(expect.arrayContaining([SEEDED.name, 'other/secret']));
    const seeded = listed.SecretList!.find((entry) => entry.Name === SEEDED.name)!;
    expect(seeded.ARN).toBe(twin.arnOf(SEEDED.name));
    expect(Object.values(seeded.SecretVersionsToStages!)).toEqual([['AWSCURRENT']]);
    expect(seeded.CreatedDate).toBeInstanceOf(Date);
    expect(seeded.LastChangedDate).toBeInstanceOf(Date);
    expect(listed.NextToken).toBeUndefined();
  });

  it('filters by name prefix and description words, and pages with NextToken', async () => {
    const prefix = `listed-${randomUUID().slice(0, 8)}`;
    for (const n of [1, 2, 3]) {
      await client.send(new CreateSecretCommand({ Name: `${prefix}/s${n}`, SecretString: 'v', Description: n === 2 ? 'Database password' : undefined }));
    }
    const byName = await client.send(new ListSecretsCommand({ Filters: [{ Key: 'name', Values: [prefix] }] }));
    expect(byName.SecretList!.map((entry) => entry.Name)).toEqual([`${prefix}/s1`, `${prefix}/s2`, `${prefix}/s3`]);
    const byDescription = await client.send(new ListSecretsCommand({ Filters: [{ Key: 'name', Values: [prefix] }, { Key: 'description', Values: ['datab'] }] }));
    expect(byDescription.SecretList!.map((entry) => entry.Name)).toEqual([`${prefix}/s2`]);

    const seen: string[] = [];
    let nextToken: string | undefined;
    do {
      const page = await client.send(new ListSecretsCommand({ Filters: [{ Key: 'name', Values: [prefix] }], MaxResults: 2, NextToken: nextToken }));
      expect(page.SecretList!.length).toBeLessThanOrEqual(2);
      seen.push(...page.SecretList!.map((entry) => entry.Name!));
      nextToken = page.NextToken;
    } while (nextToken);
    expect(seen).toEqual([`${prefix}/s1`, `${prefix}/s2`, `${prefix}/s3`]);

    const descending = await client.send(new ListSecretsCommand({ Filters: [{ Key: 'name', Values: [prefix] }], SortOrder: 'desc' }));
    expect(descending.SecretList!.map((entry) => entry.Name)).toEqual([`${prefix}/s3`, `${prefix}/s2`, `${prefix}/s1`]);

    const badToken = await rejection(client.send(new ListSecretsCommand({ NextToken: 'not-a-token' })));
    expect(badToken).toBeInstanceOf(InvalidNextTokenException);
    const badKey = await rejection(client.send(new ListSecretsCommand({ Filters: [{ Key: 'colour' as never, Values: ['x'] }] })));
    expect(badKey.name).toBe('ValidationException');
    const badSize = await rejection(client.send(new ListSecretsCommand({ MaxResults: 101 })));
    expect(badSize.name).toBe('ValidationException');
  });

  it('describes a secret without its value, including when it was last read', async () => {
    const name = `described-${randomUUID()}`;
    const created = await client.send(new CreateSecretCommand({ Name: name, SecretString: 'hidden', Description: 'About it', Tags: [{ Key: 'team', Value: 'ops' }] }));
    const before = await client.send(new DescribeSecretCommand({ SecretId: name }));
    expect(before).toMatchObject({ ARN: created.ARN, Name: name, Description: 'About it', Tags: [{ Key: 'team', Value: 'ops' }] });
    expect(before.VersionIdsToStages).toEqual({ [created.VersionId!]: ['AWSCURRENT'] });
    expect(before.CreatedDate).toBeInstanceOf(Date);
    expect(before.LastAccessedDate).toBeUndefined();
    expect(JSON.stringify(before)).not.toContain('hidden');

    await client.send(new GetSecretValueCommand({ SecretId: name }));
    const after = await client.send(new DescribeSecretCommand({ SecretId: created.ARN }));
    // AWS reports the day of the last access, at midnight UTC.
    const today = new Date();
    expect(after.LastAccessedDate?.toISOString()).toBe(new Date(Date.UTC(today.getUTCFullYear(), today.getUTCMonth(), today.getUTCDate())).toISOString());

    const missing = await rejection(client.send(new DescribeSecretCommand({ SecretId: 'no/such/secret' })));
    expect(missing.name).toBe('ResourceNotFoundException');
  });
});

describe('the wire format', () => {
  it('answers AWS JSON 1.1 with __type and Message on errors', async () => {
    const ok = await raw('GetSecretValue', { SecretId: SEEDED.name });
    expect(ok.status).toBe(200);
    expect(ok.contentType).toBe('application/x-amz-json-1.1');
    expect(typeof ok.json.CreatedDate).toBe('number');

    const notFound = await raw('GetSecretValue', { SecretId: 'no/such/secret' });
    expect(notFound).toMatchObject({ status: 400, contentType: 'application/x-amz-json-1.1' });
    expect(notFound.json).toEqual({ __type: 'ResourceNotFoundException', Message: "Secrets Manager can't find the specified secret." });
  });

  it('refuses a raw CreateSecret or PutSecretValue without ClientRequestToken (the SDKs and CLI fill one in)', async () => {
    const create = await raw('CreateSecret', { Name: `raw-${randomUUID()}`, SecretString: 'x' });
    expect(create.status).toBe(400);
    expect(create.json).toEqual({ __type: 'InvalidRequestException', Message: 'You must provide a ClientRequestToken value. We recommend a UUID-type value.' });
    const put = await raw('PutSecretValue', { SecretId: SEEDED.name, SecretString: 'x' });
    expect(put.json.__type).toBe('InvalidRequestException');
    const short = await raw('PutSecretValue', { SecretId: SEEDED.name, SecretString: 'x', ClientRequestToken: 'short' });
    expect(short.json.__type).toBe('ValidationException');
  });

  it('answers a missing SecretId, an unknown operation and a body that is not JSON as AWS does', async () => {
    const missing = await raw('GetSecretValue', {});
    expect(missing.json).toEqual({ __type: 'ValidationException', Message: "1 validation error detected: Value null at 'secretId' failed to satisfy constraint: Member must not be null" });
    const unknown = await raw('RotateSecret', { SecretId: SEEDED.name });
    expect(unknown.status).toBe(400);
    expect(unknown.json.__type).toBe('UnknownOperationException');
    const response = await fetch(`${twin.url}/`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-amz-json-1.1', 'X-Amz-Target': 'secretsmanager.GetSecretValue' },
      body: '{not json',
    });
    expect(response.status).toBe(400);
    expect(((await response.json()) as { __type: string }).__type).toBe('SerializationException');
  });
});

describe('finding the twin', () => {
  it('is found by the SDK through AWS_ENDPOINT_URL_SECRETS_MANAGER, with no endpoint in code', async () => {
    const saved = process.env.AWS_ENDPOINT_URL_SECRETS_MANAGER;
    process.env.AWS_ENDPOINT_URL_SECRETS_MANAGER = twin.url;
    const plain = new SecretsManagerClient({ region: REGION, credentials: CREDENTIALS });
    try {
      const result = await plain.send(new GetSecretValueCommand({ SecretId: SEEDED.name }));
      expect(result.SecretString).toBe(SEEDED.value);
    } finally {
      plain.destroy();
      if (saved === undefined) delete process.env.AWS_ENDPOINT_URL_SECRETS_MANAGER;
      else process.env.AWS_ENDPOINT_URL_SECRETS_MANAGER = saved;
    }
  });

  it('serves the AWS CLI (/usr/bin/aws) with --endpoint-url', async () => {
    const { stdout } = await promisify(execFile)(
      '/usr/bin/aws',
      ['secretsmanager', 'get-secret-value', '--secret-id', SEEDED.name, '--endpoint-url', twin.url, '--region', REGION],
      {
        env: {
          PATH: process.env.PATH ?? '/usr/bin:/bin',
          HOME: process.env.HOME ?? '/tmp',
          AWS_ACCESS_KEY_ID: 'local',
          AWS_SECRET_ACCESS_KEY: 'local',
          // Keep any developer configuration (profiles, output format, pager) out of the test.
          AWS_CONFIG_FILE: '/dev/null',
          AWS_SHARED_CREDENTIALS_FILE: '/dev/null',
          AWS_PAGER: '',
        },
        timeout: 60_000,
      },
    );
    const printed = JSON.parse(stdout) as { Name: string; SecretString: string; ARN: string; VersionStages: string[] };
    expect(printed).toMatchObject({ Name: SEEDED.name, SecretString: SEEDED.value, ARN: twin.arnOf(SEEDED.name), VersionStages: ['AWSCURRENT'] });
  });
});

describe('startSecretsManagerTwin', () => {
  it('refuses seeds AWS would refuse, and names it does not hold', async () => {
    const base = { port: 0, region: REGION, accountId: ACCOUNT };
    await expect(startSecretsManagerTwin({ ...base, secrets: [{ name: 'bad name', value: 'x' }] })).rejects.toThrow(/Invalid name/);
    await expect(
      startSecretsManagerTwin({
        ...base,
        secrets: [
          { name: 'twice', value: 'x' },
          { name: 'twice', value: 'y' },
        ],
      }),
    ).rejects.toThrow(/given twice/);
    expect(() => twin.arnOf('never/created')).toThrow(/no secret named never\/created/);
  });

  it('gives each twin its own random ARN suffixes and binds to 127.0.0.1', async () => {
    const another = await startSecretsManagerTwin({ port: 0, region: REGION, accountId: ACCOUNT, secrets: [SEEDED] });
    try {
      expect(another.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
      expect(another.arnOf(SEEDED.name)).toMatch(arnPattern(SEEDED.name));
      expect(another.arnOf(SEEDED.name)).not.toBe(twin.arnOf(SEEDED.name));
    } finally {
      await another.close();
    }
  });
});
