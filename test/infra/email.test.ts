import { App } from 'aws-cdk-lib';
import { beforeAll, describe, expect, it } from 'vitest';
import { mailboxOf } from '../../infra/constructs/email';
import { StageContextError, stageConfigFromContext } from '../../infra/constructs/stage-context';
import { match } from '../support/matchers';
import { ENV } from '../../functions/runtime/env';
import { FUNCTIONS, type FunctionSpec } from '../../functions/catalog';
import { PROD_CONTEXT, synthesizeStage, type SynthesizedStage } from './synth-stage';
import { acknowledgementsUnder, catalogFunction, logicalId, ref, resourcesOfType, statementsOfRole, type CfnResource, type CfnValue } from './template-queries';

const specs = FUNCTIONS as readonly FunctionSpec[];

describe('the SES identity of a sender address', () => {
  it('is the mailbox inside a display-name address', () => {
    expect(mailboxOf('Break & Fix <onboarding@breakfix.nl>')).toBe('onboarding@breakfix.nl');
  });

  it('is a bare address itself', () => {
    expect(mailboxOf(' onboarding@breakfix.nl ')).toBe('onboarding@breakfix.nl');
  });

  it('is refused when there is no address', () => {
    expect(() => mailboxOf('Break & Fix')).toThrow(/does not contain an e-mail address/);
  });
});

describe('-c senderDomain', () => {
  const configFor = (context: Record<string, string>) => () => stageConfigFromContext(new App({ context: { stage: 'prod', ...PROD_CONTEXT, ...context } }).node);

  it('is taken, lower-cased, when the sender address is on it', () => {
    expect(configFor({ senderDomain: 'BreakFix.Example.NL' })().senderDomain).toBe('breakfix.example.nl');
  });

  it('refuses a senderAddress on another domain, naming the field', () => {
    expect(configFor({ senderDomain: 'example.nl' })).toThrow(/^senderAddress must be an address on senderDomain example\.nl/);
    expect(configFor({ senderDomain: 'example.nl' })).toThrow(StageContextError);
  });

  it('refuses what is not a domain name', () => {
    expect(configFor({ senderDomain: 'not a domain' })).toThrow(/senderDomain "not a domain" is not a domain name/);
  });

  it('is absent unless given: the address identity stays', () => {
    expect(configFor({})().senderDomain).toBeUndefined();
  });
});

const properties = (resource: CfnResource) => resource.Properties ?? {};
const only = (stage: SynthesizedStage, type: string): [string, CfnResource] => {
  const found = resourcesOfType(stage.template, type);
  expect(found, type).toHaveLength(1);
  return found[0]!;
};
const outputsOf = (stage: SynthesizedStage) => (stage.template.toJSON() as { Outputs: Record<string, { Value: CfnValue; Description?: string }> }).Outputs;

