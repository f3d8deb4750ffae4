import { decisionWaitSeconds } from '../domain/decision-wait';
import { isTerminal, resumedTo, type ResumableStatus } from '../domain/lifecycle';
import type { Onboarding, OnboardingStatus } from '../domain/onboarding';
import type { ResumableState } from '../domain/recovery';
import { countNotices } from '../adapters/dynamodb/notice-repository';
import { transitionOnboarding } from '../adapters/dynamodb/onboarding-repository';
import { loadOnboarding } from '../application/onboarding-loader';
import { ConflictError } from '../runtime/errors';
import { logger } from '../runtime/observability';

const STEP = 'ResumeOnboarding';

export interface ResumeCommand {
  onboardingId: string;
  resumeAt: ResumableState;
  attempt: number;
  /** `$$.State.EnteredTime`: the same on a retry of this step, so its transition is found, not repeated. */
  now: string;
  decisionReminderSeconds: number;
  decisionMaxReminders: number;
}

/**
 * The first step of a retry: the onboarding goes from FAILED back to the status it failed in,
 * with the event "resumed at <state>, attempt N", in one transaction guarded by its version. Run
 * again after that commit (a retried step), it finds its own attempt recorded and changes nothing.
 * It also derives the client's decision wait, which the resumed wait reads from its input.
 */
export async function resumeOnboarding(command: ResumeCommand): Promise<{ status: OnboardingStatus; decisionWaitSeconds: number }> {
  let onboarding = await loadOnboarding(command.onboardingId);
  if (onboarding.status === 'FAILED') {
    const { failure } = onboarding;
    const back = failure?.statusBefore;
    if (failure?.resumeAt !== command.resumeAt || failure.nextAttempt !== command.attempt || !back || isTerminal(back)) {
      throw new ConflictError(`Onboarding ${onboarding.id} has no resume point ${command.resumeAt} for attempt ${command.attempt}`);
    }
    onboarding = await transitionOnboarding(
      onboarding,
      resumedTo(back as ResumableStatus),
      { at: command.now, actor: { kind: 'system', step: STEP }, detail: `Resumed at ${command.resumeAt}, attempt ${command.attempt}` },
      { recovery: { attempt: command.attempt, resumeAt: command.resumeAt, resumedAt: command.now } },
      { remove: ['failure'] },
    );
    logger.info('onboarding resumed', { onboardingId: onboarding.id, resumeAt: command.resumeAt, attempt: command.attempt, status: onboarding.status });
  } else if (onboarding.recovery?.attempt !== command.attempt) {
    throw new ConflictError(`Onboarding ${onboarding.id} is ${onboarding.status}, not FAILED, and attempt ${command.attempt} did not resume it`);
  }
  return { status: onboarding.status, decisionWaitSeconds: await decisionWaitIfResumed(onboarding, command) };
}

const DECISION_WAIT_READERS: readonly string[] = ['AwaitClientDecision', 'ExpireAgreement'];

/** What is left of the agreement's window for the resumed decision wait; 1 for any other resume point (unread). */
async function decisionWaitIfResumed(onboarding: Onboarding, command: ResumeCommand): Promise<number> {
  // ExpireAgreement too: an expiry that finds the decision already in goes on to the decision wait.
  if (!DECISION_WAIT_READERS.includes(command.resumeAt) || !onboarding.agreement) return 1;
  const version = onboarding.agreement.version;
  const sent = await countNotices(onboarding.id, 'agreementReminder', version);
  return decisionWaitSeconds({
    validUntil: onboarding.agreement.validUntil,
    now: new Date(command.now),
    remindersLeft: Math.max(0, command.decisionMaxReminders - sent),
    capSeconds: command.decisionReminderSeconds,
  });
}
