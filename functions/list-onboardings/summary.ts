import type { OnboardingListing } from '../adapters/dynamodb/onboarding-repository';
import { primaryContact } from '../domain/onboarding';

/** What a list row shows (the index projects exactly what it reads); the full aggregate is behind GET /onboardings/{id}. */
export function summarize(onboarding: OnboardingListing) {
  return {
    onboardingId: onboarding.id,
    status: onboarding.status,
    // Aggregates stored before statusSince existed: only a status change moves updatedAt.
    statusSince: onboarding.statusSince ?? onboarding.updatedAt,
    companyName: onboarding.client.companyName,
    primaryContact: primaryContact(onboarding).name,
    incidentCount: onboarding.incidents.length,
    accountManager: onboarding.accountManager.email,
    createdAt: onboarding.createdAt,
    updatedAt: onboarding.updatedAt,
  };
}
