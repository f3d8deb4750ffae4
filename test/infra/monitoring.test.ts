import { beforeAll, describe, expect, it } from 'vitest';
import { FUNCTIONS, type FunctionSpec } from '../../functions/catalog';
import { ONBOARDING_METRICS } from '../../infra/constructs/monitoring';
import { POWERTOOLS_METRICS_NAMESPACE, POWERTOOLS_SERVICE_NAME } from '../../infra/constructs/catalog-function';
import { type SynthesizedStage, synthesizeStage, PROD_CONTEXT } from './synth-stage';
import { type CfnValue, logicalId, ref, renderCfnString, resource, resourcesOfType, catalogFunction } from './template-queries';

interface AlarmProperties {
  Namespace: string;
  MetricName: string;
  Dimensions: { Name: string; Value: CfnValue }[];
  AlarmActions: CfnValue[];
}

describe('monitoring', () => {
  let prod: SynthesizedStage;
  let dev: SynthesizedStage;
  const alarms = (stage: SynthesizedStage) =>
    resourcesOfType(stage.template, 'AWS::CloudWatch::Alarm').map(([, alarm]) => alarm.Properties as unknown as AlarmProperties);

  beforeAll(() => {
    prod = synthesizeStage('prod');
    dev = synthesizeStage('dev');
  });

  function expectAlarm(namespace: string, metricName: string, dimension: { Name: string; Value: CfnValue }): void {
    const topic = ref(logicalId(prod.stack, prod.stack.monitoring.alarmTopic));
    expect(alarms(prod)).toContainEqual(
      expect.objectContaining({ Namespace: namespace, MetricName: metricName, Dimensions: [dimension], AlarmActions: [topic] }),
    );
  }

  it('alarms on failed and timed-out executions', () => {
    const stateMachine = ref(logicalId(prod.stack, prod.stack.workflow.stateMachine));
    expectAlarm('AWS/States', 'ExecutionsFailed', { Name: 'StateMachineArn', Value: stateMachine });
    expectAlarm('AWS/States', 'ExecutionsTimedOut', { Name: 'StateMachineArn', Value: stateMachine });
  });

  const specs = FUNCTIONS as readonly FunctionSpec[];
  it.each(specs.filter((spec) => !spec.expectedErrors).map((spec) => spec.name))('alarms on errors and throttles of %s', (name) => {
    const fn = ref(logicalId(prod.stack, catalogFunction(prod.stack, name).function));
    expectAlarm('AWS/Lambda', 'Errors', { Name: 'FunctionName', Value: fn });
    expectAlarm('AWS/Lambda', 'Throttles', { Name: 'FunctionName', Value: fn });
  });

  it.each(specs.filter((spec) => spec.expectedErrors).map((spec) => spec.name))(
    'pages nobody for %s\'s expected errors (the workflow handles them), but alarms on its throttles',
    (name) => {
      const fn = ref(logicalId(prod.stack, catalogFunction(prod.stack, name).function));
      expectAlarm('AWS/Lambda', 'Throttles', { Name: 'FunctionName', Value: fn });
      expect(alarms(prod)).not.toContainEqual(expect.objectContaining({ MetricName: 'Errors', Dimensions: [{ Name: 'FunctionName', Value: fn }] }));
    },
  );

  it('alarms on API 5xx', () => {
    expectAlarm('AWS/ApiGateway', '5xx', { Name: 'ApiId', Value: ref(logicalId(prod.stack, prod.stack.api.httpApi)) });
  });

  it('mails the alarm topic to alarmEmail when given, and subscribes nobody otherwise', () => {
    const subscriptions = (stage: SynthesizedStage) =>
      resourcesOfType(stage.template, 'AWS::SNS::Subscription').map(([, subscription]) => subscription.Properties);
    expect(subscriptions(prod)).toEqual([
      expect.objectContaining({ Protocol: 'email', Endpoint: PROD_CONTEXT.alarmEmail }),
    ]);
    expect(subscriptions(dev)).toEqual([]);
  });

  it('has a dashboard graphing executions, API errors and every function', () => {
    const dashboard = resource(dev.template, logicalId(dev.stack, dev.stack.monitoring.dashboard));
    const body = renderCfnString(dashboard.Properties?.DashboardBody ?? '');
    for (const metric of ['ExecutionsFailed', 'ExecutionsSucceeded', '5xx', 'Errors', 'Throttles', 'Duration']) {
      expect(body).toContain(`"${metric}"`);
    }
    for (const spec of FUNCTIONS) {
      expect(body).toContain(`<${logicalId(dev.stack, catalogFunction(dev.stack, spec.name).function)}>`);
    }
  });

  it('graphs the handlers\' onboarding metrics in their namespace, with the service dimension Powertools adds', () => {
    const dashboard = resource(dev.template, logicalId(dev.stack, dev.stack.monitoring.dashboard));
    const body = JSON.parse(renderCfnString(dashboard.Properties?.DashboardBody ?? '').replace(/<[^>]+>/g, 'X')) as {
      widgets: { properties: { metrics?: unknown[][] } }[];
    };
    const graphed = body.widgets.flatMap((widget) => widget.properties.metrics ?? []);
    for (const name of ONBOARDING_METRICS) {
      expect(graphed, name).toContainEqual(
        expect.arrayContaining([POWERTOOLS_METRICS_NAMESPACE, name, 'service', POWERTOOLS_SERVICE_NAME]),
      );
    }
    expect(ONBOARDING_METRICS).toEqual(
      expect.arrayContaining(['OnboardingReceived', 'OnboardingFailed', 'AgreementApproved', 'ClientDecisionRecorded']),
    );
  });
});
