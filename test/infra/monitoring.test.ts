import { beforeAll, describe, expect, it } from 'vitest';
import { FUNCTIONS, type FunctionSpec } from '../../functions/catalog';
import { GSIS } from '../../functions/adapters/dynamodb/table-design';
import { API_LATENCY_P99_MS, SES_BOUNCE_RATE, SES_COMPLAINT_RATE, STUCK_SWEEP_FUNCTION } from '../../infra/constructs/alarms';
import { metricsNamespaceOf, POWERTOOLS_SERVICE_NAME } from '../../infra/constructs/catalog-function';
import { DYNAMODB_OPERATIONS } from '../../infra/constructs/dynamodb-metrics';
import { type SynthesizedStage, synthesizeStage, PROD_CONTEXT, type TestStage } from './synth-stage';
import { type CfnValue, logicalId, ref, renderCfnString, resource, resourcesOfType, catalogFunction } from './template-queries';

interface Dimension {
  Name: string;
  Value: CfnValue;
}

interface MetricQuery {
  Id: string;
  Expression?: string;
  ReturnData?: boolean;
  MetricStat?: { Metric: { Namespace: string; MetricName: string; Dimensions: Dimension[] }; Period: number; Stat: string };
}

interface AlarmProperties {
  AlarmName: string;
  AlarmDescription: string;
  Namespace?: string;
  MetricName?: string;
  Dimensions?: Dimension[];
  Statistic?: string;
  ExtendedStatistic?: string;
  Period?: number;
  Metrics?: MetricQuery[];
  Threshold: number;
  ComparisonOperator: string;
  EvaluationPeriods: number;
  DatapointsToAlarm?: number;
  TreatMissingData: string;
  AlarmActions: CfnValue[];
}

const alarmsOf = (stage: SynthesizedStage): AlarmProperties[] =>
  resourcesOfType(stage.template, 'AWS::CloudWatch::Alarm').map(([, alarm]) => alarm.Properties as unknown as AlarmProperties);

const specs = FUNCTIONS as readonly FunctionSpec[];

/** Synthesized once for the whole file: a synth takes tens of seconds on a busy machine. */
const synthesized = new Map<TestStage, SynthesizedStage>();
const synthesizedStage = (stage: TestStage): SynthesizedStage => {
  const found = synthesized.get(stage);
  if (!found) throw new Error(`${stage} was not synthesized`);
  return found;
};
beforeAll(() => {
  for (const stage of ['dev', 'prod'] as const) synthesized.set(stage, synthesizeStage(stage));
}, 300_000);

