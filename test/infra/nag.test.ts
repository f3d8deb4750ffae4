import { Annotations, Match } from 'aws-cdk-lib/assertions';
import * as sns from 'aws-cdk-lib/aws-sns';
import { beforeAll, describe, expect, it } from 'vitest';
import { type SynthesizedStage, synthesizeStage, type TestStage } from './synth-stage';

const stages: TestStage[] = ['dev', 'prod'];

describe.each(stages)('validation of the %s stack', (stage) => {
  let synthesized: SynthesizedStage;

  beforeAll(() => {
    synthesized = synthesizeStage(stage);
  });

  it('has no unacknowledged cdk-nag AwsSolutions (or CloudFormation validation) error or warning', () => {
    expect(synthesized.violations).toEqual([]);
  });

  it('has no CDK error or warning annotations', () => {
    const annotations = Annotations.fromStack(synthesized.stack);
    expect(annotations.findError('*', Match.anyValue())).toEqual([]);
    expect(annotations.findWarning('*', Match.anyValue())).toEqual([]);
  });
});

describe('the validation harness', () => {
  it('does see an AwsSolutions finding (so an empty list above means something)', () => {
    const withUnsafeTopic = synthesizeStage('dev', {
      beforeSynth: (stack) => new sns.Topic(stack, 'TopicWithoutSsl'),
    });
    expect(withUnsafeTopic.violations).toContainEqual(
      expect.objectContaining({
        plugin: 'AwsSolutions',
        rule: 'AwsSolutions-SNS3',
        paths: ['Onboarding-dev/TopicWithoutSsl/Resource'],
      }),
    );
  });
});
