import type { Operation } from '../stepfunctions/json-protocol';
import { epochSeconds, isJsonObject, type JsonObject, type JsonValue } from '../stepfunctions/json';
import { decodePageToken, encodePageToken } from '../stepfunctions/page-token';
import { RequestFields } from '../stepfunctions/request-fields';
import { validationError } from '../stepfunctions/service-error';
import { SecretsManagerError } from './errors';
import { matchesFilters, parseFilters } from './list-filters';
import {
  AWSCURRENT,
  MAX_NAME_LENGTH,
  addVersion,
  assertSecretName,
  sameValue,
  versionById,
  versionByStage,
  type Secret,
  type SecretStore,
  type SecretValue,
  type SecretVersion,
} from './secret-store';

const MAX_SECRET_ID = 2048;
const MAX_SECRET_VALUE = 65536;
const MAX_DESCRIPTION = 2048;
const MAX_KMS_KEY_ID = 2048;
const MAX_STAGE = 256;
/** ClientRequestToken and VersionId: 32 to 64 characters (a UUID is 36). */
const MIN_TOKEN = 32;
const MAX_TOKEN = 64;
const DAY_MS = 24 * 60 * 60 * 1000;

/** The operations of the twin, by name. */
export function secretsManagerOperations(store: SecretStore): Map<string, Operation> {
  return new Map<string, Operation>([
    ['GetSecretValue', (body) => getSecretValue(store, body)],
    ['DescribeSecret', (body) => describeSecret(store, body)],
    ['ListSecrets', (body) => listSecrets(store, body)],
    ['CreateSecret', (body) => createSecret(store, body)],
    ['PutSecretValue', (body) => putSecretValue(store, body)],
  ]);
}

/** Secrets Manager's members are PascalCase; its validation messages name them lowerCamel. */
function fieldsOf(body: JsonObject): RequestFields {
  return new RequestFields(body, (member) => member.charAt(0).toLowerCase() + member.slice(1));
}

function getSecretValue(store: SecretStore, body: JsonObject): JsonObject {
  const fields = fieldsOf(body);
  const secretId = fields.requiredString('SecretId', MAX_SECRET_ID, 1);
  const versionId = fields.optionalString('VersionId', MAX_TOKEN, MIN_TOKEN);
  const versionStage = fields.optionalString('VersionStage', MAX_STAGE, 1);
  const secret = store.resolve(secretId);
  let version: SecretVersion | undefined;
  if (versionId !== undefined) {
    version = versionById(secret, versionId);
    if (version && versionStage !== undefined && !version.stages.includes(versionStage)) {
      throw new SecretsManagerError('InvalidRequestException', 'You provided a VersionStage that is not associated to the provided VersionId.');
    }
    if (!version) throw new SecretsManagerError('ResourceNotFoundException', `Secrets Manager can't find the specified secret value for VersionId: ${versionId}`);
  } else {
    const stage = versionStage ?? AWSCURRENT;
    version = versionByStage(secret, stage);
    if (!version) throw new SecretsManagerError('ResourceNotFoundException', `Secrets Manager can't find the specified secret value for staging label: ${stage}`);
  }
  const now = Date.now();
  secret.lastAccessedMs = now - (now % DAY_MS);
  return {
    ARN: secret.arn,
    Name: secret.name,
    VersionId: version.versionId,
    ...valueJson(version.value),
    VersionStages: [...version.stages],
    CreatedDate: epochSeconds(version.createdMs),
  };
}

function describeSecret(store: SecretStore, body: JsonObject): JsonObject {
  const secret = store.resolve(fieldsOf(body).requiredString('SecretId', MAX_SECRET_ID, 1));
  return secretJson(secret, 'VersionIdsToStages');
}

