import { App } from 'aws-cdk-lib';
import { beforeAll, describe, expect, it } from 'vitest';
import { FUNCTIONS, type FunctionSpec } from '../../functions/catalog';
import { ENV } from '../../functions/runtime/env';
import { PUBLIC_ROUTE_THROTTLE } from '../../infra/constructs/api';
import { StageContextError, stageConfigFromContext } from '../../infra/constructs/stage-context';
import { type SynthesizedStage, synthesizeStage } from './synth-stage';
import { catalogFunction, logicalId, renderCfnString, resource, resourcesOfType, type CfnValue } from './template-queries';

type RouteKind = 'client link' | 'public, no client data' | 'staff';
const kindOf = (route: NonNullable<FunctionSpec['routes']>[number]): RouteKind =>
  route.access !== 'public' ? 'staff' : route.publicBecause ? 'public, no client data' : 'client link';
const routeKeys = (kind: RouteKind) =>
  (FUNCTIONS as readonly FunctionSpec[]).flatMap((spec) => (spec.routes ?? []).filter((route) => kindOf(route) === kind).map((route) => `${route.method} ${route.path}`));

const CERTIFICATE = 'arn:aws:acm:eu-west-1:123456789012:certificate/0b4c5d6e-1f2a-4b3c-8d9e-0a1b2c3d4e5f';
const DOMAIN = 'onboarding.breakfix.example.nl';

describe('the API edge: throttles per route kind', () => {
  let dev: SynthesizedStage;
  beforeAll(() => {
    dev = synthesizeStage('dev');
  });

  it('throttles every client link route on its own, well below the staff routes and the console', () => {
    const stage = resource(dev.template, logicalId(dev.stack, dev.stack.api.defaultStage));
    const settings = stage.Properties?.RouteSettings as Record<string, { ThrottlingRateLimit: number; ThrottlingBurstLimit: number }>;
    expect(Object.keys(settings).sort()).toEqual(routeKeys('client link').sort());
    expect(routeKeys('client link')).toContain('POST /agreements/{token}');
    expect(routeKeys('public, no client data')).toContain('GET /docs');
    for (const key of routeKeys('client link')) {
      expect(settings[key], key).toEqual({ ThrottlingRateLimit: PUBLIC_ROUTE_THROTTLE.rateLimit, ThrottlingBurstLimit: PUBLIC_ROUTE_THROTTLE.burstLimit });
    }
    const staffDefault = stage.Properties?.DefaultRouteSettings as { ThrottlingRateLimit: number; ThrottlingBurstLimit: number };
    expect(PUBLIC_ROUTE_THROTTLE.rateLimit).toBeLessThan(staffDefault.ThrottlingRateLimit);
    expect(PUBLIC_ROUTE_THROTTLE.burstLimit).toBeLessThan(staffDefault.ThrottlingBurstLimit);
    for (const key of [...routeKeys('staff'), ...routeKeys('public, no client data')]) expect(settings[key], key).toBeUndefined();
  });

  it('creates the stage after the routes its settings name (CloudFormation refuses settings for unknown route keys)', () => {
    const stage = resource(dev.template, logicalId(dev.stack, dev.stack.api.defaultStage));
    const dependsOn = new Set(stage.DependsOn ?? []);
    const routes = resourcesOfType(dev.template, 'AWS::ApiGatewayV2::Route');
    const publicRouteIds = routes.filter(([, route]) => routeKeys('client link').includes(renderCfnString(route.Properties?.RouteKey ?? ''))).map(([id]) => id);
    expect(publicRouteIds).toHaveLength(routeKeys('client link').length);
    for (const id of publicRouteIds) expect(dependsOn.has(id), id).toBe(true);
  });

  it('has no custom domain unless one is asked for', () => {
    expect(resourcesOfType(dev.template, 'AWS::ApiGatewayV2::DomainName')).toEqual([]);
    expect(dev.stack.api.customDomain).toBeUndefined();
  });
});

