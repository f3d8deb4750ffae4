import { MetricUnit } from '@aws-lambda-powertools/metrics';
import type { Feedback, FeedbackLink } from '../domain/client-link';
import { EVENTS } from '../domain/lifecycle';
import { primaryContact, type Onboarding, type TimelineEvent } from '../domain/onboarding';
import { recordFeedback, type FeedbackResult } from '../adapters/dynamodb/public-link-repository';
import { logger, metrics } from '../runtime/observability';
import type { FeedbackInput } from './feedback-form';

/**
 * Stores the client's feedback once (the link used, the feedback item and its timeline event in
 * one transaction) and counts it: `FeedbackReceived` 1 and `FeedbackScore` with the score itself.
 */
export async function submitFeedback(input: { link: FeedbackLink; onboarding: Onboarding; feedback: FeedbackInput; at: string }): Promise<FeedbackResult & { feedback: Feedback }> {
  const { link, onboarding, at } = input;
  const feedback: Feedback = { ...input.feedback, at };
  const event: TimelineEvent = {
    onboardingId: onboarding.id,
    version: onboarding.version,
    at,
    type: EVENTS.feedbackReceived,
    actor: { kind: 'client', name: primaryContact(onboarding).name },
    detail: `Feedback: ${feedback.score}/5`,
  };
  const result = await recordFeedback(link, feedback, event);
  if (result.outcome === 'recorded') {
    metrics.addMetric('FeedbackReceived', MetricUnit.Count, 1);
    metrics.addMetric('FeedbackScore', MetricUnit.Count, feedback.score);
    logger.info('client feedback recorded', { onboardingId: onboarding.id, score: feedback.score, withComment: feedback.comment !== undefined });
  }
  return { ...result, feedback };
}
