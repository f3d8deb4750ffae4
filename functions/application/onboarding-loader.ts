import type { Onboarding } from '../domain/onboarding';
import { findOnboarding } from '../adapters/dynamodb/onboarding-repository';
import { OnboardingNotFoundError } from '../runtime/errors';

/** Steps run for onboardings that exist; a missing one is a named failure the ASL catches. */
export async function loadOnboarding(onboardingId: string): Promise<Onboarding> {
  const onboarding = await findOnboarding(onboardingId);
  if (!onboarding) throw new OnboardingNotFoundError(onboardingId);
  return onboarding;
}
