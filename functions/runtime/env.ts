/**
 * Environment variables the functions read. CDK sets them per function from the catalog's grants
 * and the stage config; the local twin sets the same names before it loads any handler. Each is
 * read once, at module scope, by the one module that needs it, through `requireEnv`, which throws
 * a named error when it is missing: a function without the grant fails at start, not halfway
 * through a step. A module that reads a grant's variable is imported only by functions with that
 * grant (test/infra/function-init.test.ts loads every bundle with exactly CDK's environment).
 */
export const ENV = {
  /** The single DynamoDB table (grant: table). */
  tableName: 'TABLE_NAME',
  /** The onboarding state machine (grant: stateMachine start). */
  stateMachineArn: 'STATE_MACHINE_ARN',
  /** Verified SES sender, e.g. "Break & Fix <onboarding@example.nl>" (grant: email). */
  senderAddress: 'SENDER_ADDRESS',
  /** The SES configuration set every send names: reputation metrics and bounce/complaint events (grant: email). */
  sesConfigurationSet: 'SES_CONFIGURATION_SET',
  /** Comma-separated analyst addresses (stage config). */
  analystAddresses: 'ANALYST_ADDRESSES',
  /** Comma-separated operations addresses alerted on failures (stage config). */
  opsAddresses: 'OPS_ADDRESSES',
  /** JSON of the workflow policy passed to every execution (stage config). */
  workflowPolicy: 'WORKFLOW_POLICY',
  /** JSON of the rate card used until an admin stores one (stage config). */
  defaultRateCard: 'DEFAULT_RATE_CARD',
  /** The API's public URL, without a trailing slash, for client links (grant: publicBaseUrl). */
  publicBaseUrl: 'PUBLIC_BASE_URL',
  /** JSON array of extra closed days (YYYY-MM-DD) for the business-hours clock (stage config). */
  extraClosedDays: 'EXTRA_CLOSED_DAYS',
  /** JSON of the provider's legal identity (name, address, KvK, btw-id, IBAN, terms URL) (stage config). */
  providerIdentity: 'PROVIDER_IDENTITY',
  /** Years the evidence of a client's decision is kept (stage config; 7, Dutch retention of business records). */
  evidenceRetentionYears: 'EVIDENCE_RETENTION_YEARS',
  /** JSON of the hours an onboarding may stay in each status before it counts as stuck (stage config; grant: stuckAfterHours). */
  stuckAfterHours: 'STUCK_AFTER_HOURS',
  /** Secrets Manager secret whose value signs client links (grant: linkSigningKey). */
  linkSigningSecretArn: 'LINK_SIGNING_SECRET_ARN',
  /** The staff app client's id (Cognito user-pool client; `local-twin-app-client` on the twin) (grant: staffSignIn). */
  staffClientId: 'STAFF_CLIENT_ID',
  /**
   * The staff sign-in's base URL, without a trailing slash, under which `/oauth2/authorize` and
   * `/oauth2/token` live: the Cognito domain on AWS, `<api url>/local-issuer` on the twin (grant: staffSignIn).
   */
  staffSignInUrl: 'STAFF_SIGN_IN_URL',
} as const;

export type EnvName = (typeof ENV)[keyof typeof ENV];

export class MissingConfigurationError extends Error {
  constructor(readonly variable: string) {
    super(`Environment variable ${variable} is not set`);
    this.name = 'MissingConfigurationError';
  }
}

export function requireEnv(name: EnvName): string {
  const value = process.env[name];
  if (value === undefined || value === '') throw new MissingConfigurationError(name);
  return value;
}

export function requireEnvList(name: EnvName): string[] {
  return requireEnv(name)
    .split(',')
    .map((item) => item.trim())
    .filter(Boolean);
}
