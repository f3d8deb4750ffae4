import type { ClientDecisionEvidence } from './client-link';
import type { LinkPurpose } from './link-token';

/**
 * The evidence of a client's decision, kept on its own item for the retention period (7 years)
 * after the link item is gone: who decided what, when, from where, on which document and PDF,
 * through which kind of link. It is what the decided PDF's evidence page prints.
 */
export interface DecisionEvidence extends ClientDecisionEvidence {
  onboardingId: string;
  agreementVersion: number;
  /** The link's purpose (HMAC domain): the method by which the client was identified. */
  linkPurpose: LinkPurpose;
  /** SHA-256 of the offer PDF the client was sent (absent when the version had none). */
  offerPdfSha256?: string;
  /** Until when the evidence is kept (ISO): decision + retention years. */
  retainUntil: string;
}

/** decision + `years` calendar years, in UTC (29 February falls back to 28 February). */
export function retainUntil(decidedAt: string, years: number): string {
  const at = new Date(decidedAt);
  const target = new Date(at);
  target.setUTCFullYear(at.getUTCFullYear() + years);
  if (target.getUTCMonth() !== at.getUTCMonth()) target.setUTCDate(0);
  return target.toISOString();
}
