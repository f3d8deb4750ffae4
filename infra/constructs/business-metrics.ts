import { Duration } from 'aws-cdk-lib';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import type { StageConfig } from '../stage-config';
import { metricsNamespaceOf, POWERTOOLS_SERVICE_NAME } from './catalog-function';

/** The dashboard graph a business metric is drawn on. */
export const BUSINESS_GRAPHS = [
  'Intake and analysis',
  'Agreements',
  'Tickets and SLA',
  'Monitoring and follow-up',
  'Feedback score (average, 1–5)',
  'Failures and recovery',
  'E-mail delivery',
] as const;
export type BusinessGraph = (typeof BUSINESS_GRAPHS)[number];

export interface BusinessMetric {
  name: string;
  graph: BusinessGraph;
  /**
   * How values of one period combine: a count adds up; a score is averaged (the sum of scores
   * means nothing); a gauge that a sweep publishes (how many are stuck now) takes its maximum.
   */
  statistic: 'Sum' | 'Average' | 'Maximum';
}

const count = (graph: BusinessGraph, ...names: string[]): BusinessMetric[] =>
  names.map((name) => ({ name, graph, statistic: 'Sum' as const }));

/**
 * Every metric the handlers emit (Powertools EMF, `metrics.addMetric`). test/infra/business-metrics.test.ts
 * reads the handlers' source and fails when one is emitted but missing here.
 */
export const BUSINESS_METRICS: readonly BusinessMetric[] = [
  ...count('Intake and analysis', 'OnboardingReceived', 'OnboardingRegistered', 'AnalysisSubmitted'),
  ...count(
    'Agreements',
    'AgreementDrafted',
    'AgreementHeldForRelease',
    'ReleaseRequested',
    'ReturnRequested',
    'AgreementReleased',
    'AgreementReturned',
    'ClientDecisionRecorded',
    'AgreementApproved',
    'AgreementDeclined',
    'AgreementChangesRequested',
    'AgreementExpired',
  ),
  ...count('Tickets and SLA', 'TicketsCreated', 'TicketAssigned', 'TicketResolved', 'TechnicianAdded', 'SlaWarning', 'SlaBreach'),
  ...count('Monitoring and follow-up', 'ProblemReported', 'RoundStarted', 'OnboardingCompleted', 'FeedbackReceived'),
  { name: 'FeedbackScore', graph: 'Feedback score (average, 1–5)', statistic: 'Average' },
  ...count(
    'Failures and recovery',
    'OnboardingFailed',
    'RetryRequested',
    'OnboardingResumed',
    'StrandedIntakeStarted',
    'CallbackDeferred',
    'CallbackDelivered',
  ),
  { name: 'StuckOnboardings', graph: 'Failures and recovery', statistic: 'Maximum' },
  ...count(
    'E-mail delivery',
    'EmailPermanentBounce',
    'EmailTransientBounce',
    'EmailComplaint',
    'EmailRejected',
    'EmailAddressSuppressed',
  ),
];

export const BUSINESS_METRIC_PERIOD = Duration.minutes(5);

/**
 * A handler metric as Powertools publishes it: the stage's namespace, with the `service`
 * dimension Powertools adds by default, and the statistic its kind calls for.
 */
export function businessMetric(
  stage: StageConfig,
  name: string,
  options: cloudwatch.MetricOptions = {},
): cloudwatch.Metric {
  const known = BUSINESS_METRICS.find((metric) => metric.name === name);
  if (!known) throw new Error(`${name} is not in BUSINESS_METRICS (infra/constructs/business-metrics.ts)`);
  return new cloudwatch.Metric({
    namespace: metricsNamespaceOf(stage.stage),
    metricName: name,
    dimensionsMap: { service: POWERTOOLS_SERVICE_NAME },
    statistic: known.statistic,
    period: BUSINESS_METRIC_PERIOD,
    ...options,
  });
}
