import { describe, expect, it } from 'vitest';
import { synthesizeStage } from './synth-stage';

/** CloudFormation refuses a template with more resources than this (a hard quota of the service). */
const CLOUDFORMATION_RESOURCE_LIMIT = 500;
/** Room for the next few functions: each costs about eight resources (role, policy, log group, function, version, routes…). */
const HEADROOM = 40;

describe("the stack's size", () => {
  it('stays under CloudFormation\'s 500-resource quota with room to grow, with every optional part switched on', () => {
    const { template } = synthesizeStage('prod', {
      context: {
        senderDomain: 'breakfix.example.nl',
        apiDomain: 'onboarding.breakfix.example.nl',
        certificateArn: 'arn:aws:acm:eu-west-1:123456789012:certificate/0b4c5d6e-1f2a-4b3c-8d9e-0a1b2c3d4e5f',
      },
    });
    const count = Object.keys(template.toJSON().Resources as Record<string, unknown>).length;
    console.log(`resources in the prod template with every option: ${count} of ${CLOUDFORMATION_RESOURCE_LIMIT}`);
    expect(count).toBeLessThanOrEqual(CLOUDFORMATION_RESOURCE_LIMIT - HEADROOM);
  });
});
