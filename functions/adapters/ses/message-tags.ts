/** The SES message tag that leads a bounce or complaint back to its onboarding. */
export const ONBOARDING_TAG = 'onboardingId';

/** SES tag values allow only [A-Za-z0-9_.@-], 1 to 256 characters; onboarding ids already fit. */
export function tagValue(value: string): string {
  return value.replace(/[^A-Za-z0-9_.@-]/g, '_').slice(0, 256) || '_';
}
