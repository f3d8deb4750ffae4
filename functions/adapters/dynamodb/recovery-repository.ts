import { EVENTS } from '../../domain/lifecycle';
import type { Onboarding, OnboardingFailure, RetryRequest } from '../../domain/onboarding';
import { ConflictError } from '../../runtime/errors';
import { TABLE_NAME } from './client';
import { onboardingKey } from './keys';
import { findOnboarding, timelineEventPut } from './onboarding-repository';
import { writeTransaction } from './transaction';

const ENTITY = 'onboarding';

/**
 * Records an admin's retry of a FAILED onboarding with its timeline event, once per attempt: the
 * aggregate is guarded by its status and the attempt the failure asks for, and a retry of this
 * attempt already recorded is returned as it was stored (a repeated request adds nothing).
 */
export async function recordRetryRequest(onboarding: Onboarding, request: RetryRequest): Promise<RetryRequest> {
  const result = await writeTransaction(
    [
      {
        Update: {
          TableName: TABLE_NAME,
          Key: onboardingKey(onboarding.id),
          UpdateExpression: 'SET retryRequest = :request',
          ConditionExpression: '#status = :failed AND failure.nextAttempt = :attempt AND (attribute_not_exists(retryRequest) OR retryRequest.attempt <> :attempt)',
          ExpressionAttributeNames: { '#status': 'status' },
          ExpressionAttributeValues: { ':request': request, ':failed': 'FAILED', ':attempt': request.attempt },
        },
      },
      timelineEventPut({
        onboardingId: onboarding.id,
        version: onboarding.version,
        at: request.at,
        type: EVENTS.retryRequested(request.attempt),
        actor: { kind: 'staff', sub: request.by.sub, email: request.by.email },
        detail: `Retry ${request.attempt} requested: resumes at ${request.resumeAt}`,
      }),
    ],
    ENTITY,
  );
  if (result.committed) return request;
  const stored = (await findOnboarding(onboarding.id))?.retryRequest;
  if (stored?.attempt === request.attempt) return stored;
  throw new ConflictError(`Onboarding ${onboarding.id} changed meanwhile; retry ${request.attempt} was not recorded`);
}

/**
 * A resumed attempt failed while the onboarding was still FAILED (its resume step failed): the
 * failure is recorded again with the next attempt's number, keeping where it resumes and the
 * status it goes back to. Guarded by the attempt it replaces; a repeat changes nothing.
 */
export async function recordRepeatedFailure(onboarding: Onboarding, failure: OnboardingFailure): Promise<void> {
  const previous = onboarding.failure?.nextAttempt ?? 0;
  const attempt = (failure.nextAttempt ?? 1) - 1;
  await writeTransaction(
    [
      {
        Update: {
          TableName: TABLE_NAME,
          Key: onboardingKey(onboarding.id),
          UpdateExpression: 'SET failure = :failure',
          ConditionExpression: '#status = :failed AND failure.nextAttempt = :previous',
          ExpressionAttributeNames: { '#status': 'status' },
          ExpressionAttributeValues: { ':failure': failure, ':failed': 'FAILED', ':previous': previous },
        },
      },
      timelineEventPut({
        onboardingId: onboarding.id,
        version: onboarding.version,
        at: failure.at,
        type: EVENTS.retryFailed(attempt),
        actor: { kind: 'system', step: 'HandleFailure' },
        detail: `Retry ${attempt} failed with ${failure.error} before it resumed`,
      }),
    ],
    ENTITY,
  );
}
