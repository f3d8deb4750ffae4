import { readFileSync } from 'node:fs';
import type { Node } from 'constructs';
import { providerIdentitySchema, type ProviderIdentity } from '../../functions/domain/provider';
import { EXAMPLE_PROVIDER, STAGE_DEFAULTS, type StageConfig } from '../stage-config';

export type DeployedStage = keyof typeof STAGE_DEFAULTS;

/**
 * Deploy-time values that name real people or mailboxes. They come from context
 * (`-c senderAddress=...`) so no personal address is committed.
 */
const DEPLOY_VALUES = ['senderAddress', 'analystAddresses', 'opsAddresses', 'alarmEmail'] as const;
type DeployValue = (typeof DEPLOY_VALUES)[number];

/** Obviously fake values so `cdk synth` works for dev without any flags; never used in prod. */
const DEV_PLACEHOLDERS = {
  senderAddress: 'Break & Fix Onboarding (dev) <onboarding-dev@example.com>',
  analystAddresses: 'analysts-dev@example.com',
  opsAddresses: 'ops-dev@example.com',
} as const;

export class StageContextError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'StageContextError';
  }
}

function isDeployedStage(value: string): value is DeployedStage {
  return Object.hasOwn(STAGE_DEFAULTS, value);
}

/** Context values arrive as strings from `-c` and as JSON values from cdk.json or tests. */
function readContext(node: Node, key: string): string | undefined {
  const value: unknown = node.tryGetContext(key);
  if (value === undefined || value === null || value === '') return undefined;
  if (Array.isArray(value)) return value.map(String).join(',');
  if (typeof value === 'string') return value;
  throw new StageContextError(`Context "${key}" must be a string, got ${typeof value}`);
}

function addressList(raw: string): string[] {
  return raw
    .split(',')
    .map((address) => address.trim())
    .filter(Boolean);
}

/**
 * The provider's legal identity from `-c providerFile=provider.json` (a JSON file beside cdk.json);
 * dev falls back to the example identity, prod must be given the real one.
 */
function providerFrom(node: Node, stage: DeployedStage): ProviderIdentity {
  const file = readContext(node, 'providerFile');
  if (file === undefined) {
    if (stage === 'prod') throw new StageContextError('Stage prod needs the provider\'s legal identity: -c providerFile=provider.json (see README)');
    return EXAMPLE_PROVIDER;
  }
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(file, 'utf8'));
  } catch (error) {
    throw new StageContextError(`providerFile ${file} is not readable JSON: ${(error as Error).message}`);
  }
  const parsed = providerIdentitySchema.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new StageContextError(`providerFile ${file}: ${issue.path.join('.') || '(root)'}: ${issue.message}`);
  }
  return parsed.data;
}

/** Builds the stage's config from `-c stage=dev|prod` (default dev) and the deploy-time values. */
export function stageConfigFromContext(node: Node): StageConfig {
  const stage = readContext(node, 'stage') ?? 'dev';
  if (!isDeployedStage(stage)) {
    throw new StageContextError(`Unknown stage "${stage}": use -c stage=${Object.keys(STAGE_DEFAULTS).join('|')}`);
  }

  const given = Object.fromEntries(DEPLOY_VALUES.map((key) => [key, readContext(node, key)])) as Record<
    DeployValue,
    string | undefined
  >;
  if (stage === 'prod') {
    const missing = DEPLOY_VALUES.filter((key) => given[key] === undefined);
    if (missing.length > 0) {
      throw new StageContextError(
        `Stage prod needs real addresses; missing ${missing.map((key) => `-c ${key}=...`).join(' ')}`,
      );
    }
  }

  const config: StageConfig = {
    ...STAGE_DEFAULTS[stage],
    senderAddress: given.senderAddress ?? DEV_PLACEHOLDERS.senderAddress,
    analystAddresses: addressList(given.analystAddresses ?? DEV_PLACEHOLDERS.analystAddresses),
    opsAddresses: addressList(given.opsAddresses ?? DEV_PLACEHOLDERS.opsAddresses),
    // No placeholder: a subscription to a fake mailbox would only bounce. Dev alarms stay in the console.
    alarmEmail: given.alarmEmail,
    provider: providerFrom(node, stage),
  };
  if (config.analystAddresses.length === 0 || config.opsAddresses.length === 0) {
    throw new StageContextError('analystAddresses and opsAddresses need at least one address each');
  }
  return config;
}
