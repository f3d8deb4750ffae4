import { Duration } from 'aws-cdk-lib';
import type { HttpApi } from 'aws-cdk-lib/aws-apigatewayv2';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import { SnsAction } from 'aws-cdk-lib/aws-cloudwatch-actions';
import * as sns from 'aws-cdk-lib/aws-sns';
import * as subscriptions from 'aws-cdk-lib/aws-sns-subscriptions';
import type { StateMachine } from 'aws-cdk-lib/aws-stepfunctions';
import { Construct } from 'constructs';
import type { StageConfig } from '../stage-config';
import { POWERTOOLS_METRICS_NAMESPACE, POWERTOOLS_SERVICE_NAME, type CatalogFunction } from './catalog-function';

const PERIOD = Duration.minutes(5);

/** The handlers' business metrics (Powertools EMF), as counts. */
export const ONBOARDING_METRICS = [
  'OnboardingReceived',
  'OnboardingRegistered',
  'OnboardingFailed',
  'AnalysisSubmitted',
  'AgreementDrafted',
  'AgreementApproved',
  'AgreementDeclined',
  'AgreementExpired',
  'ClientDecisionRecorded',
  'TicketsCreated',
  'TicketAssigned',
  'TicketResolved',
  'SlaWarning',
  'SlaBreach',
  'ProblemReported',
  'RoundStarted',
  'OnboardingCompleted',
  'FeedbackReceived',
  'FeedbackScore',
] as const;

/** A handler metric as Powertools publishes it: its namespace, with the default `service` dimension. */
export function onboardingMetric(metricName: string, options: cloudwatch.MetricOptions = {}): cloudwatch.Metric {
  return new cloudwatch.Metric({
    namespace: POWERTOOLS_METRICS_NAMESPACE,
    metricName,
    dimensionsMap: { service: POWERTOOLS_SERVICE_NAME },
    ...options,
  });
}

export interface OnboardingMonitoringProps {
  stage: StageConfig;
  stateMachine: StateMachine;
  functions: readonly CatalogFunction[];
  httpApi: HttpApi;
}

/**
 * One dashboard and the alarms operations act on. Every alarm fires on the first occurrence in a
 * five-minute window: a failed onboarding or a 5xx is already a fault that retries did not absorb.
 */
export class OnboardingMonitoring extends Construct {
  readonly alarmTopic: sns.Topic;
  readonly alarms: cloudwatch.Alarm[] = [];
  readonly dashboard: cloudwatch.Dashboard;

  constructor(scope: Construct, id: string, props: OnboardingMonitoringProps) {
    super(scope, id);
    const { stage, stateMachine, functions, httpApi } = props;
    const prefix = `onboarding-${stage.stage}`;

    // Alarm notifications carry no client data, so SSL in transit suffices (no customer KMS key).
    this.alarmTopic = new sns.Topic(this, 'AlarmTopic', {
      displayName: `Break & Fix ${prefix} alarms`,
      enforceSSL: true,
    });
    if (stage.alarmEmail) this.alarmTopic.addSubscription(new subscriptions.EmailSubscription(stage.alarmEmail));

    const alarmOn = (id: string, metric: cloudwatch.IMetric, description: string): void => {
      const alarm = new cloudwatch.Alarm(this, id, {
        alarmName: `${prefix}-${id}`,
        alarmDescription: description,
        metric,
        threshold: 1,
        evaluationPeriods: 1,
        comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
        treatMissingData: cloudwatch.TreatMissingData.NOT_BREACHING,
      });
      alarm.addAlarmAction(new SnsAction(this.alarmTopic));
      this.alarms.push(alarm);
    };

    const sum = { period: PERIOD, statistic: cloudwatch.Stats.SUM };
    alarmOn('executions-failed', stateMachine.metricFailed(sum), 'An onboarding execution failed (see HandleFailure).');
    alarmOn('executions-timed-out', stateMachine.metricTimedOut(sum), 'An onboarding execution timed out.');
    alarmOn('api-5xx', httpApi.metricServerError(sum), 'The API answered 5xx.');
    for (const fn of functions) {
      // A function whose errors the workflow handles as outcomes (AssignTechnician's
      // NoTechnicianAvailable) pages nobody: a failure there still fails the execution, which alarms.
      if (!fn.spec.expectedErrors?.length) alarmOn(`${fn.spec.name}-errors`, fn.function.metricErrors(sum), `${fn.spec.name} threw or timed out.`);
      alarmOn(`${fn.spec.name}-throttles`, fn.function.metricThrottles(sum), `${fn.spec.name} was throttled.`);
    }

    const dashboard = new cloudwatch.Dashboard(this, 'Dashboard', { dashboardName: prefix });
    this.dashboard = dashboard;
    dashboard.addWidgets(
      new cloudwatch.GraphWidget({
        title: 'Onboarding executions',
        left: [
          stateMachine.metricStarted(sum),
          stateMachine.metricSucceeded(sum),
          stateMachine.metricFailed(sum),
          stateMachine.metricTimedOut(sum),
        ],
      }),
      new cloudwatch.GraphWidget({
        title: 'API requests and errors',
        left: [httpApi.metricCount(sum), httpApi.metricClientError(sum), httpApi.metricServerError(sum)],
        right: [httpApi.metricLatency({ period: PERIOD, statistic: cloudwatch.Stats.percentile(95) })],
      }),
    );
    dashboard.addWidgets(
      new cloudwatch.GraphWidget({
        title: 'Lambda errors and throttles',
        left: functions.flatMap((fn) => [
          fn.function.metricErrors({ ...sum, label: `${fn.spec.name} errors` }),
          fn.function.metricThrottles({ ...sum, label: `${fn.spec.name} throttles` }),
        ]),
      }),
      new cloudwatch.GraphWidget({
        title: 'Lambda duration p95',
        left: functions.map((fn) =>
          fn.function.metricDuration({ period: PERIOD, statistic: cloudwatch.Stats.percentile(95), label: fn.spec.name }),
        ),
      }),
    );
    dashboard.addWidgets(
      new cloudwatch.GraphWidget({
        title: 'Onboardings',
        width: 24,
        left: ONBOARDING_METRICS.map((name) => onboardingMetric(name, { ...sum, label: name })),
      }),
    );
    dashboard.addWidgets(new cloudwatch.AlarmStatusWidget({ title: 'Alarms', alarms: this.alarms, width: 24 }));
  }
}
