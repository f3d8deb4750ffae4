import { App } from 'aws-cdk-lib';
import { describe, expect, it } from 'vitest';
import { StageContextError, stageConfigFromContext } from '../../infra/constructs/stage-context';
import { STAGE_DEFAULTS } from '../../infra/stage-config';
import { PROD_CONTEXT } from './synth-stage';

const configFor = (context: Record<string, unknown>) => stageConfigFromContext(new App({ context }).node);

describe('stage config from context', () => {
  it('defaults to dev with example.com placeholders and no alarm subscription', () => {
    const config = configFor({});
    expect(config).toMatchObject(STAGE_DEFAULTS.dev);
    for (const address of [config.senderAddress, ...config.analystAddresses, ...config.opsAddresses]) {
      expect(address).toMatch(/@example\.com>?$/);
    }
    expect(config.alarmEmail).toBeUndefined();
  });

  it('reads comma-separated address lists from -c values', () => {
    const config = configFor({ stage: 'prod', ...PROD_CONTEXT, analystAddresses: ' a@x.nl, b@y.nl ,' });
    expect(config).toMatchObject({
      ...STAGE_DEFAULTS.prod,
      senderAddress: PROD_CONTEXT.senderAddress,
      analystAddresses: ['a@x.nl', 'b@y.nl'],
      opsAddresses: [PROD_CONTEXT.opsAddresses],
      alarmEmail: PROD_CONTEXT.alarmEmail,
    });
  });

  it.each(Object.keys(PROD_CONTEXT))('refuses prod without %s, naming it', (missing) => {
    const context: Record<string, unknown> = { stage: 'prod', ...PROD_CONTEXT };
    delete context[missing];
    expect(() => configFor(context)).toThrow(StageContextError);
    expect(() => configFor(context)).toThrow(`-c ${missing}=`);
  });

  it('refuses an unknown stage', () => {
    expect(() => configFor({ stage: 'staging' })).toThrow(/Unknown stage "staging"/);
  });
});
