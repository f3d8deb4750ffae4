/**
 * The onboarding's lifecycle as data: its statuses, the transitions between them (who causes each
 * and which timeline event it writes), which workflow step or HTTP route may make each transition,
 * and the notifications the steps send. Use cases ask this module; nothing else encodes a status
 * change or builds an event or notification name. A test walks every edge of
 * statemachines/onboarding.asl.json against these tables.
 */

import type { TicketStatus } from './ticket';

export const ONBOARDING_STATUSES = [
  'RECEIVED',
  'REGISTERED',
  'AWAITING_ANALYSIS',
  'AWAITING_RELEASE',
  'AGREEMENT_SENT',
  'IMPLEMENTING',
  'MONITORING',
  'COMPLETED',
  'DECLINED',
  'EXPIRED',
  'FAILED',
] as const;
export type OnboardingStatus = (typeof ONBOARDING_STATUSES)[number];

export const TERMINAL_STATUSES: readonly OnboardingStatus[] = ['COMPLETED', 'DECLINED', 'EXPIRED', 'FAILED'];
export const isTerminal = (status: OnboardingStatus): boolean => TERMINAL_STATUSES.includes(status);

/** Statuses that a later piece of work brings; nothing reaches them yet. */
export const PLANNED_STATUSES: readonly OnboardingStatus[] = [];

const NOT_TERMINAL = ONBOARDING_STATUSES.filter((status) => !TERMINAL_STATUSES.includes(status));

/** Who causes a transition: the workflow itself, a signed-in staff member, or the client through a link. */
export type Cause = 'system' | 'staff' | 'client';

export interface TransitionRule {
  /** The statuses it leaves; empty for the transition that creates an onboarding. */
  readonly from: readonly OnboardingStatus[];
  readonly to: OnboardingStatus;
  readonly cause: Cause;
  /** The timeline event written in the same transaction as the status. */
  readonly event: string;
  /** Whether the event names the agreement version it concerns (AGREEMENT_SENT_V2). */
  readonly perAgreementVersion?: true;
  /** Brought by later work: allowed by the table, made by no step or route yet. */
  readonly planned?: true;
}

/** The statuses a FAILED onboarding may have failed in, and so be resumed to. */
export type ResumableStatus = Exclude<OnboardingStatus, 'COMPLETED' | 'DECLINED' | 'EXPIRED' | 'FAILED'>;

/**
 * An admin's retry resumes a FAILED onboarding in the status it failed in: one transition per
 * status, the only ones that leave FAILED (`resumedTo(status)` names them).
 */
const RESUMED_TRANSITIONS = Object.fromEntries(
  NOT_TERMINAL.map((status) => [`resumedTo_${status}`, { from: ['FAILED'], to: status, cause: 'staff', event: 'RESUMED' }]),
) as unknown as Record<`resumedTo_${ResumableStatus}`, TransitionRule>;

export const resumedTo = (status: ResumableStatus) => `resumedTo_${status}` as const;

export const TRANSITIONS = {
  intakeReceived: { from: [], to: 'RECEIVED', cause: 'staff', event: 'INTAKE_RECEIVED' },
  registered: { from: ['RECEIVED'], to: 'REGISTERED', cause: 'system', event: 'REGISTERED' },
  analysisAwaited: { from: ['REGISTERED'], to: 'AWAITING_ANALYSIS', cause: 'system', event: 'AWAITING_ANALYSIS' },
  agreementSent: { from: ['AWAITING_ANALYSIS'], to: 'AGREEMENT_SENT', cause: 'system', event: 'AGREEMENT_SENT', perAgreementVersion: true },
  agreementApproved: { from: ['AGREEMENT_SENT'], to: 'IMPLEMENTING', cause: 'client', event: 'AGREEMENT_APPROVED' },
  agreementDeclined: { from: ['AGREEMENT_SENT'], to: 'DECLINED', cause: 'client', event: 'AGREEMENT_DECLINED' },
  changesRequested: { from: ['AGREEMENT_SENT'], to: 'AWAITING_ANALYSIS', cause: 'client', event: 'CHANGES_REQUESTED' },
  agreementExpired: { from: ['AGREEMENT_SENT'], to: 'EXPIRED', cause: 'system', event: 'AGREEMENT_EXPIRED' },
  failed: { from: NOT_TERMINAL, to: 'FAILED', cause: 'system', event: 'FAILED' },

  heldForRelease: { from: ['AWAITING_ANALYSIS'], to: 'AWAITING_RELEASE', cause: 'system', event: 'AGREEMENT_HELD_FOR_RELEASE', perAgreementVersion: true },
  released: { from: ['AWAITING_RELEASE'], to: 'AGREEMENT_SENT', cause: 'staff', event: 'AGREEMENT_RELEASED', perAgreementVersion: true },
  returnedToAnalysts: { from: ['AWAITING_RELEASE'], to: 'AWAITING_ANALYSIS', cause: 'staff', event: 'AGREEMENT_RETURNED', perAgreementVersion: true },
  monitoringStarted: { from: ['IMPLEMENTING'], to: 'MONITORING', cause: 'system', event: 'MONITORING_STARTED' },
  roundStarted: { from: ['MONITORING'], to: 'IMPLEMENTING', cause: 'system', event: 'ROUND_STARTED' },
  completed: { from: ['MONITORING'], to: 'COMPLETED', cause: 'system', event: 'COMPLETED' },
  ...RESUMED_TRANSITIONS,
} as const satisfies Record<string, TransitionRule>;

