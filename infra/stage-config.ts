import type { RateCard } from '../functions/domain/rate-card';
import type { ProviderIdentity } from '../functions/domain/provider';
import type { StuckAfterHours } from '../functions/domain/stuck-onboardings';
import type { WorkflowPolicy } from '../functions/domain/workflow-policy';

/**
 * What differs per stage. `cdk deploy -c stage=prod` picks one; values a deployer must supply
 * (addresses) come from context (`-c senderAddress=...`) so no personal address is committed.
 */
export interface StageConfig {
  stage: 'dev' | 'prod' | 'local';
  region: string;
  senderAddress: string;
  /**
   * `-c senderDomain=example.nl`: send from a domain identity with Easy DKIM and a custom MAIL FROM
   * (`mail.<domain>`) instead of the sender's address alone. senderAddress must be on this domain.
   */
  senderDomain?: string;
  analystAddresses: string[];
  opsAddresses: string[];
  alarmEmail?: string;
  policy: WorkflowPolicy;
  /** Seeds the table's rate card until an admin PUTs one. */
  defaultRateCard: RateCard;
  logRetentionDays: number;
  /**
   * Days the API's access logs are kept. They hold each caller's IP address and user agent
   * (personal data under the GDPR), kept only to investigate abuse and incidents: shorter than the
   * other logs.
   */
  accessLogRetentionDays: number;
  /** prod: deletion protection and RETAIN on the table and user pool. */
  protectData: boolean;
  /** Who contracts with the client, on every agreement, PDF and report. prod takes it from `-c providerFile=`. */
  provider: ProviderIdentity;
  /** Years a client's decision evidence is kept after the decision (Dutch retention of business records: 7). */
  evidenceRetentionYears: number;
  /** Days the service desk is closed besides weekends and Dutch public holidays (YYYY-MM-DD), e.g. 5 May in a lustrum year. */
  extraClosedDays: string[];
  /**
   * Prefix of the staff sign-in domain, `https://<prefix>.auth.<region>.amazoncognito.com`. Prefixes
   * are shared by every AWS account in a region, so it comes from `-c authDomainPrefix=` (required
   * for prod); without it dev uses `breakfix-dev-<account id>`.
   */
  authDomainPrefix?: string;
  /**
   * Port of `npm run login`'s callback, `http://localhost:<port>/callback`. Cognito compares
   * callback URLs exactly, port included, so the CLI always listens on this one port.
   */
  loginCallbackPort: number;
  /**
   * `-c apiDomain=` with `-c certificateArn=`: a host name of the provider's own (e.g.
   * onboarding.breakfix.nl) for the API, so client links carry it instead of execute-api's. The ACM
   * certificate must be in the stack's region; the DNS record is created by hand (no hosted-zone lookup).
   */
  apiDomain?: { domainName: string; certificateArn: string };
  /** How long a staff refresh token lasts: `npm run login -- --refresh` works this long without a new sign-in. */
  refreshTokenDays: number;
  /**
   * Hours an onboarding may stay in each non-terminal status before the hourly sweep counts it as
   * stuck (metric StuckOnboardings, alarmed). Not part of the workflow policy: no execution reads it.
   */
  stuckAfterHours: StuckAfterHours;
}

/** The CLI's default callback port; `-c loginCallbackPort=` changes it per stage. */
export const DEFAULT_LOGIN_CALLBACK_PORT = 8976;

/** A staff member signs in again with password and TOTP at least weekly. */
const REFRESH_TOKEN_DAYS = 7;

export const DEFAULT_REGION = 'eu-west-1';

const DAY = 24 * 60 * 60;

/**
 * On AWS the client's decision window is each agreement's own: the steps before the wait spread
 * the reminders over what is left of its validity (functions/domain/decision-wait.ts), so the
 * policy's cap is the schema's maximum and never binds. The twin and tests set a short cap.
 */
function deployedPolicy(): WorkflowPolicy {
  const decisionMaxReminders = 2;
  return {
    stepTimeoutSeconds: 60,
    analysisReminderSeconds: DAY,
    analysisMaxReminders: 2,
    decisionReminderSeconds: 31_536_000,
    decisionMaxReminders,
    releaseReminderSeconds: 4 * 60 * 60,
    releaseMaxReminders: 2,
    maxRevisions: 3,
    assignmentRecheckSeconds: 60 * 60,
    assignmentEscalateAfterSeconds: 4 * 60 * 60,
    assignmentQuietRecheckSeconds: DAY,
    resolutionWaitSeconds: DAY,
    monitoringSeconds: 14 * DAY,
    triageSeconds: 4 * 60 * 60,
    maxRounds: 10,
    maxClientReports: 10,
    feedbackValidSeconds: 30 * DAY,
  };
}

/**
 * Past each status's own waits: RECEIVED and REGISTERED last seconds; an analysis has been
 * reminded twice and escalated by day 3; a held offer has gone to operations after 12 hours; the
 * client's window is the rate card's validity (30 days; a card valid longer needs a higher value
 * here); tickets are resolved in days; monitoring lasts 14 days.
 */
const DEPLOYED_STUCK_AFTER_HOURS: StuckAfterHours = {
  RECEIVED: 1,
  REGISTERED: 1,
  AWAITING_ANALYSIS: 3 * 24,
  AWAITING_RELEASE: 2 * 24,
  AGREEMENT_SENT: 32 * 24,
  IMPLEMENTING: 14 * 24,
  MONITORING: 15 * 24,
};

