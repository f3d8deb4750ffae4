import { isResumableState, resumeInputFields, ResumeInputMissingError, retryExecutionName, type ResumableState, type ResumeFacts } from '../domain/recovery';
import type { Onboarding, RetryRequest } from '../domain/onboarding';
import { findOnboarding } from '../adapters/dynamodb/onboarding-repository';
import { ticketsAndRefusals } from '../adapters/dynamodb/problem-repository';
import { recordRetryRequest } from '../adapters/dynamodb/recovery-repository';
import { onboardingExecutionArn, startOnboardingExecution } from '../adapters/sfn/workflow-starter';
import { workflowPolicy } from '../application/workflow-input';
import { ConflictError, NotFoundError } from '../runtime/errors';
import type { Caller } from '../runtime/http/caller';
import { logger } from '../runtime/observability';

export interface RetryAccepted {
  onboardingId: string;
  executionArn: string;
  attempt: number;
  resumeAt: ResumableState;
}

/**
 * An admin's retry of a FAILED onboarding: records it on the timeline (once per attempt) and
 * starts the execution `<id>-r<attempt>` with its input rebuilt from the table. The name and the
 * input are the same for every call of one attempt, so Step Functions makes the start idempotent;
 * a call after the retry already resumed the onboarding answers as the first did.
 */
export async function retryOnboarding(onboardingId: string, caller: Caller, now = new Date()): Promise<RetryAccepted> {
  const onboarding = await findOnboarding(onboardingId);
  if (!onboarding) throw new NotFoundError(`No onboarding with id ${onboardingId}`);
  if (onboarding.status !== 'FAILED') return alreadyResumed(onboarding);

  const { failure } = onboarding;
  const resumeAt = failure?.resumeAt;
  if (!failure?.nextAttempt || !resumeAt || !isResumableState(resumeAt)) {
    throw new ConflictError(`Onboarding ${onboardingId} failed where a retry cannot resume it (${failure?.failedState ?? 'no failed step recorded'})`, {
      failedState: failure?.failedState ?? null,
    });
  }
  const attempt = failure.nextAttempt;
  let fields: Record<string, unknown>;
  try {
    fields = resumeInputFields(resumeAt, await resumeFacts(onboarding));
  } catch (error) {
    if (error instanceof ResumeInputMissingError) throw new ConflictError(error.message, { resumeAt });
    throw error;
  }
  const request: RetryRequest = { attempt, resumeAt, at: now.toISOString(), by: { sub: caller.sub, email: caller.email } };
  await recordRetryRequest(onboarding, request);
  const input = { onboardingId, policy: workflowPolicy(), resumeAt, attempt, ...fields };
  const executionArn = await startOnboardingExecution(onboardingId, input, retryExecutionName(onboardingId, attempt));
  logger.info('retry started', { onboardingId, attempt, resumeAt });
  return { onboardingId, executionArn, attempt, resumeAt };
}

/** Not FAILED: the answer of the retry that resumed it, when this call repeats that one; else a conflict. */
function alreadyResumed(onboarding: Onboarding): RetryAccepted {
  const request = onboarding.retryRequest;
  if (request && onboarding.recovery?.attempt === request.attempt && isResumableState(request.resumeAt)) {
    const executionArn = onboardingExecutionArn(retryExecutionName(onboarding.id, request.attempt));
    return { onboardingId: onboarding.id, executionArn, attempt: request.attempt, resumeAt: request.resumeAt };
  }
  throw new ConflictError(`Onboarding ${onboarding.id} is ${onboarding.status}: only a FAILED onboarding can be retried`, { status: onboarding.status });
}

/** What the resumed state reads, from the aggregate and (for a round) its tickets. */
async function resumeFacts(onboarding: Onboarding): Promise<ResumeFacts> {
  const agreement = onboarding.agreement;
  const release = onboarding.releaseDecision;
  const roundTickets = onboarding.failure?.resumeAt === 'WorkTickets' ? (await ticketsAndRefusals(onboarding.id)).tickets : [];
  return {
    status: onboarding.status,
    analysisRound: onboarding.analysisRound,
    ...(onboarding.analysis ? { analysisVersion: onboarding.analysis.version } : {}),
    ...(agreement ? { agreementVersion: agreement.version } : {}),
    ...(release && agreement && release.agreementVersion === agreement.version ? { releaseAction: release.action } : {}),
    ...(agreement?.decision ? { clientDecision: agreement.decision.decision } : {}),
    // Resolved tickets are done: the resumed round works the others only.
    openRoundTicketIds: roundTickets
      .filter((ticket) => ticket.round === onboarding.round && ticket.status !== 'RESOLVED')
      .map((ticket) => ticket.ticketId)
      .sort(),
  };
}