export type TransitionName = keyof typeof TRANSITIONS;

export const transitionRule = (name: TransitionName): TransitionRule => TRANSITIONS[name];

/** Whether `name` may leave `status`. */
export function allows(name: TransitionName, status: OnboardingStatus): boolean {
  return (transitionRule(name).from).includes(status);
}

/** The timeline event type a transition writes (AGREEMENT_SENT_V2 for per-version ones). */
export function transitionEventType(name: TransitionName, agreementVersion?: number): string {
  const rule = transitionRule(name);
  if (!rule.perAgreementVersion) return rule.event;
  if (agreementVersion === undefined) throw new Error(`Transition ${name} names its agreement version`);
  return `${rule.event}_V${agreementVersion}`;
}

/**
 * Every Task state of the ASL: the statuses it accepts on entry (a retried step may find its own
 * transition already applied) and the transitions it may make. `outcomes` ties a result field
 * that the ASL's Choice states read to the transition each value stands for (null: no change).
 */
export interface StepRule {
  readonly accepts: readonly OnboardingStatus[];
  readonly transitions: readonly TransitionName[];
  readonly outcomes?: Readonly<Record<string, Readonly<Record<string, TransitionName | null>>>>;
}

export const STEPS = {
  RegisterOnboarding: { accepts: ['RECEIVED', 'REGISTERED'], transitions: ['registered'] },
  AwaitAnalysis: { accepts: ['REGISTERED', 'AWAITING_ANALYSIS'], transitions: ['analysisAwaited'] },
  RemindAnalysts: { accepts: ['AWAITING_ANALYSIS'], transitions: [] },
  DraftAgreement: {
    accepts: ['AWAITING_ANALYSIS', 'AWAITING_RELEASE'],
    transitions: ['heldForRelease'],
    // "held": above the review threshold or beyond the analysis limits; a person releases it.
    outcomes: { outcome: { ready: null, held: 'heldForRelease' } },
  },
  AwaitRelease: { accepts: ['AWAITING_RELEASE'], transitions: [] },
  RemindRelease: { accepts: ['AWAITING_RELEASE'], transitions: [] },
  ApplyRelease: {
    accepts: ['AWAITING_RELEASE', 'AGREEMENT_SENT', 'AWAITING_ANALYSIS'],
    transitions: ['released', 'returnedToAnalysts'],
    outcomes: { outcome: { released: 'released', returned: 'returnedToAnalysts' } },
  },
  AwaitClientDecision: { accepts: ['AWAITING_ANALYSIS', 'AGREEMENT_SENT'], transitions: ['agreementSent'] },
  RemindClient: {
    accepts: ['AGREEMENT_SENT'],
    transitions: [],
    outcomes: { remindersExhausted: { true: null, false: null } },
  },
  ExpireAgreement: {
    accepts: ['AGREEMENT_SENT', 'EXPIRED'],
    transitions: ['agreementExpired'],
    // Not expired: the client decided a moment before; the status is still AGREEMENT_SENT.
    outcomes: { expired: { true: 'agreementExpired', false: null } },
  },
  ApplyClientDecision: {
    accepts: ['AGREEMENT_SENT', 'IMPLEMENTING', 'DECLINED', 'AWAITING_ANALYSIS'],
    transitions: ['agreementApproved', 'agreementDeclined', 'changesRequested'],
    outcomes: { outcome: { approved: 'agreementApproved', declined: 'agreementDeclined', 'changes-requested': 'changesRequested' } },
  },
  CreateTickets: { accepts: ['IMPLEMENTING'], transitions: [] },
  StartMonitoring: {
    accepts: ['IMPLEMENTING', 'MONITORING'],
    transitions: ['monitoringStarted'],
    // "round": a problem came in during the round; it is worked first, monitoring waits.
    outcomes: { next: { monitoring: 'monitoringStarted', round: null } },
  },
  AwaitMonitoring: { accepts: ['MONITORING'], transitions: [] },
  SendFollowUpReport: {
    accepts: ['MONITORING', 'COMPLETED'],
    transitions: ['completed'],
    // Not completed: a problem was reported as monitoring ended; its round comes first.
    outcomes: { completed: { true: 'completed', false: null } },
  },
  StartRound: {
    accepts: ['IMPLEMENTING', 'MONITORING'],
    transitions: ['roundStarted'],
    // Triage or not, the round runs with the onboarding IMPLEMENTING (from MONITORING by roundStarted).
    outcomes: { triage: { true: 'roundStarted', false: 'roundStarted' } },
  },
  AssignTechnician: { accepts: ['IMPLEMENTING'], transitions: [] },
  PlanTechnicianWait: { accepts: ['IMPLEMENTING'], transitions: [] },
  AwaitTechnician: { accepts: ['IMPLEMENTING'], transitions: [] },
  AwaitResolution: { accepts: ['IMPLEMENTING'], transitions: [] },
  HandleFailure: { accepts: ONBOARDING_STATUSES, transitions: ['failed'] },
  // FAILED, or already resumed (a retry of the step after its commit).
  ResumeOnboarding: { accepts: ['FAILED', ...NOT_TERMINAL], transitions: NOT_TERMINAL.map((status) => resumedTo(status as ResumableStatus)) },
} as const satisfies Record<string, StepRule>;