describe.each(['prod', 'dev'] as TestStage[])('alarms of the %s stage', (stageName) => {
  let stage: SynthesizedStage;
  const named = (id: string): AlarmProperties => {
    const alarm = alarmsOf(stage).find((candidate) => candidate.AlarmName === `onboarding-${stageName}-${id}`);
    if (!alarm) throw new Error(`no alarm onboarding-${stageName}-${id}`);
    return alarm;
  };
  const idOf = (construct: Parameters<typeof logicalId>[1]) => logicalId(stage.stack, construct);
  const onFirstOccurrence = { Threshold: 1, ComparisonOperator: 'GreaterThanOrEqualToThreshold', EvaluationPeriods: 1 };

  beforeAll(() => {
    stage = synthesizedStage(stageName);
  });

  it('sends every alarm to the alarm topic, treats no data as good news, and names its runbook section', () => {
    const topic = ref(idOf(stage.stack.monitoring.alarmTopic));
    const alarms = alarmsOf(stage);
    expect(alarms.length).toBeGreaterThan(0);
    for (const alarm of alarms) {
      expect(alarm.AlarmName).toMatch(new RegExp(`^onboarding-${stageName}-`));
      expect(alarm.AlarmActions, alarm.AlarmName).toEqual([topic]);
      expect(alarm.TreatMissingData, alarm.AlarmName).toBe('notBreaching');
      expect(alarm.AlarmDescription, alarm.AlarmName).toMatch(/ First: .+ Runbook: docs\/runbook\.md, section \S+\.$/);
      expect(alarm.AlarmDescription.length, alarm.AlarmName).toBeLessThanOrEqual(1024);
    }
  });

  it.each([
    ['executions-failed', 'ExecutionsFailed'],
    ['executions-timed-out', 'ExecutionsTimedOut'],
    ['executions-aborted', 'ExecutionsAborted'],
    ['executions-throttled', 'ExecutionThrottled'],
  ])('%s: AWS/States %s of the state machine (every version and alias), summed over 5 minutes, ≥ 1', (id, metricName) => {
    expect(named(id)).toMatchObject({
      Namespace: 'AWS/States',
      MetricName: metricName,
      Dimensions: [{ Name: 'StateMachineArn', Value: ref(idOf(stage.stack.workflow.stateMachine)) }],
      Statistic: 'Sum',
      Period: 300,
      ...onFirstOccurrence,
    });
  });

  it('onboardings-failed: the OnboardingFailed metric HandleFailure emits after the retries, in the stage\'s namespace', () => {
    expect(named('onboardings-failed')).toMatchObject({
      Namespace: metricsNamespaceOf(stageName),
      MetricName: 'OnboardingFailed',
      Dimensions: [{ Name: 'service', Value: POWERTOOLS_SERVICE_NAME }],
      Statistic: 'Sum',
      Period: 300,
      ...onFirstOccurrence,
    });
  });

  it.each(specs.filter((spec) => !spec.aslKey).map((spec) => spec.name))(
    '%s (no workflow retries it): alarms on each of its Lambda errors',
    (name) => {
      expect(named(`${name}-errors`)).toMatchObject({
        Namespace: 'AWS/Lambda',
        MetricName: 'Errors',
        Dimensions: [{ Name: 'FunctionName', Value: ref(idOf(catalogFunction(stage.stack, name).function)) }],
        Statistic: 'Sum',
        Period: 300,
        ...onFirstOccurrence,
      });
    },
  );

  it.each(specs.filter((spec) => spec.aslKey).map((spec) => spec.name))(
    '%s (a workflow step the ASL retries and catches): no Errors alarm of its own',
    (name) => {
      const fn = ref(idOf(catalogFunction(stage.stack, name).function));
      expect(alarmsOf(stage)).not.toContainEqual(
        expect.objectContaining({ MetricName: 'Errors', Dimensions: [{ Name: 'FunctionName', Value: fn }] }),
      );
    },
  );

  it('lambda-throttles-<n>: every function\'s Throttles in exactly one sum of at most 10, ≥ 1', () => {
    const throttleAlarms = alarmsOf(stage).filter((alarm) => /^onboarding-\w+-lambda-throttles-\d+$/.test(alarm.AlarmName));
    const watched = throttleAlarms.flatMap((alarm) => {
      const inputs = (alarm.Metrics ?? []).filter((query) => query.MetricStat);
      expect(inputs.length, alarm.AlarmName).toBeLessThanOrEqual(10);
      expect((alarm.Metrics ?? []).find((query) => query.Expression)?.Expression).toBe(
        inputs.map((query) => `FILL(${query.Id}, 0)`).join(' + '),
      );
      expect(alarm, alarm.AlarmName).toMatchObject(onFirstOccurrence);
      return inputs.map((query) => {
        expect(query.MetricStat).toMatchObject({ Metric: { Namespace: 'AWS/Lambda', MetricName: 'Throttles' }, Period: 300, Stat: 'Sum' });
        return query.MetricStat?.Metric.Dimensions;
      });
    });
    expect(watched).toHaveLength(specs.length);
    for (const spec of specs) {
      const fn = ref(idOf(catalogFunction(stage.stack, spec.name).function));
      expect(watched, spec.name).toContainEqual([{ Name: 'FunctionName', Value: fn }]);
    }
  });

  it('api-5xx and api-latency: the HTTP API\'s 5xx (any) and p99 latency (2 of 3 periods over the threshold)', () => {
    const api = [{ Name: 'ApiId', Value: ref(idOf(stage.stack.api.httpApi)) }];
    expect(named('api-5xx')).toMatchObject({
      Namespace: 'AWS/ApiGateway',
      MetricName: '5xx',
      Dimensions: api,
      Statistic: 'Sum',
      Period: 300,
      ...onFirstOccurrence,
    });
    expect(named('api-latency')).toMatchObject({
      Namespace: 'AWS/ApiGateway',
      MetricName: 'Latency',
      Dimensions: api,
      ExtendedStatistic: 'p99',
      Period: 300,
      Threshold: API_LATENCY_P99_MS,
      ComparisonOperator: 'GreaterThanOrEqualToThreshold',
      EvaluationPeriods: 3,
      DatapointsToAlarm: 2,
    });
    expect(API_LATENCY_P99_MS).toBe(3000);
  });

  describe('DynamoDB', () => {
    const table = () => ref(idOf(stage.stack.data.table));
    /** The metrics a math alarm adds up, and the expression it watches. */
    const mathOf = (id: string) => {
      const metrics = named(id).Metrics ?? [];
      const inputs = metrics.filter((query) => query.MetricStat);
      const returned = metrics.filter((query) => query.ReturnData !== false);
      return { inputs, returned };
    };

    it.each([
      ['dynamodb-throttles', 'ThrottledRequests'],
      ['dynamodb-system-errors', 'SystemErrors'],
    ])('%s: %s of every operation the code calls, each summed, missing periods as 0, ≥ 1', (id, metricName) => {
      const { inputs, returned } = mathOf(id);
      expect(inputs.map((query) => query.MetricStat)).toEqual(
        DYNAMODB_OPERATIONS.map((operation) => ({
          Metric: {
            Namespace: 'AWS/DynamoDB',
            MetricName: metricName,
            // CDK renders dimensions sorted by name.
            Dimensions: [
              { Name: 'Operation', Value: operation },
              { Name: 'TableName', Value: table() },
            ],
          },
          Period: 300,
          Stat: 'Sum',
        })),
      );
      expect(returned).toHaveLength(1);
      expect(returned[0]?.Expression).toBe(inputs.map((query) => `FILL(${query.Id}, 0)`).join(' + '));
      expect(named(id)).toMatchObject(onFirstOccurrence);
    });

    it('dynamodb-index-throttles: ReadThrottleEvents of every index, summed', () => {
      const { inputs, returned } = mathOf('dynamodb-index-throttles');
      expect(inputs.map((query) => query.MetricStat?.Metric)).toEqual(
        Object.keys(GSIS).map((indexName) => ({
          Namespace: 'AWS/DynamoDB',
          MetricName: 'ReadThrottleEvents',
          Dimensions: [
            { Name: 'GlobalSecondaryIndexName', Value: indexName },
            { Name: 'TableName', Value: table() },
          ],
        })),
      );
      expect(returned[0]?.Expression).toContain('FILL(');
      expect(named('dynamodb-index-throttles')).toMatchObject(onFirstOccurrence);
    });
  });

  it.each([
    ['ses-bounce-rate', 'Reputation.BounceRate', SES_BOUNCE_RATE, 0.05],
    ['ses-complaint-rate', 'Reputation.ComplaintRate', SES_COMPLAINT_RATE, 0.001],
  ])('%s: SES %s of this stage\'s configuration set, hourly maximum, at the review level', (id, metricName, threshold, expected) => {
    expect(threshold).toBe(expected);
    expect(named(id)).toMatchObject({
      Namespace: 'AWS/SES',
      MetricName: metricName,
      Dimensions: [{ Name: 'ses:configuration-set', Value: ref(idOf(stage.stack.email.configurationSet)) }],
      Statistic: 'Maximum',
      Period: 3600,
      Threshold: threshold,
      ComparisonOperator: 'GreaterThanOrEqualToThreshold',
      EvaluationPeriods: 1,
    });
  });

  it('sla-breaches: the SlaBreach metric SweepSla emits, ≥ 1 in 5 minutes', () => {
    expect(named('sla-breaches')).toMatchObject({
      Namespace: metricsNamespaceOf(stageName),
      MetricName: 'SlaBreach',
      Dimensions: [{ Name: 'service', Value: POWERTOOLS_SERVICE_NAME }],
      Statistic: 'Sum',
      Period: 300,
      ...onFirstOccurrence,
    });
  });

  it('stuck-onboardings: the StuckOnboardings gauge of one sweep, > 0', () => {
    const sweep = specs.find((spec) => spec.name === STUCK_SWEEP_FUNCTION);
    expect(sweep?.schedule, `${STUCK_SWEEP_FUNCTION} publishes StuckOnboardings on a schedule`).toBeDefined();
    expect(named('stuck-onboardings')).toMatchObject({
      Namespace: metricsNamespaceOf(stageName),
      MetricName: 'StuckOnboardings',
      Dimensions: [{ Name: 'service', Value: POWERTOOLS_SERVICE_NAME }],
      Statistic: 'Maximum',
      Period: (sweep?.schedule?.everyMinutes ?? 0) * 60,
      Threshold: 0,
      ComparisonOperator: 'GreaterThanThreshold',
      EvaluationPeriods: 1,
      TreatMissingData: 'notBreaching',
    });
  });

  it('gives every function the stage\'s metrics namespace', () => {
    for (const [, fn] of resourcesOfType(stage.template, 'AWS::Lambda::Function')) {
      const variables = (fn.Properties?.Environment as { Variables?: Record<string, CfnValue> } | undefined)?.Variables;
      if (!variables?.POWERTOOLS_SERVICE_NAME) continue; // CDK's own helper functions
      expect(variables.POWERTOOLS_METRICS_NAMESPACE).toBe(`BreakFixOnboarding/${stageName}`);
    }
  });
});

