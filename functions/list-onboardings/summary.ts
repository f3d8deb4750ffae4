import type { Onboarding } from '../domain/onboarding';
import { primaryContact } from '../domain/onboarding';

/** What a list row shows; the full aggregate is behind GET /onboardings/{id}. */
export function summarize(onboarding: Onboarding) {
  return {
    onboardingId: onboarding.id,
    status: onboarding.status,
    companyName: onboarding.client.companyName,
    primaryContact: primaryContact(onboarding).name,
    incidentCount: onboarding.incidents.length,
    accountManager: onboarding.accountManager.email,
    createdAt: onboarding.createdAt,
    updatedAt: onboarding.updatedAt,
  };
}
