import { beforeAll, describe, expect, it } from 'vitest';
import { match } from '../support/matchers';
import { FUNCTIONS, type FunctionSpec } from '../../functions/catalog';
import { type SynthesizedStage, synthesizeStage } from './synth-stage';
import { type CfnResource, type CfnValue, logicalId, renderCfnString, resource, resourcesOfType, catalogFunction } from './template-queries';

const routes = (FUNCTIONS as readonly FunctionSpec[]).flatMap((spec) =>
  (spec.routes ?? []).map((route) => ({ ...route, functionName: spec.name, routeKey: `${route.method} ${route.path}` })),
);

describe('the HTTP API', () => {
  let dev: SynthesizedStage;
  let routesByKey: Map<string, CfnResource>;
  let authorizerId: string;

  beforeAll(() => {
    dev = synthesizeStage('dev');
    routesByKey = new Map(
      resourcesOfType(dev.template, 'AWS::ApiGatewayV2::Route').map(([, route]) => [renderCfnString(route.Properties?.RouteKey ?? ''), route]),
    );
    const [authorizer] = resourcesOfType(dev.template, 'AWS::ApiGatewayV2::Authorizer');
    if (!authorizer) throw new Error('The API has no authorizer');
    authorizerId = authorizer[0];
  });

  it('has exactly the routes of the catalog', () => {
    expect([...routesByKey.keys()].sort()).toEqual(routes.map((route) => route.routeKey).sort());
  });

  it('puts the JWT authorizer on every staff route and no authorizer on any public route', () => {
    // Both kinds are really exercised below: the client link pages, the API console and the API's description are the public routes.
    expect(routes.filter((route) => route.access === 'public').map((route) => route.routeKey)).toEqual([
      'GET /agreements/{token}',
      'POST /agreements/{token}',
      'GET /agreements/{token}/pdf',
      'GET /problems/{token}',
      'POST /problems/{token}',
      'GET /feedback/{token}',
      'POST /feedback/{token}',
      'GET /docs',
      'GET /docs/{file+}',
      'GET /openapi.json',
    ]);
    expect(routes.filter((route) => route.access !== 'public').length).toBeGreaterThan(0);
    for (const route of routes) {
      const properties = routesByKey.get(route.routeKey)?.Properties ?? {};
      if (route.access === 'public') {
        expect(properties.AuthorizationType ?? 'NONE', route.routeKey).toBe('NONE');
        expect(properties.AuthorizerId, route.routeKey).toBeUndefined();
      } else {
        expect(properties.AuthorizationType, route.routeKey).toBe('JWT');
        expect(properties.AuthorizerId, route.routeKey).toEqual({ Ref: authorizerId });
      }
    }
  });

  it('accepts ID tokens of the staff user pool app client only', () => {
    const { stack } = dev;
    const properties = resource(dev.template, authorizerId).Properties ?? {};
    expect(properties.AuthorizerType).toBe('JWT');
    expect(properties.IdentitySource).toEqual(['$request.header.Authorization']);
    const jwt = properties.JwtConfiguration as { Audience: CfnValue[]; Issuer: CfnValue };
    expect(jwt.Audience).toEqual([{ Ref: logicalId(stack, stack.auth.client) }]);
    expect(renderCfnString(jwt.Issuer)).toContain(`<${logicalId(stack, stack.auth.userPool)}>`);
  });

  it('sends each route to its catalog function with payload format 2.0', () => {
    for (const route of routes) {
      const target = renderCfnString(routesByKey.get(route.routeKey)?.Properties?.Target ?? '');
      const integrationId = target.replace(/^integrations\/<(.+)>$/, '$1');
      const integration = resource(dev.template, integrationId).Properties ?? {};
      expect(integration.IntegrationType, route.routeKey).toBe('AWS_PROXY');
      expect(integration.PayloadFormatVersion, route.routeKey).toBe('2.0');
      // The published version, never $LATEST: a deploy swaps the code under a route in one step.
      expect(renderCfnString(integration.IntegrationUri ?? ''), route.routeKey).toBe(
        renderCfnString(dev.stack.resolve(catalogFunction(dev.stack, route.functionName).version.functionArn) as CfnValue),
      );
    }
  });

  it('throttles and access-logs the default stage', () => {
    const properties = resource(dev.template, logicalId(dev.stack, dev.stack.api.defaultStage)).Properties ?? {};
    expect(properties.StageName).toBe('$default');
    expect(properties.DefaultRouteSettings).toEqual({
      ThrottlingBurstLimit: match.any(Number),
      ThrottlingRateLimit: match.any(Number),
    });
    const logs = properties.AccessLogSettings as { DestinationArn: CfnValue; Format: string };
    expect(JSON.parse(logs.Format)).toMatchObject({ requestId: '$context.requestId', status: '$context.status' });
    const logGroupId = renderCfnString(logs.DestinationArn).replace(/^<(.+)\.Arn>$/, '$1');
    expect(resource(dev.template, logGroupId)).toMatchObject({
      Type: 'AWS::Logs::LogGroup',
      Properties: { RetentionInDays: dev.stack.stage.accessLogRetentionDays },
    });
  });
});
