import type { Duration } from 'aws-cdk-lib';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';

/** CloudWatch's limit on the metrics one alarm's math expression may use. */
export const MAX_METRICS_PER_ALARM = 10;

/**
 * The sum of several metrics, each missing period filled with 0: these metrics are only published
 * when something happens, and in metric math `a + b` is missing whenever one side is.
 */
export function sumOf(idPrefix: string, label: string, metrics: cloudwatch.IMetric[], period: Duration): cloudwatch.MathExpression {
  if (metrics.length === 0 || metrics.length > MAX_METRICS_PER_ALARM) {
    throw new Error(`${label}: an alarm can add up 1 to ${MAX_METRICS_PER_ALARM} metrics, not ${metrics.length}`);
  }
  // Ids unique per sum: a graph may draw several sums, and one id may name only one metric there.
  const usingMetrics = Object.fromEntries(metrics.map((metric, index) => [`${idPrefix}${index}`, metric]));
  return new cloudwatch.MathExpression({
    expression: Object.keys(usingMetrics).map((id) => `FILL(${id}, 0)`).join(' + '),
    usingMetrics,
    label,
    period,
  });
}
