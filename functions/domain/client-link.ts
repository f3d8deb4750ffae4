import type { LinkPurpose } from './link-token';
import type { ClientDecision } from './onboarding';

/** A client's single-use link, stored under the SHA-256 of its token. */
export interface ClientLink {
  tokenHash: string;
  purpose: LinkPurpose;
  onboardingId: string;
  agreementVersion: number;
  /** The waiting task's token; replaced when the wait restarts after a reminder. */
  taskToken: string;
  createdAt: string;
  /** The link works until this instant (ISO). */
  validUntil: string;
  /** Whether the client may still ask for changes (bounded revisions). */
  allowChanges: boolean;
  revokedAt?: string;
  usedAt?: string;
  decision?: ClientDecisionEvidence;
}

/** What the client decided, with the evidence of who, when, from where, on which document. */
export interface ClientDecisionEvidence {
  decision: ClientDecision;
  name: string;
  comment?: string;
  at: string;
  ip: string;
  userAgent: string;
  documentHash: string;
}

/** Whether a link still takes a decision at `now`. */
export function linkState(link: ClientLink, now: Date): 'open' | 'used' | 'expired' {
  if (link.usedAt) return 'used';
  if (link.revokedAt || Date.parse(link.validUntil) <= now.getTime()) return 'expired';
  return 'open';
}
