import { beforeAll, describe, expect, it } from 'vitest';
import { FUNCTIONS, type FunctionSpec } from '../../functions/catalog';
import { ENV } from '../../functions/shared/env';
import { type SynthesizedStage, synthesizeStage } from './synth-stage';
import { type CfnValue, logicalId, ref, renderCfnString, resource, resourcesOfType, stageFunction } from './template-queries';

const specs: readonly FunctionSpec[] = FUNCTIONS;

describe('the Lambda functions', () => {
  let dev: SynthesizedStage;

  beforeAll(() => {
    dev = synthesizeStage('dev');
  });

  it('every one runs Node.js 24 on arm64 with active tracing and its own log group with the stage retention', () => {
    const lambdas = resourcesOfType(dev.template, 'AWS::Lambda::Function');
    expect(lambdas.map(([id]) => id).sort()).toEqual(
      specs.map((spec) => logicalId(dev.stack, stageFunction(dev.stack, spec.name).function)).sort(),
    );
    for (const [id, lambda] of lambdas) {
      const properties = lambda.Properties ?? {};
      expect(properties.Runtime, id).toBe('nodejs24.x');
      expect(properties.Architectures, id).toEqual(['arm64']);
      expect(properties.TracingConfig, id).toEqual({ Mode: 'Active' });
      const logGroup = (properties.LoggingConfig as { LogGroup?: CfnValue } | undefined)?.LogGroup;
      const logGroupId = renderCfnString(logGroup ?? '').replace(/^<(.+)>$/, '$1');
      expect(resource(dev.template, logGroupId), id).toMatchObject({
        Type: 'AWS::Logs::LogGroup',
        Properties: { RetentionInDays: dev.stack.stage.logRetentionDays },
      });
    }
  });

  it.each(specs.map((spec) => [spec.name, spec] as const))('%s gets exactly the environment its grants ask for', (name, spec) => {
    const { stack, template } = dev;
    const { stage } = stack;
    const expected: Record<string, CfnValue> = {
      [ENV.analystAddresses]: stage.analystAddresses.join(','),
      [ENV.opsAddresses]: stage.opsAddresses.join(','),
      [ENV.workflowPolicy]: JSON.stringify(stage.policy),
      POWERTOOLS_SERVICE_NAME: expect.any(String) as unknown as CfnValue,
      POWERTOOLS_METRICS_NAMESPACE: expect.any(String) as unknown as CfnValue,
      NODE_OPTIONS: '--enable-source-maps',
    };
    if (spec.grants.table) expected[ENV.tableName] = ref(logicalId(stack, stack.data.table));
    if (spec.grants.stateMachine?.includes('start')) {
      expected[ENV.stateMachineArn] = ref(logicalId(stack, stack.workflow.stateMachine));
    }
    if (spec.grants.email) expected[ENV.senderAddress] = stage.senderAddress;

    const lambda = resource(template, logicalId(stack, stageFunction(stack, name).function));
    expect((lambda.Properties?.Environment as { Variables: Record<string, CfnValue> }).Variables).toEqual(expected);
  });
});