describe.each([
  ['dev with the sender address identity', 'dev' as const, {}],
  ['prod with -c senderDomain', 'prod' as const, { senderDomain: 'breakfix.example.nl' }],
])('the synthesized e-mail of %s', (_name, stageName, context) => {
  let stage: SynthesizedStage;
  let setId: string;
  beforeAll(() => {
    stage = synthesizeStage(stageName, { context });
    setId = logicalId(stage.stack, stage.stack.email.configurationSet);
  });

  it('has one configuration set, named by CloudFormation (no fixed name to collide), with reputation metrics', () => {
    const [id, set] = only(stage, 'AWS::SES::ConfigurationSet');
    expect(id).toBe(setId);
    expect(properties(set).Name).toBeUndefined();
    expect(properties(set).ReputationOptions).toEqual({ ReputationMetricsEnabled: true });
  });

  it('publishes bounces, complaints and rejects of that set to the default event bus', () => {
    const [, destination] = only(stage, 'AWS::SES::ConfigurationSetEventDestination');
    expect(properties(destination).ConfigurationSetName).toEqual(ref(setId));
    const eventDestination = properties(destination).EventDestination as Record<string, CfnValue>;
    expect(eventDestination.Enabled).toBe(true);
    expect([...(eventDestination.MatchingEventTypes as string[])].sort()).toEqual(['bounce', 'complaint', 'reject']);
    expect(JSON.stringify(eventDestination.EventBridgeDestination)).toMatch(/:event-bus\/default"/);
  });

  it('sends those events by rule to HandleEmailEvent\'s published version, and only this set\'s', () => {
    const handler = catalogFunction(stage.stack, 'HandleEmailEvent');
    const rules = resourcesOfType(stage.template, 'AWS::Events::Rule').filter(([, rule]) => JSON.stringify(properties(rule).EventPattern ?? {}).includes('aws.ses'));
    expect(rules).toHaveLength(1);
    const rule = properties(rules[0]![1]);
    expect(rule.EventPattern).toEqual({
      source: ['aws.ses'],
      'detail-type': ['Email Bounced', 'Email Complaint Received', 'Email Rejected'],
      detail: { mail: { tags: { 'ses:configuration-set': [ref(setId)] } } },
    });
    const targets = rule.Targets as Array<Record<string, CfnValue>>;
    // The published version (its Ref is the qualified ARN), never $LATEST.
    const versionArn = stage.stack.resolve(handler.version.functionArn) as CfnValue;
    expect(JSON.stringify(versionArn)).toMatch(/CurrentVersion/);
    expect(targets.map((target) => target.Arn)).toEqual([versionArn]);
    expect((targets[0]!.RetryPolicy as { MaximumRetryAttempts?: unknown }).MaximumRetryAttempts).toEqual(match.any(Number));
  });

  it('gives every function that sends e-mail the set\'s name, and lets it send only from the identity through the set', () => {
    const identityId = logicalId(stage.stack, stage.stack.email.identity);
    for (const spec of specs.filter((candidate) => candidate.grants.email)) {
      const fn = catalogFunction(stage.stack, spec.name);
      const lambda = resourcesOfType(stage.template, 'AWS::Lambda::Function').find(([id]) => id === logicalId(stage.stack, fn.function))![1];
      expect((properties(lambda).Environment as { Variables: Record<string, CfnValue> }).Variables[ENV.sesConfigurationSet], spec.name).toEqual(ref(setId));
      const send = statementsOfRole(stage.template, logicalId(stage.stack, fn.role)).filter((statement) => statement.Action.includes('ses:SendEmail'));
      expect(send, spec.name).toHaveLength(1);
      const resources = send[0]!.Resource.map((resource) => JSON.stringify(resource));
      expect(resources).toHaveLength(2);
      expect(resources[0]).toContain(identityId);
      expect(resources[1]).toMatch(/:configuration-set\//);
      expect(resources[1]).toContain(`"Ref":"${setId}"`);
    }
  });

  it('lets only HandleEmailEvent use the suppression list, on "*" (SES has no resource for it), acknowledged with that reason', () => {
    for (const spec of specs) {
      const fn = catalogFunction(stage.stack, spec.name);
      const suppression = statementsOfRole(stage.template, logicalId(stage.stack, fn.role)).filter((statement) => statement.Action.includes('ses:PutSuppressedDestination'));
      if (spec.name !== 'HandleEmailEvent') {
        expect(suppression, spec.name).toEqual([]);
        continue;
      }
      expect(suppression).toEqual([{ Effect: 'Allow', Action: ['ses:PutSuppressedDestination', 'ses:GetSuppressedDestination'], Resource: ['*'] }]);
      const reasons = acknowledgementsUnder(fn.role).filter((ack) => ack.rule === 'AwsSolutions-IAM5[Resource::*]').map((ack) => String(ack.reason));
      expect(reasons.some((reason) => reason.includes('suppression list'))).toBe(true);
    }
  });

  it('names the identity on the identity itself, with the configuration set as its default', () => {
    const [, identity] = only(stage, 'AWS::SES::EmailIdentity');
    expect(properties(identity).ConfigurationSetAttributes).toEqual({ ConfigurationSetName: ref(setId) });
    if (stageName === 'dev') {
      expect(properties(identity).EmailIdentity).toBe(mailboxOf(stage.stack.stage.senderAddress));
      expect(properties(identity).MailFromAttributes).toBeUndefined();
    }
  });

  it.runIf(stageName === 'prod')('is a domain identity with Easy DKIM (2048 bits) and MAIL FROM mail.<domain>, falling back to SES\'s on MX failure', () => {
    const [, identity] = only(stage, 'AWS::SES::EmailIdentity');
    expect(properties(identity)).toMatchObject({
      EmailIdentity: 'breakfix.example.nl',
      DkimAttributes: { SigningEnabled: true },
      DkimSigningAttributes: { NextSigningKeyLength: 'RSA_2048_BIT' },
      MailFromAttributes: { MailFromDomain: 'mail.breakfix.example.nl', BehaviorOnMxFailure: 'USE_DEFAULT_VALUE' },
    });
  });

  it.runIf(stageName === 'prod')('outputs the DNS records to create: three DKIM CNAMEs, the MAIL FROM MX and its SPF TXT', () => {
    const outputs = outputsOf(stage);
    const identityId = logicalId(stage.stack, stage.stack.email.identity);
    for (const n of [1, 2, 3]) {
      const value = JSON.stringify(outputs[`SenderDkim${n}Record`]?.Value);
      expect(value, `DKIM ${n}`).toContain(`"Fn::GetAtt":["${identityId}","DkimDNSTokenName${n}"]`);
      expect(value).toContain(`"Fn::GetAtt":["${identityId}","DkimDNSTokenValue${n}"]`);
      expect(value).toContain(' CNAME ');
    }
    expect(outputs.SenderMailFromMxRecord?.Value).toBe('mail.breakfix.example.nl MX 10 feedback-smtp.eu-west-1.amazonses.com');
    expect(outputs.SenderMailFromSpfRecord?.Value).toBe('mail.breakfix.example.nl TXT "v=spf1 include:amazonses.com ~all"');
  });

  it.runIf(stageName === 'dev')('has no DNS outputs without a domain', () => {
    expect(Object.keys(outputsOf(stage)).filter((key) => key.startsWith('Sender') && key.endsWith('Record'))).toEqual([]);
  });

  it('outputs the configuration set\'s name', () => {
    expect(outputsOf(stage).SesConfigurationSetName?.Value).toEqual(ref(setId));
  });

  it('leaves cdk-nag nothing to report on the e-mail constructs', () => {
    const mine = stage.violations.filter((violation) => violation.paths.some((path) => /\/(Email|EmailEvents|HandleEmailEvent)\//.test(path)));
    expect(mine).toEqual([]);
  });
});
