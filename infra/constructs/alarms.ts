import { Duration } from 'aws-cdk-lib';
import type { HttpApi } from 'aws-cdk-lib/aws-apigatewayv2';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import type { ITableV2 } from 'aws-cdk-lib/aws-dynamodb';
import type { IConfigurationSet } from 'aws-cdk-lib/aws-ses';
import type { StateMachine } from 'aws-cdk-lib/aws-stepfunctions';
import type { StageConfig } from '../stage-config';
import { businessMetric } from './business-metrics';
import type { CatalogFunction } from './catalog-function';
import { indexReadThrottles, systemErrors, throttledRequests } from './dynamodb-metrics';
import { MAX_METRICS_PER_ALARM, sumOf } from './metric-math';

const FIVE_MINUTES = Duration.minutes(5);

/** p99 of the API's latency above this, in 2 of 3 five-minute periods, is slow for a person waiting on a page. */
export const API_LATENCY_P99_MS = 3000;

/**
 * SES puts an account under review at a 5 % bounce rate or a 0.1 % complaint rate, and may pause
 * its sending at about 10 % and 0.5 %: alarm at the review levels, with room left before a pause.
 */
export const SES_BOUNCE_RATE = 0.05;
export const SES_COMPLAINT_RATE = 0.001;

/** The sweep that publishes StuckOnboardings; its alarm looks at one run of it. */
export const STUCK_SWEEP_FUNCTION = 'SweepStuckOnboardings';

/** One alarm: `onboarding-<stage>-<id>`, with a section `<id>` in docs/runbook.md. */
export interface AlarmDefinition {
  id: string;
  metric: cloudwatch.IMetric;
  /** What it means and what to do first; the alarm's description, next to its runbook section. */
  means: string;
  /** Its section in docs/runbook.md when that is a pattern (`<Function>-errors`); else the id. */
  runbookSection?: string;
  threshold?: number;
  comparisonOperator?: cloudwatch.ComparisonOperator;
  evaluationPeriods?: number;
  datapointsToAlarm?: number;
}

export interface AlarmSources {
  stage: StageConfig;
  stateMachine: StateMachine;
  functions: readonly CatalogFunction[];
  httpApi: HttpApi;
  table: ITableV2;
  indexNames: readonly string[];
  configurationSet: IConfigurationSet;
}

const sum = { period: FIVE_MINUTES, statistic: cloudwatch.Stats.SUM };

/** Every alarm of a stage. Each fires on a fault that retries did not absorb. */
export function alarmDefinitions(sources: AlarmSources): AlarmDefinition[] {
  return [
    ...workflowAlarms(sources),
    ...functionErrorAlarms(sources.functions),
    ...functionThrottleAlarms(sources.functions),
    ...apiAlarms(sources.httpApi),
    ...tableAlarms(sources.table, sources.indexNames),
    ...emailAlarms(sources.configurationSet),
    ...productAlarms(sources),
  ];
}

function workflowAlarms({ stage, stateMachine }: AlarmSources): AlarmDefinition[] {
  // By the state machine's ARN: counts executions of every version and alias alike.
  return [
    {
      id: 'executions-failed',
      metric: stateMachine.metricFailed(sum),
      means: 'An onboarding execution failed. First: open the failed execution in the Step Functions console and find the failed step in its history.',
    },
    {
      id: 'executions-timed-out',
      metric: stateMachine.metricTimedOut(sum),
      means: 'An onboarding execution ran into its overall timeout. First: find the execution and the state it was waiting in.',
    },
    {
      id: 'executions-aborted',
      metric: stateMachine.metricAborted(sum),
      means: 'Someone or something stopped an onboarding execution (StopExecution). First: check CloudTrail for who stopped it and whether the onboarding must be resumed.',
    },
    {
      id: 'executions-throttled',
      metric: stateMachine.metricThrottled(sum),
      means: 'Step Functions throttled the workflow (StartExecution or state transitions). First: check the Step Functions quotas of the account and region.',
    },
    {
      id: 'onboardings-failed',
      metric: businessMetric(stage, 'OnboardingFailed', sum),
      means: 'An onboarding step failed after all its retries and HandleFailure set the onboarding FAILED. First: read the failed step and error on the onboarding, then retry it (POST /onboardings/{id}/retry).',
    },
  ];
}

/**
 * Workflow steps (functions with an aslKey) get no Errors alarm: the ASL retries their errors, and
 * one that survives the retries lands in HandleFailure (onboardings-failed). Every other function
 * has nobody retrying for it, so each of its errors counts.
 */
function functionErrorAlarms(functions: readonly CatalogFunction[]): AlarmDefinition[] {
  return functions
    .filter((fn) => !fn.spec.aslKey)
    .map((fn) => ({
      id: `${fn.spec.name}-errors`,
      metric: fn.function.metricErrors(sum),
      runbookSection: '<Function>-errors',
      means: `${fn.spec.name} threw, crashed or timed out. First: read the errors in its log group (Logs Insights, level ERROR).`,
    }));
}

/**
 * Throttles, summed over groups of functions in catalog order (`lambda-throttles-1`, …): a throttle
 * is the account's or region's concurrency running out, which hits many functions at once, and a
 * stack may hold at most 500 resources, so one alarm per function would crowd it.
 */