export type StepName = keyof typeof STEPS;

/** The status each Succeed state of the ASL ends the onboarding in. */
export const END_STATES: Readonly<Record<string, OnboardingStatus>> = {
  OnboardingCompleted: 'COMPLETED',
  TicketDone: 'IMPLEMENTING',
  AgreementDeclined: 'DECLINED',
  AgreementExpired: 'EXPIRED',
};

/**
 * Every HTTP route (API Gateway route key) and the transitions it may make. Most make none: an
 * analysis or a client's decision is stored by its route and applied by a workflow step.
 */
export const ROUTES = {
  'POST /onboardings': ['intakeReceived'],
  'GET /onboardings': [],
  'GET /onboardings/{id}': [],
  'POST /onboardings/{id}/retry': [],
  'POST /onboardings/{id}/analysis': [],
  'POST /onboardings/{id}/incidents': [],
  'GET /problems/{token}': [],
  'POST /problems/{token}': [],
  'GET /feedback/{token}': [],
  'POST /feedback/{token}': [],
  'GET /rate-card': [],
  'PUT /rate-card': [],
  'GET /onboardings/{id}/agreement': [],
  'POST /onboardings/{id}/agreement/release': [],
  'POST /onboardings/{id}/agreement/return': [],
  'GET /agreements/{token}': [],
  'GET /agreements/{token}/pdf': [],
  'POST /agreements/{token}': [],
  'GET /openapi.json': [],
  'GET /docs': [],
  'GET /docs/{file+}': [],
  'GET /technicians': [],
  'POST /technicians': [],
  'PATCH /technicians/{id}': [],
  'GET /tickets': [],
  'PATCH /tickets/{id}': [],
  'POST /tickets/{id}/acknowledge': [],
  'POST /tickets/{id}/work-log': [],
  'POST /tickets/{id}/resolve': [],
  'POST /tickets/{id}/hold': [],
  'POST /tickets/{id}/resume': [],
} as const satisfies Record<string, readonly TransitionName[]>;

/**
 * The second table: a ticket's own lifecycle. Ticket state lives on ticket items, never on the
 * onboarding's aggregate, so the branches of a round change it at the same time without meeting.
 * `to: 'HELD_FROM'` returns a ticket on hold to the status it left.
 */