describe('monitoring', () => {
  let prod: SynthesizedStage;
  let dev: SynthesizedStage;

  beforeAll(() => {
    prod = synthesizedStage('prod');
    dev = synthesizedStage('dev');
  });

  it('adds no cdk-nag finding of its own', () => {
    for (const stage of [dev, prod]) {
      expect(stage.violations.filter((violation) => violation.paths.some((path) => path.includes('/Monitoring/')))).toEqual([]);
    }
  });

  it('keeps dev\'s and prod\'s product metrics apart', () => {
    const namespaces = (stage: SynthesizedStage) =>
      new Set(alarmsOf(stage).flatMap((alarm) => (alarm.Namespace?.startsWith('BreakFix') ? [alarm.Namespace] : [])));
    expect(namespaces(dev)).toEqual(new Set(['BreakFixOnboarding/dev']));
    expect(namespaces(prod)).toEqual(new Set(['BreakFixOnboarding/prod']));
  });

  it('mails the alarm topic to alarmEmail when given, and subscribes nobody otherwise', () => {
    const subscriptions = (stage: SynthesizedStage) =>
      resourcesOfType(stage.template, 'AWS::SNS::Subscription')
        .map(([, subscription]) => subscription.Properties)
        .filter((properties) => properties?.TopicArn !== undefined && JSON.stringify(properties.TopicArn) === JSON.stringify(ref(logicalId(stage.stack, stage.stack.monitoring.alarmTopic))));
    expect(subscriptions(prod)).toEqual([expect.objectContaining({ Protocol: 'email', Endpoint: PROD_CONTEXT.alarmEmail })]);
    expect(subscriptions(dev)).toEqual([]);
  });

  it('has a dashboard graphing executions, the API, every function, the table and SES, with recent errors from the logs', () => {
    const dashboard = resource(dev.template, logicalId(dev.stack, dev.stack.monitoring.dashboard));
    const body = renderCfnString(dashboard.Properties?.DashboardBody ?? '');
    for (const metric of [
      'ExecutionsFailed',
      'ExecutionsSucceeded',
      'ExecutionsAborted',
      'ExecutionThrottled',
      '5xx',
      'Latency',
      'Errors',
      'Throttles',
      'Duration',
      'ThrottledRequests',
      'SystemErrors',
      'ReadThrottleEvents',
      'WriteThrottleEvents',
      'Reputation.BounceRate',
      'Reputation.ComplaintRate',
    ]) {
      expect(body).toContain(`"${metric}"`);
    }
    for (const spec of FUNCTIONS) {
      expect(body).toContain(`<${logicalId(dev.stack, catalogFunction(dev.stack, spec.name).function)}>`);
    }
    const widgets = (JSON.parse(body.replace(/<[^>]+>/g, 'X')) as { widgets: { type: string; properties: { query?: string } }[] }).widgets;
    const queries = widgets.filter((widget) => widget.type === 'log').map((widget) => widget.properties.query ?? '');
    expect(queries).toContainEqual(expect.stringContaining('filter level = "ERROR"'));
    expect(queries).toContainEqual(expect.stringContaining('execution_arn'));
  });
});
