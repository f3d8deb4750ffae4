import { beforeAll, describe, expect, it, vi } from 'vitest';

const MACHINE = 'arn:aws:states:eu-west-1:123456789012:stateMachine:onboarding-prod';
const EXECUTION = 'arn:aws:states:eu-west-1:123456789012:execution:onboarding-prod:o-123';

describe('executionArnFor', () => {
  let executionArnFor: (stateMachineArn: string, executionName: string) => string;

  beforeAll(async () => {
    // The adapter reads STATE_MACHINE_ARN when its module loads, as a Lambda container does.
    vi.stubEnv('STATE_MACHINE_ARN', `${MACHINE}:live`);
    ({ executionArnFor } = await import('../../functions/adapters/sfn/workflow-starter'));
  });

  it('derives the execution ARN from the unqualified state machine ARN', () => {
    expect(executionArnFor(MACHINE, 'o-123')).toBe(EXECUTION);
  });

  it('drops an alias or version qualifier: executions started through either have the unqualified form', () => {
    expect(executionArnFor(`${MACHINE}:live`, 'o-123')).toBe(EXECUTION);
    expect(executionArnFor(`${MACHINE}:7`, 'o-123')).toBe(EXECUTION);
    // A retry's execution, named <onboardingId>-r<attempt>.
    expect(executionArnFor(`${MACHINE}:live`, 'o-123-r2')).toBe(`${EXECUTION}-r2`);
  });

  it('refuses what is not a state machine ARN', () => {
    expect(() => executionArnFor('arn:aws:lambda:eu-west-1:123456789012:function:CreateOnboarding', 'o-123')).toThrow(/Not a state machine ARN/);
  });
});
