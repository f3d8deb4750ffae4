import type { OnboardingStatus } from './lifecycle';

/**
 * Recovery of a FAILED onboarding: which state a retry resumes at, and what the resumed state
 * reads from the execution input. The ASL's RouteResume Choice routes exactly these states
 * (test/unit/recovery.test.ts holds the two together).
 */

/** Top-level states a retry can resume at: each one finds the work it already did and skips it. */
export const RESUMABLE_STATES = [
  'RegisterOnboarding',
  'AwaitAnalysis',
  'RemindAnalysts',
  'DraftAgreement',
  'AwaitRelease',
  'RemindRelease',
  'ApplyRelease',
  'AwaitClientDecision',
  'RemindClient',
  'ExpireAgreement',
  'ApplyClientDecision',
  'CreateTickets',
  'WorkTickets',
  'StartMonitoring',
  'SendFollowUpReport',
  'StartRound',
] as const;
export type ResumableState = (typeof RESUMABLE_STATES)[number];

/** The states of one ticket inside the WorkTickets Map: a failure there resumes the whole round. */
export const ROUND_STATES: readonly string[] = ['AssignTechnician', 'PlanTechnicianWait', 'AwaitTechnician', 'AwaitResolution', 'TicketDone', 'TicketFailed'];

/**
 * States that resume at another one: a wait whose length depends on the time left resumes at
 * the step that computes it (StartMonitoring waits out the rest of the period).
 */
const RESUMES_ELSEWHERE: Readonly<Record<string, ResumableState>> = { AwaitMonitoring: 'StartMonitoring' };

export const isResumableState = (state: string): state is ResumableState => (RESUMABLE_STATES as readonly string[]).includes(state);

/** Where a failure in `state` resumes; undefined for a state that is no step (a Choice, a Pass, the failure handling). */
export function resumePointOf(state: string): ResumableState | undefined {
  if (ROUND_STATES.includes(state)) return 'WorkTickets';
  if (state in RESUMES_ELSEWHERE) return RESUMES_ELSEWHERE[state];
  return isResumableState(state) ? state : undefined;
}

/**
 * The failed state of an execution: of the states entered before the failure handler, newest
 * first, the first that is a step. Choices and Passes (an unknown outcome) lead back to the step
 * whose result they read.
 */
export function failedStateOf(enteredNewestFirst: readonly string[]): { failedState: string; resumeAt: ResumableState } | undefined {
  for (const state of enteredNewestFirst) {
    const resumeAt = resumePointOf(state);
    if (resumeAt) return { failedState: state, resumeAt };
  }
  return undefined;
}

/** Execution names: `<onboardingId>` for the first run, `<onboardingId>-r<N>` for retry N. */
export const retryExecutionName = (onboardingId: string, attempt: number): string => `${onboardingId}-r${attempt}`;

/** The retry number of an execution of `onboardingId` (0 for the first run), from its name. */
export function attemptOfExecution(onboardingId: string, executionName: string): number {
  if (executionName === onboardingId) return 0;
  const match = /^(.*)-r(\d{1,4})$/.exec(executionName);
  return match && match[1] === onboardingId ? Number(match[2]) : 0;
}

/** What the resumed state reads from the execution input besides the onboarding id and policy. */
export interface ResumeFacts {
  status: OnboardingStatus;
  analysisRound: number;
  analysisVersion?: number;
  agreementVersion?: number;
  /** The staff member's release or return of the current agreement version, if any. */
  releaseAction?: 'release' | 'return';
  /** The client's decision on the current agreement version, if any. */
  clientDecision?: 'approve' | 'decline' | 'request-changes';
  /** The current round's tickets that are not resolved yet. */
  openRoundTicketIds: string[];
}

/** Why the input for a resume cannot be rebuilt from the table. */
export class ResumeInputMissingError extends Error {
  constructor(readonly resumeAt: ResumableState, what: string) {
    super(`Cannot resume at ${resumeAt}: ${what}`);
    this.name = 'ResumeInputMissingError';
  }
}

const AGREEMENT_READERS: readonly ResumableState[] = ['AwaitRelease', 'RemindRelease', 'ApplyRelease', 'AwaitClientDecision', 'RemindClient', 'ExpireAgreement', 'ApplyClientDecision', 'CreateTickets'];

/**
 * The parts of the execution input the resumed state reads, as the states before it would have
 * left them: `$.analysis`, `$.agreement`, `$.release`, `$.decision`, `$.round`. Only stored facts go
 * in, never the time, so a repeated retry rebuilds the same input.
 */
export function resumeInputFields(resumeAt: ResumableState, facts: ResumeFacts): Record<string, unknown> {
  const fields: Record<string, unknown> = {};
  if (resumeAt === 'DraftAgreement') {
    if (facts.analysisVersion !== facts.analysisRound) throw new ResumeInputMissingError(resumeAt, `the analysis of round ${facts.analysisRound} is not in`);
    fields.analysis = { analysisVersion: facts.analysisVersion };
  }
  if (AGREEMENT_READERS.includes(resumeAt)) {
    if (facts.agreementVersion === undefined) throw new ResumeInputMissingError(resumeAt, 'there is no agreement version');
    fields.agreement = { agreementVersion: facts.agreementVersion };
  }
  if (resumeAt === 'ApplyRelease') {
    if (!facts.releaseAction) throw new ResumeInputMissingError(resumeAt, 'no release or return is stored for the current version');
    fields.release = { action: facts.releaseAction };
  }
  if (resumeAt === 'ApplyClientDecision') {
    if (!facts.clientDecision) throw new ResumeInputMissingError(resumeAt, 'no client decision is stored for the current version');
    fields.decision = { decision: facts.clientDecision };
  }
  if (resumeAt === 'WorkTickets') fields.round = { ticketIds: facts.openRoundTicketIds };
  return fields;
}