describe('the API edge: an optional custom domain for client links', () => {
  let withDomain: SynthesizedStage;
  beforeAll(() => {
    withDomain = synthesizeStage('prod', { context: { apiDomain: DOMAIN, certificateArn: CERTIFICATE } });
  });

  it('maps the domain, with the given regional certificate, to the default stage', () => {
    const [[domainId, domain] = []] = resourcesOfType(withDomain.template, 'AWS::ApiGatewayV2::DomainName');
    expect(domain?.Properties).toMatchObject({
      DomainName: DOMAIN,
      DomainNameConfigurations: [{ CertificateArn: CERTIFICATE, EndpointType: 'REGIONAL' }],
    });
    const [[, mapping] = []] = resourcesOfType(withDomain.template, 'AWS::ApiGatewayV2::ApiMapping');
    expect(mapping?.Properties).toMatchObject({
      DomainName: { Ref: domainId },
      ApiId: { Ref: logicalId(withDomain.stack, withDomain.stack.api.httpApi) },
      Stage: '$default',
    });
  });

  it('puts the domain into every client link and into the console sign-in, and outputs the CNAME target', () => {
    for (const spec of FUNCTIONS as readonly FunctionSpec[]) {
      if (!spec.grants.publicBaseUrl) continue;
      const fn = resource(withDomain.template, logicalId(withDomain.stack, catalogFunction(withDomain.stack, spec.name).function));
      const env = (fn.Properties?.Environment as { Variables: Record<string, CfnValue> }).Variables;
      expect(env[ENV.publicBaseUrl], spec.name).toBe(`https://${DOMAIN}`);
    }
    const client = resource(withDomain.template, logicalId(withDomain.stack, withDomain.stack.auth.client));
    expect((client.Properties?.CallbackURLs as CfnValue[]).map(renderCfnString)).toContain(`https://${DOMAIN}/docs/oauth2-redirect.html`);
    const outputs = withDomain.template.toJSON().Outputs as Record<string, { Value: CfnValue }>;
    expect(renderCfnString(outputs.ApiDomainTarget!.Value)).toMatch(/RegionalDomainName/);
    expect(outputs.ApiDomainUrl!.Value).toBe(`https://${DOMAIN}/`);
  });

  it('keeps prod access logs (IP address, user agent) 90 days, shorter than the other logs', () => {
    const stage = resource(withDomain.template, logicalId(withDomain.stack, withDomain.stack.api.defaultStage));
    const destination = renderCfnString((stage.Properties?.AccessLogSettings as { DestinationArn: CfnValue }).DestinationArn);
    const logGroup = resource(withDomain.template, destination.replace(/^<(.+)\.Arn>$/, '$1'));
    expect(logGroup.Properties?.RetentionInDays).toBe(90);
    expect(withDomain.stack.stage.accessLogRetentionDays).toBeLessThan(withDomain.stack.stage.logRetentionDays);
  });

  it('refuses half a domain, a bad host name, and a certificate from another region, at synth', () => {
    const configFor = (context: Record<string, unknown>) => () => stageConfigFromContext(new App({ context }).node);
    expect(configFor({ apiDomain: DOMAIN })).toThrow(StageContextError);
    expect(configFor({ certificateArn: CERTIFICATE })).toThrow(/apiDomain and certificateArn go together/);
    expect(configFor({ apiDomain: 'Not A Host', certificateArn: CERTIFICATE })).toThrow(/apiDomain "Not A Host"/);
    expect(configFor({ apiDomain: DOMAIN, certificateArn: 'arn:aws:iam::123456789012:role/x' })).toThrow(/not an ACM certificate ARN/);
    expect(configFor({ apiDomain: DOMAIN, certificateArn: CERTIFICATE.replace('eu-west-1', 'us-east-1') })).toThrow(/in us-east-1.*eu-west-1/);
    expect(configFor({ apiDomain: DOMAIN, certificateArn: CERTIFICATE })().apiDomain).toEqual({ domainName: DOMAIN, certificateArn: CERTIFICATE });
  });
});
