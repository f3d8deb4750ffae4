import type { Onboarding } from '../domain/onboarding';
import { ensureLastTransitionRecorded, findOnboarding } from '../adapters/dynamodb/onboarding-repository';
import { OnboardingNotFoundError } from './errors';

/**
 * Stages run for onboardings that exist; a missing one is a named failure the ASL catches. Every
 * stage first makes sure the latest status change has its timeline event: the status and its event
 * are two writes, and a stage may have crashed between them.
 */
export async function loadOnboarding(onboardingId: string): Promise<Onboarding> {
  const onboarding = await findOnboarding(onboardingId);
  if (!onboarding) throw new OnboardingNotFoundError(onboardingId);
  await ensureLastTransitionRecorded(onboarding);
  return onboarding;
}
