import { isTerminal } from '../domain/lifecycle';
import { findOnboarding, transitionOnboarding } from '../adapters/dynamodb/onboarding-repository';
import { recordRepeatedFailure } from '../adapters/dynamodb/recovery-repository';
import { attemptOfExecution, failedStateOf } from '../domain/recovery';
import { statesEnteredNewestFirst } from '../adapters/sfn/execution-history';
import { sendEmail } from '../adapters/ses/mailer';
import { ENV, requireEnvList } from '../runtime/env';
import { notifyOnce } from '../application/notifications';
import { logger } from '../runtime/observability';
import { failureAlert } from '../templates/email/failure-alert';
import { API_URL } from '../application/api-url';

const STEP = 'HandleFailure';
const OPERATIONS = requireEnvList(ENV.opsAddresses);

/**
 * A step failed after its retries: mark the onboarding FAILED and alert operations. Only the
 * error name is logged and stored; the cause may quote data and is left to the execution history.
 * The failed state is found in the execution's history (a Catch passes on only Error and Cause),
 * and stored with the status it failed in and the number of the next attempt, for a retry.
 */
export async function handleFailure(onboardingId: string, failure: { Error: string }, executionArn: string, now = new Date()): Promise<void> {
  const at = now.toISOString();
  const executionName = executionArn.split(':').at(-1) ?? onboardingId;
  const attempt = attemptOfExecution(onboardingId, executionName);
  const alert = () => failureAlert({ onboardingId, error: failure.Error, at, executionHint: `execution named ${executionName}`, retryUrl: `${API_URL}/onboardings/${onboardingId}/retry` });
  const failed = failedStateOf(await statesEnteredNewestFirst(executionArn, (names) => failedStateOf(names) !== undefined));
  logger.error('onboarding failed', { onboardingId, error: failure.Error, attempt, failedState: failed?.failedState });

  let onboarding = await findOnboarding(onboardingId);
  if (!onboarding) {
    await sendEmail({ onboardingId, to: OPERATIONS, ...alert() });
    return;
  }
  if (!isTerminal(onboarding.status)) {
    onboarding = await transitionOnboarding(
      onboarding,
      'failed',
      { at, actor: { kind: 'system', step: STEP }, detail: `A step failed with ${failure.Error}` },
      {
        failure: {
          error: failure.Error,
          at,
          nextAttempt: attempt + 1,
          statusBefore: onboarding.status,
          ...(failed ? { failedState: failed.failedState, resumeAt: failed.resumeAt } : {}),
        },
      },
    );
  } else if (onboarding.status === 'FAILED' && onboarding.failure?.nextAttempt === attempt) {
    // This very retry failed before it left FAILED: the next one resumes where this one was to.
    await recordRepeatedFailure(onboarding, { ...onboarding.failure, error: failure.Error, at, nextAttempt: attempt + 1 });
  }
  await notifyOnce(onboarding, {
    notice: attempt === 0 ? { kind: 'operationsAlerted' } : { kind: 'operationsAlertedOnRetry', scope: attempt },
    step: STEP,
    to: OPERATIONS,
    render: alert,
    detail: 'Operations alerted',
  });
}
