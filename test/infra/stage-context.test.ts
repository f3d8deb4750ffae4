import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { App } from 'aws-cdk-lib';
import { describe, expect, it } from 'vitest';
import { StageContextError, stageConfigFromContext } from '../../infra/constructs/stage-context';
import { DEFAULT_LOGIN_CALLBACK_PORT, LOCAL_STAGE, STAGE_DEFAULTS } from '../../infra/stage-config';
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

  it('reads the provider\'s legal identity from -c providerFile; dev falls back to the example one', () => {
    expect(configFor({ stage: 'prod', ...PROD_CONTEXT }).provider).toMatchObject({ legalName: 'Break & Fix IT Services B.V.', kvkNumber: '87654321' });
    expect(configFor({}).provider.legalName).toMatch(/voorbeeld/);
  });

  it('refuses a provider file with a bad field, naming the field', () => {
    const dir = mkdtempSync(join(tmpdir(), 'provider-'));
    const file = join(dir, 'provider.json');
    writeFileSync(file, JSON.stringify({ ...JSON.parse(readFileSync(PROD_CONTEXT.providerFile, 'utf8')), kvkNumber: '123' }));
    expect(() => configFor({ stage: 'prod', ...PROD_CONTEXT, providerFile: file })).toThrow(/kvkNumber: A KvK number has 8 digits/);
    expect(() => configFor({ stage: 'prod', ...PROD_CONTEXT, providerFile: join(dir, 'missing.json') })).toThrow(/not readable JSON/);
  });

  it('takes the sign-in domain prefix from -c authDomainPrefix; dev may leave it out, prod may not', () => {
    expect(configFor({}).authDomainPrefix).toBeUndefined();
    expect(configFor({ authDomainPrefix: 'breakfix-onboarding-dev-sanne' }).authDomainPrefix).toBe('breakfix-onboarding-dev-sanne');
    expect(configFor({ stage: 'prod', ...PROD_CONTEXT }).authDomainPrefix).toBe(PROD_CONTEXT.authDomainPrefix);
    const { authDomainPrefix: _omitted, ...withoutPrefix } = PROD_CONTEXT;
    expect(() => configFor({ stage: 'prod', ...withoutPrefix })).toThrow(/Stage prod needs the staff sign-in domain prefix: -c authDomainPrefix=/);
  });

  it.each([
    ['Breakfix', /lowercase letters, digits and hyphens/],
    ['-breakfix', /not starting or ending with a hyphen/],
    ['breakfix_onboarding', /lowercase letters/],
    ['x'.repeat(64), /1-63/],
    ['breakfix-aws', /contains "aws"/],
    ['my-cognito-login', /contains "cognito"/],
  ])('refuses the domain prefix %s, saying why', (prefix, reason) => {
    expect(() => configFor({ authDomainPrefix: prefix })).toThrow(StageContextError);
    expect(() => configFor({ authDomainPrefix: prefix })).toThrow(reason);
  });

  it('has the login callback port 8976 and 7-day refresh tokens by default; -c loginCallbackPort changes the port', () => {
    for (const config of [configFor({}), configFor({ stage: 'prod', ...PROD_CONTEXT }), LOCAL_STAGE]) {
      expect(config).toMatchObject({ loginCallbackPort: DEFAULT_LOGIN_CALLBACK_PORT, refreshTokenDays: 7 });
    }
    expect(DEFAULT_LOGIN_CALLBACK_PORT).toBe(8976);
    expect(configFor({ loginCallbackPort: '9000' }).loginCallbackPort).toBe(9000);
    expect(configFor({ loginCallbackPort: 9001 }).loginCallbackPort).toBe(9001);
    for (const bad of ['80', '70000', 'abc', '8976.5']) {
      expect(() => configFor({ loginCallbackPort: bad })).toThrow(/loginCallbackPort must be a port number from 1024 to 65535/);
    }
  });

  it('takes the region from -c region=, else the CDK environment, else eu-west-1', () => {
    const saved = process.env.CDK_DEFAULT_REGION;
    try {
      delete process.env.CDK_DEFAULT_REGION;
      expect(configFor({}).region).toBe('eu-west-1');
      process.env.CDK_DEFAULT_REGION = 'eu-north-1';
      expect(configFor({}).region).toBe('eu-north-1');
      expect(configFor({ region: 'eu-central-1' }).region).toBe('eu-central-1');
      expect(() => configFor({ region: 'Frankfurt' })).toThrow(/not an AWS region name/);
    } finally {
      if (saved === undefined) delete process.env.CDK_DEFAULT_REGION;
      else process.env.CDK_DEFAULT_REGION = saved;
    }
  });

  it('refuses an unknown stage', () => {
    expect(() => configFor({ stage: 'staging' })).toThrow(/Unknown stage "staging"/);
  });
});