export interface TicketTransitionRule {
  readonly from: readonly TicketStatus[];
  readonly to: TicketStatus | 'HELD_FROM';
  readonly cause: Cause;
  readonly event: string;
}

export const TICKET_TRANSITIONS = {
  ticketCreated: { from: [], to: 'OPEN', cause: 'system', event: 'TICKET_CREATED' },
  ticketAssigned: { from: ['OPEN'], to: 'ASSIGNED', cause: 'system', event: 'TICKET_ASSIGNED' },
  ticketAcknowledged: { from: ['ASSIGNED'], to: 'ACKNOWLEDGED', cause: 'staff', event: 'TICKET_ACKNOWLEDGED' },
  ticketHeld: { from: ['ASSIGNED', 'ACKNOWLEDGED'], to: 'ON_HOLD', cause: 'staff', event: 'TICKET_ON_HOLD' },
  ticketResumed: { from: ['ON_HOLD'], to: 'HELD_FROM', cause: 'staff', event: 'TICKET_RESUMED' },
  // Resolving needs an acknowledgement first: it records whether the response time was met.
  ticketResolved: { from: ['ACKNOWLEDGED'], to: 'RESOLVED', cause: 'staff', event: 'TICKET_RESOLVED' },
} as const satisfies Record<string, TicketTransitionRule>;

export type TicketTransitionName = keyof typeof TICKET_TRANSITIONS;

export function ticketAllows(name: TicketTransitionName, status: TicketStatus): boolean {
  return (TICKET_TRANSITIONS[name].from as readonly TicketStatus[]).includes(status);
}

/** Which step or route makes each ticket transition. */
export const TICKET_TRANSITIONS_MADE_BY: Readonly<Record<TicketTransitionName, readonly string[]>> = {
  ticketCreated: ['CreateTickets', 'POST /onboardings/{id}/incidents', 'POST /problems/{token}'],
  ticketAssigned: ['AssignTechnician'],
  ticketAcknowledged: ['POST /tickets/{id}/acknowledge'],
  ticketHeld: ['POST /tickets/{id}/hold'],
  ticketResumed: ['POST /tickets/{id}/resume'],
  ticketResolved: ['POST /tickets/{id}/resolve'],
};

/** Ticket events that change no ticket status. */
export const TICKET_EVENTS = {
  workLogged: 'TICKET_WORK_LOGGED',
  updated: 'TICKET_UPDATED',
  waitingForTechnician: 'TICKET_WAITING_FOR_TECHNICIAN',
  responseWarning: 'TICKET_RESPONSE_WARNING',
  responseBreached: 'TICKET_RESPONSE_BREACHED',
  resolveWarning: 'TICKET_RESOLVE_WARNING',
  resolveBreached: 'TICKET_RESOLVE_BREACHED',
} as const;

/** Timeline events that change no status; each is written in the transaction of what it records. */
export const EVENTS = {
  analysisSubmitted: (analysisVersion: number) => `ANALYSIS_SUBMITTED_V${analysisVersion}`,
  agreementDrafted: (agreementVersion: number) => `AGREEMENT_DRAFTED_V${agreementVersion}`,
  problemReported: 'PROBLEM_REPORTED',
  problemRefused: 'PROBLEM_REFUSED',
  nextRoundStarted: 'NEXT_ROUND_STARTED',
  feedbackReceived: 'FEEDBACK_RECEIVED',
  retryRequested: (attempt: number) => `RETRY_REQUESTED_${attempt}`,
  /** A retry failed again before it left FAILED (its resume step itself failed). */
  retryFailed: (attempt: number) => `RETRY_FAILED_${attempt}`,
} as const;

/**
 * Notifications. Each is sent at most once per scope (an analysis round or an agreement version)
 * and, if numbered, per sequence number; the mark and its timeline event are written together.
 */
