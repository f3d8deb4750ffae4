import { randomInt, randomUUID } from 'node:crypto';
import { invalidName, secretNotFound } from './errors';

export const AWSCURRENT = 'AWSCURRENT';
export const AWSPREVIOUS = 'AWSPREVIOUS';

/** One version's value: exactly one of the two is set (SecretBinary travels base64-encoded in JSON). */
export type SecretValue = { string: string; binary?: undefined } | { binary: string; string?: undefined };

export interface SecretVersion {
  versionId: string;
  value: SecretValue;
  /** Staging labels; a version without any is deprecated (kept, but not listed). */
  stages: string[];
  createdMs: number;
}

export interface Secret {
  name: string;
  arn: string;
  description?: string;
  kmsKeyId?: string;
  tags: Array<{ Key: string; Value: string }>;
  createdMs: number;
  lastChangedMs: number;
  /** Midnight UTC of the day of the last GetSecretValue, as AWS reports it; absent until then. */
  lastAccessedMs?: number;
  /** In creation order. */
  versions: SecretVersion[];
}

export interface SecretLocation {
  region: string;
  accountId: string;
}

/** The characters AWS allows in a secret name. */
const SECRET_NAME = /^[A-Za-z0-9/_+=.@-]+$/;
export const MAX_NAME_LENGTH = 512;
/** The hyphen and six characters AWS appends to a name in the ARN; a partial ARN must not end like this. */
const ARN_SUFFIX = /-[A-Za-z0-9]{6}$/;
const SUFFIX_ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';

export function assertSecretName(name: string): void {
  if (!SECRET_NAME.test(name)) throw invalidName();
}

/** The secrets of one account and region, in creation order. */
export class SecretStore {
  private readonly secrets: Secret[] = [];

  constructor(private readonly location: SecretLocation) {}

  all(): readonly Secret[] {
    return this.secrets;
  }

  byName(name: string): Secret | undefined {
    return this.secrets.find((secret) => secret.name === name);
  }

  /**
   * Resolves a SecretId as AWS does: a name, a full ARN, or a partial ARN (the ARN without its `-xxxxxx`
   * suffix; one that itself ends like a suffix is taken for a full ARN). Throws ResourceNotFoundException.
   */
  resolve(secretId: string): Secret {
    if (!secretId.startsWith('arn:')) {
      assertSecretName(secretId);
      const secret = this.byName(secretId);
      if (!secret) throw secretNotFound();
      return secret;
    }
    const exact = this.secrets.find((secret) => secret.arn === secretId);
    if (exact) return exact;
    if (!ARN_SUFFIX.test(secretId)) {
      const partial = this.secrets.find((secret) => secret.arn.slice(0, -7) === secretId);
      if (partial) return partial;
    }
    throw secretNotFound();
  }

  /** Adds a secret, with a first version when a value is given; the caller has checked the name is free. */
  create(fields: { name: string; value?: SecretValue; versionId?: string; description?: string; kmsKeyId?: string; tags?: Secret['tags'] }): Secret {
    const now = Date.now();
    const secret: Secret = {
      name: fields.name,
      arn: `arn:aws:secretsmanager:${this.location.region}:${this.location.accountId}:secret:${fields.name}-${randomSuffix()}`,
      tags: fields.tags ?? [],
      createdMs: now,
      lastChangedMs: now,
      versions: [],
    };
    if (fields.description !== undefined) secret.description = fields.description;
    if (fields.kmsKeyId !== undefined) secret.kmsKeyId = fields.kmsKeyId;
    if (fields.value) addVersion(secret, fields.versionId ?? randomUUID(), fields.value, [AWSCURRENT]);
    this.secrets.push(secret);
    return secret;
  }
}

export function versionById(secret: Secret, versionId: string): SecretVersion | undefined {
  return secret.versions.find((version) => version.versionId === versionId);
}

export function versionByStage(secret: Secret, stage: string): SecretVersion | undefined {
  return secret.versions.find((version) => version.stages.includes(stage));
}

/**
 * Adds a version holding `stages`, taking each label off the version that had it. When AWSCURRENT moves,
 * the version it left gets AWSPREVIOUS (moved likewise). The first version of a secret is always AWSCURRENT.
 */
export function addVersion(secret: Secret, versionId: string, value: SecretValue, stages: readonly string[]): SecretVersion {
  const labels = [...new Set(stages)];
  if (secret.versions.length === 0 && !labels.includes(AWSCURRENT)) labels.push(AWSCURRENT);
  const formerCurrent = labels.includes(AWSCURRENT) ? versionByStage(secret, AWSCURRENT) : undefined;
  for (const label of labels) {
    for (const version of secret.versions) version.stages = version.stages.filter((stage) => stage !== label);
  }
  if (formerCurrent && !labels.includes(AWSPREVIOUS)) {
    for (const version of secret.versions) version.stages = version.stages.filter((stage) => stage !== AWSPREVIOUS);
    formerCurrent.stages.push(AWSPREVIOUS);
  }
  const now = Date.now();
  const version: SecretVersion = { versionId, value, stages: labels, createdMs: now };
  secret.versions.push(version);
  secret.lastChangedMs = now;
  return version;
}

export function sameValue(a: SecretValue, b: SecretValue): boolean {
  return a.string === b.string && a.binary === b.binary;
}

function randomSuffix(): string {
  let suffix = '';
  for (let i = 0; i < 6; i += 1) suffix += SUFFIX_ALPHABET[randomInt(SUFFIX_ALPHABET.length)];
  return suffix;
}
