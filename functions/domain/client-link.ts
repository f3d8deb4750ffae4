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

/**
 * The monitoring e-mail's link: the client reports new problems through it until the onboarding
 * is COMPLETED. Not single-use: it takes a bounded number of reports (see the aggregate's count).
 */
export interface ProblemLink {
  tokenHash: string;
  purpose: 'problem-report';
  onboardingId: string;
  createdAt: string;
  revokedAt?: string;
}

/** The report e-mail's single-use feedback link. */
export interface FeedbackLink {
  tokenHash: string;
  purpose: 'feedback';
  onboardingId: string;
  createdAt: string;
  validUntil: string;
  usedAt?: string;
  feedback?: Feedback;
}

export const FEEDBACK_SCORES = [1, 2, 3, 4, 5] as const;
export type FeedbackScore = (typeof FEEDBACK_SCORES)[number];
/** The optional comment's limit, announced by the form (maxlength) and enforced by the page's POST. */
export const FEEDBACK_COMMENT_MAX_LENGTH = 2000;

export interface Feedback {
  score: FeedbackScore;
  comment?: string;
  at: string;
}

export type PublicLink = ProblemLink | FeedbackLink;