export const NOTICES = {
  clientConfirmation: { type: 'CLIENT_CONFIRMATION_SENT' },
  analystsNotified: { type: 'ANALYSTS_NOTIFIED' },
  analysisReminder: { type: 'ANALYSIS_REMINDER', scope: 'analysisRound', numbered: true },
  analysisEscalated: { type: 'ANALYSIS_ESCALATED', scope: 'analysisRound' },
  agreementOffer: { type: 'AGREEMENT_OFFER_SENT', scope: 'agreementVersion' },
  agreementReminder: { type: 'AGREEMENT_REMINDER', scope: 'agreementVersion', numbered: true },
  approvalConfirmed: { type: 'CLIENT_APPROVAL_CONFIRMED', scope: 'agreementVersion' },
  declineConfirmed: { type: 'CLIENT_DECLINE_CONFIRMED', scope: 'agreementVersion' },
  changesRequestConfirmed: { type: 'CLIENT_CHANGE_REQUEST_CONFIRMED', scope: 'agreementVersion' },
  releaseRequested: { type: 'RELEASE_REQUESTED', scope: 'agreementVersion' },
  releaseReminder: { type: 'RELEASE_REMINDER', scope: 'agreementVersion', numbered: true },
  releaseEscalated: { type: 'RELEASE_ESCALATED', scope: 'agreementVersion' },
  returnedToAnalystsNotice: { type: 'RETURNED_TO_ANALYSTS_NOTICE', scope: 'agreementVersion' },
  accountManagerToldApproved: { type: 'ACCOUNT_MANAGER_TOLD_APPROVED', scope: 'agreementVersion' },
  accountManagerToldDeclined: { type: 'ACCOUNT_MANAGER_TOLD_DECLINED', scope: 'agreementVersion' },
  changesRequestedNotice: { type: 'CHANGES_REQUESTED_NOTICE', scope: 'agreementVersion' },
  accountManagerToldExpired: { type: 'ACCOUNT_MANAGER_TOLD_EXPIRED' },
  clientToldExpired: { type: 'CLIENT_TOLD_EXPIRED' },
  operationsAlerted: { type: 'OPERATIONS_ALERTED' },
  operationsAlertedOnRetry: { type: 'OPERATIONS_ALERTED_RETRY', scope: 'attempt' },
  technicianAssigned: { type: 'TECHNICIAN_ASSIGNED_EMAILED', scope: 'ticket' },
  assignmentEscalated: { type: 'ASSIGNMENT_ESCALATED', scope: 'ticket' },
  responseWarning: { type: 'RESPONSE_WARNING_EMAILED', scope: 'ticket' },
  responseBreach: { type: 'RESPONSE_BREACH_ESCALATED', scope: 'ticket' },
  resolveWarning: { type: 'RESOLVE_WARNING_EMAILED', scope: 'ticket' },
  resolveBreach: { type: 'RESOLVE_BREACH_ESCALATED', scope: 'ticket' },
  monitoringStarted: { type: 'MONITORING_STARTED_EMAILED', scope: 'round' },
  followUpReport: { type: 'FOLLOW_UP_REPORT_SENT' },
} as const satisfies Record<string, NoticeSpec>;

interface NoticeSpec {
  readonly type: string;
  /** What a notice is sent once per: an analysis round, an agreement version, or a ticket (by its incident number). */
  readonly scope?: 'analysisRound' | 'agreementVersion' | 'ticket' | 'round' | 'attempt';
  readonly numbered?: true;
}

export type NoticeKind = keyof typeof NOTICES;

/** One notification: its kind, the round or version it belongs to, and its number if numbered. */
export interface Notice {
  kind: NoticeKind;
  scope?: number;
  seq?: number;
}

const SCOPE_LETTER = { analysisRound: 'R', agreementVersion: 'V', ticket: 'T', round: 'W', attempt: 'A' } as const;

/** The scope part of a notice's name (R1, V2), or '' when the notice has none. */
export function noticeScope(notice: Pick<Notice, 'kind' | 'scope'>): string {
  const spec: NoticeSpec = NOTICES[notice.kind];
  if (!spec.scope) return '';
  if (notice.scope === undefined) throw new Error(`Notice ${notice.kind} needs its ${spec.scope}`);
  return `${SCOPE_LETTER[spec.scope]}${notice.scope}`;
}

/** The name shown on the timeline: ANALYSIS_REMINDER_R1_2, AGREEMENT_OFFER_SENT_V1, OPERATIONS_ALERTED. */
export function noticeName(notice: Notice): string {
  const spec: NoticeSpec = NOTICES[notice.kind];
  if (spec.numbered && notice.seq === undefined) throw new Error(`Notice ${notice.kind} is numbered`);
  return [spec.type, noticeScope(notice), spec.numbered ? String(notice.seq) : ''].filter(Boolean).join('_');
}
