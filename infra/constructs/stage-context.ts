import { readFileSync } from 'node:fs';
import type { Node } from 'constructs';
import { providerIdentitySchema, type ProviderIdentity } from '../../functions/domain/provider';
import { mailboxOf } from './email';
import { DEFAULT_LOGIN_CALLBACK_PORT, DEFAULT_REGION, EXAMPLE_PROVIDER, STAGE_DEFAULTS, type StageConfig } from '../stage-config';

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

/**
 * Cognito's rules for a domain prefix: lowercase letters, digits and inner hyphens, at most 63
 * characters, and none of the reserved words. Checked here so a bad prefix fails at synth, not
 * half-way through a deploy.
 */
const DOMAIN_PREFIX = /^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/;
const RESERVED_IN_PREFIX = ['aws', 'amazon', 'cognito'] as const;

/** `-c authDomainPrefix=`: required for prod (prefixes are global per region); dev derives one from the account id. */
function authDomainPrefixFrom(node: Node, stage: DeployedStage): string | undefined {
  const prefix = readContext(node, 'authDomainPrefix');
  if (prefix === undefined) {
    if (stage === 'prod') {
      throw new StageContextError(
        'Stage prod needs the staff sign-in domain prefix: -c authDomainPrefix=... ' +
          '(e.g. breakfix-onboarding; it must be unused by any AWS account in the region, see README)',
      );
    }
    return undefined;
  }
  if (!DOMAIN_PREFIX.test(prefix)) {
    throw new StageContextError(
      `authDomainPrefix "${prefix}" is not a Cognito domain prefix: use 1-63 lowercase letters, digits and hyphens, ` +
        'not starting or ending with a hyphen',
    );
  }
  const reserved = RESERVED_IN_PREFIX.find((word) => prefix.includes(word));
  if (reserved) throw new StageContextError(`authDomainPrefix "${prefix}" contains "${reserved}", which Cognito does not allow in a prefix`);
  return prefix;
}

/** `-c loginCallbackPort=`: the port `npm run login` listens on; a number in cdk.json, a string from `-c`. */
function loginCallbackPortFrom(node: Node): number {
  const value: unknown = node.tryGetContext('loginCallbackPort');
  if (value === undefined || value === null || value === '') return DEFAULT_LOGIN_CALLBACK_PORT;
  const port = typeof value === 'number' ? value : typeof value === 'string' && /^\d+$/.test(value) ? Number(value) : NaN;
  if (!Number.isInteger(port) || port < 1024 || port > 65535) {
    throw new StageContextError(`loginCallbackPort must be a port number from 1024 to 65535, got ${JSON.stringify(value)}`);
  }
  return port;
}

/** Region names such as eu-west-1, eu-central-1, us-gov-west-1. */
const REGION = /^[a-z]{2}(?:-gov)?-[a-z]+-\d$/;

/**
 * `-c region=`, else the CDK environment's region (`CDK_DEFAULT_REGION`, set by the CLI from the
 * profile), else eu-west-1. SES, Cognito managed login and every other service used exist there.
 */
function regionFrom(node: Node): string {
  const region = readContext(node, 'region') ?? process.env.CDK_DEFAULT_REGION ?? DEFAULT_REGION;
  if (!REGION.test(region)) throw new StageContextError(`region "${region}" is not an AWS region name such as eu-west-1`);
  return region;
}

/** A DNS domain name such as example.nl or mail.breakfix.example.nl (lowercase labels, a dot at least). */
const DOMAIN_NAME = /^(?=.{1,253}$)(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/;

/**
 * `-c senderDomain=`: the domain SES signs for (DKIM) and bounces through (MAIL FROM). The sender
 * address must be on it, or SES would send from an identity the stack never verified.
 */
function senderDomainFrom(node: Node, senderAddress: string): string | undefined {
  const domain = readContext(node, 'senderDomain')?.trim().toLowerCase();
  if (domain === undefined) return undefined;
  if (!DOMAIN_NAME.test(domain)) throw new StageContextError(`senderDomain "${domain}" is not a domain name such as example.nl`);
  let mailbox: string;
  try {
    mailbox = mailboxOf(senderAddress);
  } catch (error) {
    throw new StageContextError((error as Error).message);
  }
  const addressDomain = mailbox.slice(mailbox.lastIndexOf('@') + 1).toLowerCase();
  if (addressDomain !== domain) {
    throw new StageContextError(
      `senderAddress must be an address on senderDomain ${domain} (-c senderAddress=...@${domain}), got one on ${addressDomain}`,
    );
  }
  return domain;
}

/** A DNS host name of at least two labels, lowercase (API Gateway stores custom domains in lowercase). */
const HOST_NAME = /^(?=.{4,253}$)(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/;
const CERTIFICATE_ARN = /^arn:aws[a-z-]*:acm:([a-z0-9-]+):\d{12}:certificate\/[0-9a-f-]{36}$/;

/** `-c apiDomain=` and `-c certificateArn=`: both or neither; the certificate in the stack's region. */
function apiDomainFrom(node: Node, region: string): StageConfig['apiDomain'] {
  const domainName = readContext(node, 'apiDomain');
  const certificateArn = readContext(node, 'certificateArn');
  if (domainName === undefined && certificateArn === undefined) return undefined;
  if (domainName === undefined || certificateArn === undefined) {
    throw new StageContextError('apiDomain and certificateArn go together: -c apiDomain=onboarding.your-domain.nl -c certificateArn=arn:aws:acm:…');
  }
  if (!HOST_NAME.test(domainName)) throw new StageContextError(`apiDomain "${domainName}" is not a lowercase DNS host name such as onboarding.your-domain.nl`);
  const certificateRegion = CERTIFICATE_ARN.exec(certificateArn)?.[1];
  if (certificateRegion === undefined) throw new StageContextError(`certificateArn "${certificateArn}" is not an ACM certificate ARN (arn:aws:acm:<region>:<account>:certificate/<id>)`);
  if (certificateRegion !== region) {
    throw new StageContextError(`certificateArn is in ${certificateRegion}, but a regional API domain needs its certificate in the stack's region ${region}`);
  }
  return { domainName, certificateArn };
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

  const region = regionFrom(node);
  const apiDomain = apiDomainFrom(node, region);
  const config: StageConfig = {
    ...STAGE_DEFAULTS[stage],
    region,
    ...(apiDomain ? { apiDomain } : {}),
    senderAddress: given.senderAddress ?? DEV_PLACEHOLDERS.senderAddress,
    senderDomain: senderDomainFrom(node, given.senderAddress ?? DEV_PLACEHOLDERS.senderAddress),
    analystAddresses: addressList(given.analystAddresses ?? DEV_PLACEHOLDERS.analystAddresses),
    opsAddresses: addressList(given.opsAddresses ?? DEV_PLACEHOLDERS.opsAddresses),
    // No placeholder: a subscription to a fake mailbox would only bounce. Dev alarms stay in the console.
    alarmEmail: given.alarmEmail,
    provider: providerFrom(node, stage),
    authDomainPrefix: authDomainPrefixFrom(node, stage),
    loginCallbackPort: loginCallbackPortFrom(node),
  };
  if (config.analystAddresses.length === 0 || config.opsAddresses.length === 0) {
    throw new StageContextError('analystAddresses and opsAddresses need at least one address each');
  }
  return config;
}