function listSecrets(store: SecretStore, body: JsonObject): JsonObject {
  const fields = fieldsOf(body);
  fields.optionalBoolean('IncludePlannedDeletion'); // nothing is ever scheduled for deletion here
  const pageSize = fields.optionalInteger('MaxResults', 1, 100) ?? 100;
  const nextToken = fields.optionalString('NextToken', 4096, 1);
  const sortOrder = enumMember(fields.optionalString('SortOrder'), 'sortOrder', ['asc', 'desc']) ?? 'asc';
  const sortBy = enumMember(fields.optionalString('SortBy'), 'sortBy', ['created-date', 'last-accessed-date', 'last-changed-date', 'name']) ?? 'created-date';
  const filters = parseFilters(body.Filters);

  const query: JsonObject = { filters: filters.map(({ key, values }) => ({ key, values })), sortOrder, sortBy };
  const start =
    nextToken === undefined
      ? 0
      : decodePageToken(nextToken, query, () => new SecretsManagerError('InvalidNextTokenException', 'The NextToken value is invalid.'));
  const matching = store
    .all()
    .filter((secret) => matchesFilters(secret, filters))
    .sort(comparator(sortBy));
  if (sortOrder === 'desc') matching.reverse();
  const page = matching.slice(start, start + pageSize);
  const end = start + page.length;
  return {
    SecretList: page.map((secret) => secretJson(secret, 'SecretVersionsToStages')),
    ...(end < matching.length ? { NextToken: encodePageToken(query, end) } : {}),
  };
}

function createSecret(store: SecretStore, body: JsonObject): JsonObject {
  const fields = fieldsOf(body);
  const name = fields.requiredString('Name', MAX_NAME_LENGTH, 1);
  assertSecretName(name);
  const token = clientRequestToken(fields);
  const value = secretValue(fields, 'optional');
  const description = fields.optionalString('Description', MAX_DESCRIPTION);
  const kmsKeyId = fields.optionalString('KmsKeyId', MAX_KMS_KEY_ID);
  const tags = parseTags(body.Tags);
  fields.optionalBoolean('ForceOverwriteReplicaSecret');
  if (Array.isArray(body.AddReplicaRegions) && body.AddReplicaRegions.length > 0) {
    throw new SecretsManagerError('InvalidParameterException', 'The local Secrets Manager twin does not replicate secrets to other Regions.');
  }

  const existing = store.byName(name);
  if (existing) {
    // A retried call (same token, same value) succeeds without change, as AWS's idempotency promises.
    const retried = versionById(existing, token);
    if (retried && value && sameValue(retried.value, value)) return { ARN: existing.arn, Name: existing.name, VersionId: retried.versionId };
    if (retried) throw tokenInUse(token, existing);
    throw new SecretsManagerError('ResourceExistsException', `The operation failed because the secret ${name} already exists.`);
  }
  const secret = store.create({
    name,
    ...(value ? { value, versionId: token } : {}),
    ...(description !== undefined ? { description } : {}),
    ...(kmsKeyId !== undefined ? { kmsKeyId } : {}),
    tags,
  });
  return { ARN: secret.arn, Name: secret.name, ...(value ? { VersionId: token } : {}) };
}

function putSecretValue(store: SecretStore, body: JsonObject): JsonObject {
  const fields = fieldsOf(body);
  const secretId = fields.requiredString('SecretId', MAX_SECRET_ID, 1);
  const token = clientRequestToken(fields);
  const value = secretValue(fields, 'required');
  const stages = parseStages(body.VersionStages) ?? [AWSCURRENT];
  fields.optionalString('RotationToken', 256, 36);
  const secret = store.resolve(secretId);

  const retried = versionById(secret, token);
  if (retried) {
    if (!sameValue(retried.value, value)) throw tokenInUse(token, secret);
    return { ARN: secret.arn, Name: secret.name, VersionId: retried.versionId, VersionStages: [...retried.stages] };
  }
  const version = addVersion(secret, token, value, stages);
  return { ARN: secret.arn, Name: secret.name, VersionId: version.versionId, VersionStages: [...version.stages] };
}

/**
 * The SDKs and the CLI generate a ClientRequestToken when the caller gives none (it becomes the VersionId);
 * AWS refuses a raw request without one.
 */
function clientRequestToken(fields: RequestFields): string {
  const token = fields.optionalString('ClientRequestToken', MAX_TOKEN, MIN_TOKEN);
  if (token === undefined) throw new SecretsManagerError('InvalidRequestException', 'You must provide a ClientRequestToken value. We recommend a UUID-type value.');
  return token;
}

