import type { Onboarding, SubmittedAnalysis, TimelineEvent } from '../domain/onboarding';

/**
 * The timeline event of a submitted analysis. Built only from stored facts, so the submission and
 * a later stage that repairs a crashed submission write the very same key.
 */
export function analysisSubmittedEvent(onboarding: Pick<Onboarding, 'id' | 'version'>, analysis: SubmittedAnalysis): TimelineEvent {
  return {
    onboardingId: onboarding.id,
    version: onboarding.version,
    at: analysis.submittedAt,
    type: `ANALYSIS_SUBMITTED_V${analysis.version}`,
    actor: { kind: 'staff', sub: analysis.submittedBy.sub, email: analysis.submittedBy.email },
    detail: `Analysis version ${analysis.version}: ${analysis.items.length} item(s)`,
  };
}