function functionThrottleAlarms(functions: readonly CatalogFunction[]): AlarmDefinition[] {
  const groups: CatalogFunction[][] = [];
  for (let first = 0; first < functions.length; first += MAX_METRICS_PER_ALARM) {
    groups.push(functions.slice(first, first + MAX_METRICS_PER_ALARM));
  }
  return groups.map((group, index) => ({
    id: `lambda-throttles-${index + 1}`,
    metric: sumOf(
      'throttles',
      'Throttles',
      group.map((fn) => fn.function.metricThrottles(sum)),
      FIVE_MINUTES,
    ),
    runbookSection: 'lambda-throttles-<n>',
    means:
      `Lambda refused to run one of ${group.map((fn) => fn.spec.name).join(', ')} (concurrency). ` +
      "First: see which on the dashboard's Lambda graph, and check the account's concurrent executions.",
  }));
}

function apiAlarms(httpApi: HttpApi): AlarmDefinition[] {
  return [
    {
      id: 'api-5xx',
      metric: httpApi.metricServerError(sum),
      means: 'The API answered 5xx (a handler failed, timed out, or an integration broke). First: find the route and status in the API access log, then the function\'s log.',
    },
    {
      id: 'api-latency',
      metric: httpApi.metricLatency({ period: FIVE_MINUTES, statistic: cloudwatch.Stats.p(99) }),
      threshold: API_LATENCY_P99_MS,
      evaluationPeriods: 3,
      datapointsToAlarm: 2,
      means: `The API's p99 latency stayed above ${API_LATENCY_P99_MS} ms. First: find the slow routes in the access log (responseLatency) and their functions' duration.`,
    },
  ];
}

function tableAlarms(table: ITableV2, indexNames: readonly string[]): AlarmDefinition[] {
  return [
    {
      id: 'dynamodb-throttles',
      metric: throttledRequests(table, FIVE_MINUTES),
      means: 'DynamoDB throttled requests to the onboarding table (on-demand limits, a hot partition, or an index holding writes back). First: see which operation on the dashboard\'s DynamoDB graph.',
    },
    {
      id: 'dynamodb-index-throttles',
      metric: indexReadThrottles(table, indexNames, FIVE_MINUTES),
      means: 'DynamoDB throttled queries on an index of the onboarding table. First: see which index on the dashboard\'s DynamoDB graph.',
    },
    {
      id: 'dynamodb-system-errors',
      metric: systemErrors(table, FIVE_MINUTES),
      means: 'DynamoDB answered HTTP 500 (an AWS-side fault). First: check the AWS Health Dashboard for DynamoDB in the region.',
    },
  ];
}

/**
 * The configuration set's own reputation metric (Reputation.BounceRate, Reputation.ComplaintRate):
 * this stage's mail only, not the whole account's. The alarms and the dashboard read the same one.
 */
export function sesReputationMetric(configurationSet: IConfigurationSet, metricName: string): cloudwatch.Metric {
  return new cloudwatch.Metric({
    namespace: 'AWS/SES',
    metricName,
    dimensionsMap: { 'ses:configuration-set': configurationSet.configurationSetName },
    statistic: cloudwatch.Stats.MAXIMUM,
    period: Duration.hours(1),
  });
}

function emailAlarms(configurationSet: IConfigurationSet): AlarmDefinition[] {
  const reputation = (metricName: string) => sesReputationMetric(configurationSet, metricName);
  return [
    {
      id: 'ses-bounce-rate',
      metric: reputation('Reputation.BounceRate'),
      threshold: SES_BOUNCE_RATE,
      means: 'The bounce rate of this stage\'s e-mail reached 5 %, where SES puts the account under review. First: check the SES reputation page and the bounced addresses the suppression handler recorded.',
    },
    {
      id: 'ses-complaint-rate',
      metric: reputation('Reputation.ComplaintRate'),
      threshold: SES_COMPLAINT_RATE,
      means: 'The complaint rate of this stage\'s e-mail reached 0.1 %, where SES puts the account under review. First: check the SES reputation page and which mail the complaints were about.',
    },
  ];
}

function productAlarms({ stage, functions }: AlarmSources): AlarmDefinition[] {
  const sweepMinutes = functions.find((fn) => fn.spec.name === STUCK_SWEEP_FUNCTION)?.spec.schedule?.everyMinutes;
  if (!sweepMinutes) throw new Error(`The stuck-onboardings alarm needs ${STUCK_SWEEP_FUNCTION}, a scheduled function of the catalog`);
  const sweepPeriod = Duration.minutes(sweepMinutes);
  return [
    {
      id: 'sla-breaches',
      metric: businessMetric(stage, 'SlaBreach', sum),
      means: 'A ticket passed its response or resolution due time (SweepSla escalated it to the account manager). First: find the ticket and its assignee and agree on the next step.',
    },
    {
      id: 'stuck-onboardings',
      metric: businessMetric(stage, 'StuckOnboardings', { period: sweepPeriod }),
      threshold: 0,
      comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_THRESHOLD,
      means: 'Onboardings stayed in one status longer than the stage allows (stuckAfterHours). First: find their ids in SweepStuckOnboardings\' log and see what each is waiting for.',
    },
  ];
}
