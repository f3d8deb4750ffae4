import { createHash } from 'node:crypto';
import type { Intake } from '../domain/intake';
import { newOnboardingId } from '../domain/ids';
import { newOnboarding, type OnboardingStatus } from '../domain/onboarding';
import { claimIdempotencyKey } from '../adapters/dynamodb/idempotency-repository';
import { findOnboarding, insertOnboarding, OnboardingAlreadyExistsError } from '../adapters/dynamodb/onboarding-repository';
import { startOnboardingExecution } from '../adapters/sfn/workflow-starter';
import { IdempotencyKeyReusedError } from '../runtime/errors';
import type { Caller } from '../runtime/http/caller';
import { logger } from '../runtime/observability';
import { workflowPolicy, type OnboardingExecutionInput } from '../application/workflow-input';

export interface CreateOnboardingCommand {
  intake: Intake;
  caller: Caller;
  idempotencyKey?: string;
}

export interface CreateOnboardingResult {
  onboardingId: string;
  status: OnboardingStatus;
  executionArn: string;
  replayed: boolean;
}

/**
 * Intake: claim the Idempotency-Key (if any), store the aggregate as RECEIVED, start the execution.
 * Every part tolerates having been done before, so a replay with the same key and body starts an
 * execution that a failed first request did not start, and answers with the same onboarding.
 */
export async function createOnboarding(command: CreateOnboardingCommand, receivedAt = new Date()): Promise<CreateOnboardingResult> {
  let now = receivedAt;
  const requestHash = createHash('sha256').update(JSON.stringify(command.intake)).digest('hex');
  let onboardingId = newOnboardingId(now.getTime());
  let replayed = false;

  if (command.idempotencyKey) {
    const earlier = await claimIdempotencyKey(command.caller.sub, command.idempotencyKey, {
      requestHash,
      onboardingId,
      createdAt: now.toISOString(),
    });
    if (earlier) {
      if (earlier.requestHash !== requestHash) throw new IdempotencyKeyReusedError();
      onboardingId = earlier.onboardingId;
      // Rebuild exactly what the first request stored, so its writes repeat rather than add.
      now = new Date(earlier.createdAt);
      replayed = true;
    }
  }

  const onboarding = newOnboarding(onboardingId, command.intake, { sub: command.caller.sub, email: command.caller.email }, now);
  let status: OnboardingStatus = onboarding.status;
  try {
    // The aggregate and its INTAKE_RECEIVED event, in one transaction.
    await insertOnboarding(onboarding, { kind: 'staff', sub: command.caller.sub, email: command.caller.email });
  } catch (error) {
    if (!(error instanceof OnboardingAlreadyExistsError && replayed)) throw error;
    status = (await findOnboarding(onboardingId))?.status ?? status;
  }

  const input: OnboardingExecutionInput = { onboardingId, policy: workflowPolicy() };
  const executionArn = await startOnboardingExecution(onboardingId, input);
  logger.info('onboarding accepted', { onboardingId, replayed });
  return { onboardingId, status, executionArn, replayed };
}
