import { Duration } from 'aws-cdk-lib';
import type { HttpApi } from 'aws-cdk-lib/aws-apigatewayv2';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import type { ITableV2 } from 'aws-cdk-lib/aws-dynamodb';
import type { ILogGroup } from 'aws-cdk-lib/aws-logs';
import type { IConfigurationSet } from 'aws-cdk-lib/aws-ses';
import type { StateMachine } from 'aws-cdk-lib/aws-stepfunctions';
import { Construct } from 'constructs';
import type { StageConfig } from '../stage-config';
import { API_LATENCY_P99_MS, SES_BOUNCE_RATE, SES_COMPLAINT_RATE, sesReputationMetric } from './alarms';
import { BUSINESS_GRAPHS, BUSINESS_METRICS, businessMetric } from './business-metrics';
import type { CatalogFunction } from './catalog-function';
import { systemErrors, throttledRequests, throttleEventsByResource } from './dynamodb-metrics';

const PERIOD = Duration.minutes(5);
const sum = { period: PERIOD, statistic: cloudwatch.Stats.SUM };

/** A Logs Insights query may read at most 50 log groups. */
const LOG_GROUPS_PER_QUERY = 50;

/** Powertools' error lines and the Lambda runtime's own (an unhandled error, a timeout); ids only, no payloads. */
const FUNCTION_ERRORS_QUERY = [
  'fields @timestamp, @log, level, message, onboardingId, error.name, error.message',
  'filter level = "ERROR" or @message like /Task timed out|Runtime\\.|Invoke Error/',
  'sort @timestamp desc',
  'limit 50',
];

const WORKFLOW_FAILURES_QUERY = [
  'fields @timestamp, type, execution_arn, details.error',
  'filter type like /Failed|TimedOut|Aborted/',
  'sort @timestamp desc',
  'limit 50',
];

export interface OnboardingDashboardProps {
  stage: StageConfig;
  stateMachine: StateMachine;
  stateMachineLogGroup?: ILogGroup;
  functions: readonly CatalogFunction[];
  httpApi: HttpApi;
  table: ITableV2;
  indexNames: readonly string[];
  configurationSet: IConfigurationSet;
  alarms: readonly cloudwatch.IAlarm[];
}

/** One dashboard per stage: the workflow, the API, the functions, the table, e-mail, every business metric, recent errors, the alarms. */
export class OnboardingDashboard extends Construct {
  readonly dashboard: cloudwatch.Dashboard;

  constructor(scope: Construct, id: string, props: OnboardingDashboardProps) {
    super(scope, id);
    const { stage, stateMachine, functions, httpApi, table, indexNames, configurationSet } = props;
    const dashboard = new cloudwatch.Dashboard(this, 'Dashboard', { dashboardName: `onboarding-${stage.stage}` });
    this.dashboard = dashboard;

    dashboard.addWidgets(
      new cloudwatch.GraphWidget({
        title: 'Onboarding executions',
        left: [
          stateMachine.metricStarted(sum),
          stateMachine.metricSucceeded(sum),
          stateMachine.metricFailed(sum),
          stateMachine.metricTimedOut(sum),
          stateMachine.metricAborted(sum),
          stateMachine.metricThrottled(sum),
        ],
      }),
      new cloudwatch.GraphWidget({
        title: 'API requests, errors and latency',
        left: [httpApi.metricCount(sum), httpApi.metricClientError(sum), httpApi.metricServerError(sum)],
        right: [
          httpApi.metricLatency({ period: PERIOD, statistic: cloudwatch.Stats.percentile(50) }),
          httpApi.metricLatency({ period: PERIOD, statistic: cloudwatch.Stats.percentile(99) }),
        ],
        rightAnnotations: [{ value: API_LATENCY_P99_MS, label: 'p99 alarm' }],
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
        title: 'DynamoDB throttles and system errors',
        left: [throttledRequests(table, PERIOD), systemErrors(table, PERIOD)],
        right: throttleEventsByResource(table, indexNames, PERIOD),
      }),
      new cloudwatch.GraphWidget({
        title: 'SES reputation of this stage (configuration set)',
        left: ['Reputation.BounceRate', 'Reputation.ComplaintRate'].map((metricName) => sesReputationMetric(configurationSet, metricName)),
        leftAnnotations: [
          { value: SES_BOUNCE_RATE, label: 'bounce rate alarm (5 %)' },
          { value: SES_COMPLAINT_RATE, label: 'complaint rate alarm (0.1 %)' },
        ],
      }),
    );

    // Every business metric, grouped; a group without metrics (yet) draws no empty graph.
    const businessGraphs = BUSINESS_GRAPHS.map((graph) => ({
      graph,
      metrics: BUSINESS_METRICS.filter((metric) => metric.graph === graph),
    }))
      .filter(({ metrics }) => metrics.length > 0)
      .map(
        ({ graph, metrics }) =>
          new cloudwatch.GraphWidget({ title: graph, left: metrics.map((metric) => businessMetric(stage, metric.name, { label: metric.name })) }),
      );
    for (let row = 0; row < businessGraphs.length; row += 2) dashboard.addWidgets(...businessGraphs.slice(row, row + 2));

    const functionLogGroups = functions.map((fn) => fn.function.logGroup.logGroupName);
    for (let first = 0; first < functionLogGroups.length; first += LOG_GROUPS_PER_QUERY) {
      dashboard.addWidgets(
        new cloudwatch.LogQueryWidget({
          title: `Recent function errors${functionLogGroups.length > LOG_GROUPS_PER_QUERY ? ` (${first / LOG_GROUPS_PER_QUERY + 1})` : ''}`,
          logGroupNames: functionLogGroups.slice(first, first + LOG_GROUPS_PER_QUERY),
          queryLines: FUNCTION_ERRORS_QUERY,
          width: 24,
        }),
      );
    }
    if (props.stateMachineLogGroup) {
      dashboard.addWidgets(
        new cloudwatch.LogQueryWidget({
          title: 'Recent workflow failures',
          logGroupNames: [props.stateMachineLogGroup.logGroupName],
          queryLines: WORKFLOW_FAILURES_QUERY,
          width: 24,
        }),
      );
    }
    dashboard.addWidgets(new cloudwatch.AlarmStatusWidget({ title: 'Alarms', alarms: [...props.alarms], width: 24 }));
  }
}
