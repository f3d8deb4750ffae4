import type { AgreementTotals } from './agreement';
import type { AnalysisItem } from './analysis';
import type { Contact, Impact, Intake, Locale } from './intake';
import { newIncidentId } from './ids';

export { ONBOARDING_STATUSES, TERMINAL_STATUSES, type OnboardingStatus } from './lifecycle';
import type { OnboardingStatus } from './lifecycle';

/** Who did something: a staff member, the client through a link, or the workflow itself. */
export type Actor =
  | { kind: 'staff'; sub: string; email: string }
  | { kind: 'client'; name: string }
  | { kind: 'system'; step: string };

export interface Incident {
  id: string;
  title: string;
  description: string;
  category: string;
  impact: Impact;
  affectedUsers?: number;
}

/** The aggregate: one item per onboarding, guarded by `version` for optimistic locking. */
export interface Onboarding {
  id: string;
  status: OnboardingStatus;
  /**
   * When the current status began: set with every status change. Absent on an aggregate stored
   * before it existed; `updatedAt`, which only a status change moves, stands for it there.
   */
  statusSince?: string;
  version: number;
  createdAt: string;
  updatedAt: string;
  accountManager: { sub: string; email: string };
  client: { companyName: string; kvkNumber?: string; vatNumber?: string; locale: Locale };
  contacts: Contact[];
  expectations: { summary: string };
  incidents: Incident[];
  failure?: OnboardingFailure;
  /** The last retry an admin asked for (POST /onboardings/{id}/retry); its execution is `<id>-r<attempt>`. */
  retryRequest?: RetryRequest;
  /** The last resumed attempt, set when its execution moved the onboarding out of FAILED. */
  recovery?: { attempt: number; resumeAt: string; resumedAt: string };
  /** 1 for the first analysis; one more for every change the client requests. */
  analysisRound: number;
  /** The latest analysis; every version is also kept as its own immutable item. */
  analysis?: SubmittedAnalysis;
  /** The workflow's task token while it waits for the analysis: secret, never shown. */
  pendingAnalysisTask?: { taskToken: string; since: string };
  /** The latest agreement version in brief; the whole document is its own immutable item. */
  agreement?: AgreementSummary;
  changeRequests: ChangeRequest[];
  /** The round of work being done or last done: 1 for the approved agreement's tickets. */
  round?: number;
  /** When the current round started (its StartRound's entered time): a retried start finds its own round. */
  roundStartedAt?: string;
  /** The highest incident number so far: the intake's count, one more per reported problem (inc-99 at most). */
  lastIncidentNumber?: number;
  /** Problems reported and not yet in a round: the next round takes them, and nothing completes while any wait. */
  pendingProblems?: number;
  /** Problems the client reported through the monitoring link (bounded). */
  clientReports?: number;
  /** The current monitoring period. */
  monitoring?: { since: string; until: string };
  /** The monitoring wait's task token: secret, never shown. */
  monitoringTask?: { taskToken: string; since: string };
  /** The release wait's task token while a held offer waits (AWAITING_RELEASE): secret, never shown. */
  releaseTask?: { taskToken: string; agreementVersion: number; since: string };
  /** What a staff member chose for a held version; stored by the route, applied by ApplyRelease. */
  releaseDecision?: ReleaseDecision;
}

/**
 * Why and where the onboarding failed. `resumeAt` is the state a retry resumes at (absent: it
 * cannot be resumed), `statusBefore` the status it goes back to, `nextAttempt` the retry's number.
 */
export interface OnboardingFailure {
  error: string;
  at: string;
  failedState?: string;
  resumeAt?: string;
  statusBefore?: OnboardingStatus;
  nextAttempt?: number;
}

export interface RetryRequest {
  attempt: number;
  resumeAt: string;
  at: string;
  by: { sub: string; email: string };
}

/** A staff member's release (to the client) or return (to the analysts) of a held agreement version. */
export interface ReleaseDecision {
  agreementVersion: number;
  action: 'release' | 'return';
  by: { sub: string; email: string };
  at: string;
  comment?: string;
}

export interface SubmittedAnalysis {
  version: number;
  items: AnalysisItem[];
  notes?: string;
  submittedAt: string;
  submittedBy: { sub: string; email: string };
}

export type ClientDecision = 'approve' | 'decline' | 'request-changes';

export interface AgreementSummary {
  version: number;
  /** The analysis this version prices (a release re-drafts the same analysis as a new version). */
  analysisVersion?: number;
  /** Why the version waits for a person (AWAITING_RELEASE), or absent when it went to the client directly. */
  hold?: { reasons: ReleaseHoldReason[]; heldAt: string };
  /** The PDFs kept of this version: exactly the bytes the client received. */
  offerPdf?: StoredPdfRef;
  decidedPdf?: StoredPdfRef;
  createdAt: string;
  validUntil: string;
  totals: AgreementTotals;
  documentHash: string;
  /** SHA-256 of the client's link token, set when the link is e-mailed. */
  linkHash?: string;
  decision?: { decision: ClientDecision; name: string; at: string; comment?: string };
}

/** Why an offer waits for an account manager: its total is above the threshold, or a line exceeds the card's analysis limits. */
export type ReleaseHoldReason = 'above-review-threshold' | 'beyond-analysis-limits';

/** A stored PDF: the item holds the bytes, the aggregate its hash and size. */
export interface StoredPdfRef {
  sha256: string;
  bytes: number;
}

export interface ChangeRequest {
  agreementVersion: number;
  name: string;
  comment: string;
  at: string;
}

export interface TimelineEvent {
  onboardingId: string;
  /** The aggregate version this event belongs to; with `type` it makes the event's key. */
  version: number;
  at: string;
  type: string;
  status?: OnboardingStatus;
  actor: Actor;
  detail?: string;
  /** Set on a ticket's events; part of the key, since ticket events share one aggregate version. */
  ticketId?: string;
  /** The ticket version the event's change was made from: two changes in one millisecond keep apart. */
  ticketVersion?: number;
  /** A ticket's status after the event. */
  ticketStatus?: string;
}

export function newOnboarding(id: string, intake: Intake, accountManager: Onboarding['accountManager'], now: Date): Onboarding {
  const at = now.toISOString();
  return {
    id,
    status: 'RECEIVED',
    statusSince: at,
    version: 1,
    createdAt: at,
    updatedAt: at,
    accountManager,
    client: intake.client,
    contacts: intake.contacts,
    expectations: intake.expectations,
    incidents: intake.incidents.map((incident, index) => ({ id: newIncidentId(index), ...incident })),
    analysisRound: 1,
    changeRequests: [],
    round: 0,
    lastIncidentNumber: intake.incidents.length,
    pendingProblems: 0,
    clientReports: 0,
  };
}

export function primaryContact(onboarding: Pick<Onboarding, 'contacts'>): Contact {
  const primary = onboarding.contacts.find((contact) => contact.role === 'primary');
  if (!primary) throw new Error('An onboarding always has one primary contact');
  return primary;
}