/** An example identity for the twin and dev; prod must be given the real one (`-c providerFile=provider.json`). */
export const EXAMPLE_PROVIDER: ProviderIdentity = {
  legalName: 'Break & Fix IT B.V. (voorbeeld)',
  address: { street: 'Voorbeeldstraat 1', postalCode: '1234 AB', city: 'Utrecht', country: 'Nederland' },
  kvkNumber: '00000000',
  vatId: 'NL000000000B00',
  iban: 'NL00BANK0000000000',
  termsUrl: 'https://breakfix.example/algemene-voorwaarden',
};

/** Dutch retention for business records (art. 2:10 BW, art. 52 AWR): 7 years. */
const EVIDENCE_RETENTION_YEARS = 7;

/** 5 May is a public holiday in lustrum years (2025, 2030, …); date-holidays does not know it. */
const LUSTRUM_LIBERATION_DAYS = ['2030-05-05', '2035-05-05', '2040-05-05'];

/** The opening rate card: €95 an hour, surcharges, response and resolution times by priority, 21 % VAT, monthly invoices. */
export const DEFAULT_RATE_CARD: RateCard = {
  currency: 'EUR',
  hourlyRateCents: 9500,
  priorities: {
    critical: { surchargePercent: 150, responseTimeBusinessHours: 2, resolutionTimeBusinessHours: 8 },
    high: { surchargePercent: 125, responseTimeBusinessHours: 4, resolutionTimeBusinessHours: 16 },
    normal: { surchargePercent: 100, responseTimeBusinessHours: 8, resolutionTimeBusinessHours: 40 },
    low: { surchargePercent: 100, responseTimeBusinessHours: 24, resolutionTimeBusinessHours: 80 },
  },
  vatPercent: 21,
  invoicing: { frequency: 'monthly', paymentTermDays: 14 },
  minimumBillableMinutes: 15,
  validityDays: 30,
  reviewAboveCents: 250_000,
  analysisLimits: { maxHoursPerItem: 40, maxMaterialQuantity: 100, maxMaterialUnitCostCents: 500_000 },
};

export const STAGE_DEFAULTS: Record<'dev' | 'prod', Omit<StageConfig, 'senderAddress' | 'analystAddresses' | 'opsAddresses' | 'provider'>> = {
  dev: {
    stage: 'dev',
    region: DEFAULT_REGION,
    policy: deployedPolicy(),
    defaultRateCard: DEFAULT_RATE_CARD,
    logRetentionDays: 14,
    accessLogRetentionDays: 14,
    protectData: false,
    extraClosedDays: LUSTRUM_LIBERATION_DAYS,
    evidenceRetentionYears: EVIDENCE_RETENTION_YEARS,
    loginCallbackPort: DEFAULT_LOGIN_CALLBACK_PORT,
    refreshTokenDays: REFRESH_TOKEN_DAYS,
    stuckAfterHours: DEPLOYED_STUCK_AFTER_HOURS,
  },
  prod: {
    stage: 'prod',
    region: DEFAULT_REGION,
    policy: deployedPolicy(),
    defaultRateCard: DEFAULT_RATE_CARD,
    logRetentionDays: 365,
    accessLogRetentionDays: 90,
    protectData: true,
    extraClosedDays: LUSTRUM_LIBERATION_DAYS,
    evidenceRetentionYears: EVIDENCE_RETENTION_YEARS,
    loginCallbackPort: DEFAULT_LOGIN_CALLBACK_PORT,
    refreshTokenDays: REFRESH_TOKEN_DAYS,
    stuckAfterHours: DEPLOYED_STUCK_AFTER_HOURS,
  },
};

/** The twin's config: a short policy so a person can walk a whole onboarding in minutes. */
export const LOCAL_STAGE: StageConfig = {
  stage: 'local',
  region: DEFAULT_REGION,
  senderAddress: 'Break & Fix Onboarding <onboarding@breakfix.example>',
  analystAddresses: ['analysts@breakfix.example'],
  opsAddresses: ['ops@breakfix.example'],
  // Reminders after about 2 minutes, so a person can walk every path of an onboarding.
  policy: {
    stepTimeoutSeconds: 30,
    analysisReminderSeconds: 120,
    analysisMaxReminders: 2,
    decisionReminderSeconds: 120,
    decisionMaxReminders: 2,
    releaseReminderSeconds: 120,
    releaseMaxReminders: 2,
    maxRevisions: 3,
    assignmentRecheckSeconds: 60,
    assignmentEscalateAfterSeconds: 120,
    assignmentQuietRecheckSeconds: 600,
    resolutionWaitSeconds: 600,
    // About a minute of monitoring and a short triage, so a person sees the whole follow-up.
    monitoringSeconds: 60,
    triageSeconds: 20,
    maxRounds: 10,
    maxClientReports: 10,
    feedbackValidSeconds: 24 * 60 * 60,
  },
  defaultRateCard: DEFAULT_RATE_CARD,
  logRetentionDays: 1,
  accessLogRetentionDays: 1,
  protectData: false,
  extraClosedDays: LUSTRUM_LIBERATION_DAYS,
  provider: EXAMPLE_PROVIDER,
  evidenceRetentionYears: EVIDENCE_RETENTION_YEARS,
  loginCallbackPort: DEFAULT_LOGIN_CALLBACK_PORT,
  refreshTokenDays: REFRESH_TOKEN_DAYS,
  // Minutes, matching the short policy above: a walk that stalls shows up in the sweep's next run.
  stuckAfterHours: {
    RECEIVED: 5 / 60,
    REGISTERED: 5 / 60,
    AWAITING_ANALYSIS: 15 / 60,
    AWAITING_RELEASE: 15 / 60,
    AGREEMENT_SENT: 15 / 60,
    IMPLEMENTING: 1,
    MONITORING: 10 / 60,
  },
};