function secretValue(fields: RequestFields, presence: 'required'): SecretValue;
function secretValue(fields: RequestFields, presence: 'optional'): SecretValue | undefined;
function secretValue(fields: RequestFields, presence: 'required' | 'optional'): SecretValue | undefined {
  const string = fields.optionalString('SecretString', MAX_SECRET_VALUE);
  // A blob: base64 text in JSON; AWS's limit is on the decoded bytes.
  const binary = fields.optionalString('SecretBinary');
  if (binary !== undefined && Buffer.from(binary, 'base64').length > MAX_SECRET_VALUE) {
    throw validationError(`Value at 'secretBinary' failed to satisfy constraint: Member must have length less than or equal to ${MAX_SECRET_VALUE}`);
  }
  if (string !== undefined && binary !== undefined) {
    throw new SecretsManagerError('InvalidParameterException', "You can't specify both a binary secret value and a string secret value in the same secret.");
  }
  if (string !== undefined) return { string };
  if (binary !== undefined) return { binary };
  if (presence === 'required') throw new SecretsManagerError('InvalidRequestException', 'You must provide either SecretString or SecretBinary.');
  return undefined;
}

function tokenInUse(token: string, secret: Secret): SecretsManagerError {
  return new SecretsManagerError(
    'ResourceExistsException',
    `You can't use ClientRequestToken ${token} because that value is already in use for a version of secret ${secret.arn}.`,
  );
}

function parseStages(raw: JsonValue | undefined): string[] | undefined {
  if (raw === undefined || raw === null) return undefined;
  if (!Array.isArray(raw) || raw.length < 1 || raw.length > 20) {
    throw validationError("Value at 'versionStages' failed to satisfy constraint: Member must have length between 1 and 20");
  }
  return raw.map((stage, index) => {
    if (typeof stage !== 'string' || stage.length < 1 || stage.length > MAX_STAGE) {
      throw validationError(`Value at 'versionStages.${index + 1}.member' failed to satisfy constraint: Member must have length between 1 and ${MAX_STAGE}`);
    }
    return stage;
  });
}

function parseTags(raw: JsonValue | undefined): Secret['tags'] {
  if (raw === undefined || raw === null) return [];
  if (!Array.isArray(raw) || raw.length > 50) throw validationError("Value at 'tags' failed to satisfy constraint: Member must have length less than or equal to 50");
  return raw.map((tag, index) => {
    const { Key: key, Value: value } = isJsonObject(tag) ? tag : {};
    if (typeof key !== 'string' || key.length < 1 || key.length > 128 || typeof value !== 'string' || value.length > 256) {
      throw validationError(`Value at 'tags.${index + 1}.member' failed to satisfy constraint: Key must be 1 to 128 characters and Value at most 256`);
    }
    return { Key: key, Value: value };
  });
}

function enumMember<T extends string>(value: string | undefined, label: string, allowed: readonly T[]): T | undefined {
  if (value === undefined) return undefined;
  if (!(allowed as readonly string[]).includes(value)) {
    throw validationError(`Value '${value}' at '${label}' failed to satisfy constraint: Member must satisfy enum value set: [${allowed.join(', ')}]`);
  }
  return value as T;
}

function comparator(sortBy: 'created-date' | 'last-accessed-date' | 'last-changed-date' | 'name'): (a: Secret, b: Secret) => number {
  switch (sortBy) {
    case 'name':
      return (a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0);
    case 'last-accessed-date':
      return (a, b) => (a.lastAccessedMs ?? 0) - (b.lastAccessedMs ?? 0);
    case 'last-changed-date':
      return (a, b) => a.lastChangedMs - b.lastChangedMs;
    case 'created-date':
      return (a, b) => a.createdMs - b.createdMs;
  }
}

function valueJson(value: SecretValue): JsonObject {
  return value.string !== undefined ? { SecretString: value.string } : { SecretBinary: value.binary };
}

/** DescribeSecret's answer, or one ListSecrets entry (they differ in the name of the stages map). */
function secretJson(secret: Secret, stagesMember: 'VersionIdsToStages' | 'SecretVersionsToStages'): JsonObject {
  const labelled = secret.versions.filter((version) => version.stages.length > 0);
  return {
    ARN: secret.arn,
    Name: secret.name,
    ...(secret.description !== undefined ? { Description: secret.description } : {}),
    ...(secret.kmsKeyId !== undefined ? { KmsKeyId: secret.kmsKeyId } : {}),
    LastChangedDate: epochSeconds(secret.lastChangedMs),
    ...(secret.lastAccessedMs !== undefined ? { LastAccessedDate: epochSeconds(secret.lastAccessedMs) } : {}),
    ...(secret.tags.length > 0 ? { Tags: secret.tags.map((tag) => ({ ...tag })) } : {}),
    ...(labelled.length > 0 ? { [stagesMember]: Object.fromEntries(labelled.map((version) => [version.versionId, [...version.stages]])) } : {}),
    CreatedDate: epochSeconds(secret.createdMs),
  };
}
