import type { Agreement } from '../domain/agreement';
import type { ClientLink } from '../domain/client-link';
import { retainUntil, type DecisionEvidence } from '../domain/decision-evidence';
import { useLink } from '../adapters/dynamodb/link-repository';
import { findOnboarding } from '../adapters/dynamodb/onboarding-repository';
import { deliverCallback } from '../application/callback-delivery';
import { ENV, requireEnv } from '../runtime/env';
import { logger } from '../runtime/observability';
import type { DecisionInput } from './decision-form';

/** Years the decision's evidence is kept (stage config: 7, Dutch retention of business records), read once. */
const RETENTION_YEARS = retentionYears(requireEnv(ENV.evidenceRetentionYears));

function retentionYears(value: string): number {
  const years = Number(value);
  if (!Number.isInteger(years) || years < 1 || years > 100) throw new Error(`${ENV.evidenceRetentionYears} must be a whole number of years (1–100), not ${value}`);
  return years;
}

/**
 * Records the client's decision on the link once, with its evidence on its own item (kept for the
 * retention years, after the link item is gone), then resumes the waiting workflow. If the wait was
 * restarting after a reminder, the next wait finds the decision stored.
 */
export async function recordClientDecision(input: {
  link: ClientLink;
  agreement: Agreement;
  decision: DecisionInput;
  ip: string;
  userAgent: string;
  now: Date;
}): Promise<{ outcome: 'recorded'; evidence: DecisionEvidence } | { outcome: 'already-used'; link: ClientLink } | { outcome: 'expired' | 'not-found' }> {
  const at = input.now.toISOString();
  const offerPdfSha256 = await offerPdfHash(input.link);
  const evidence: DecisionEvidence = {
    ...input.decision,
    at,
    ip: input.ip,
    userAgent: input.userAgent.slice(0, 512),
    documentHash: input.agreement.documentHash,
    onboardingId: input.link.onboardingId,
    agreementVersion: input.link.agreementVersion,
    linkPurpose: input.link.purpose,
    ...(offerPdfSha256 ? { offerPdfSha256 } : {}),
    retainUntil: retainUntil(at, RETENTION_YEARS),
  };
  const result = await useLink(input.link.tokenHash, evidence);
  if (result.outcome === 'already-used') return { outcome: 'already-used', link: result.link! };
  if (result.outcome !== 'recorded') return { outcome: result.outcome };
  // Undeliverable now: recorded for SweepCallbacks; the client sees the decision taken, not a 503 asking to repeat it.
  const resumed = await deliverCallback({
    taskToken: result.link.taskToken,
    output: { decision: evidence.decision },
    onboardingId: input.link.onboardingId,
    purpose: 'client-decision',
    now: input.now,
  });
  // IP, user agent and name are personal data: stored as evidence, never logged.
  logger.info('client decision recorded', { onboardingId: input.link.onboardingId, agreementVersion: input.link.agreementVersion, decision: evidence.decision, resumed });
  return { outcome: 'recorded', evidence };
}

/** The SHA-256 of the offer PDF the client was e-mailed for this version, when one was kept. */
async function offerPdfHash(link: ClientLink): Promise<string | undefined> {
  const summary = (await findOnboarding(link.onboardingId))?.agreement;
  return summary?.version === link.agreementVersion ? summary.offerPdf?.sha256 : undefined;
}
