import { Annotations, Match } from 'aws-cdk-lib/assertions';
import * as sns from 'aws-cdk-lib/aws-sns';
import { beforeAll, describe, expect, it } from 'vitest';
import { type SynthesizedStage, synthesizeStage, type TestStage } from './synth-stage';
import { acknowledgementsUnder } from './template-queries';

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

  it('states a reason for every acknowledgement', () => {
    const acknowledgements = acknowledgementsUnder(synthesized.stack);
    expect(acknowledgements.length).toBeGreaterThan(0);
    for (const { path, rule, reason } of acknowledgements) {
      expect(typeof reason, `${path} ${rule}`).toBe('string');
      // A sentence, not a placeholder.
      expect((reason as string).trim().length, `${path} ${rule}`).toBeGreaterThanOrEqual(40);
    }
    expect(new Set(acknowledgements.map(({ rule }) => rule.replace(/\[.*$/, '')))).toEqual(
      new Set(['AwsSolutions-IAM5', 'AwsSolutions-APIG4', 'AwsSolutions-SMG4', 'AwsSolutions-SF1']),
    );
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
