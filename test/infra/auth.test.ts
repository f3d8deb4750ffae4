import { beforeAll, describe, expect, it } from 'vitest';
import { ROLES } from '../../functions/catalog';
import { type SynthesizedStage, PROD_CONTEXT, synthesizeStage } from './synth-stage';
import { type CfnResource, type CfnValue, logicalId, renderCfnString, resource, resourcesOfType } from './template-queries';

type Properties = Record<string, CfnValue>;

/** Every logical id a resource refers to: Ref, Fn::GetAtt, ${…} in Fn::Sub, and DependsOn. */
function referencesOf(value: unknown, into = new Set<string>()): Set<string> {
  if (Array.isArray(value)) for (const item of value) referencesOf(item, into);
  else if (value && typeof value === 'object') {
    for (const [key, inner] of Object.entries(value)) {
      if (key === 'Ref' && typeof inner === 'string') into.add(inner);
      else if (key === 'Fn::GetAtt' && Array.isArray(inner)) into.add(String(inner[0]));
      else if (key === 'Fn::Sub') {
        const template = Array.isArray(inner) ? String(inner[0]) : String(inner);
        for (const match of template.matchAll(/\$\{([^}.!]+)/g)) into.add(match[1]!);
        if (Array.isArray(inner)) referencesOf(inner[1], into);
      } else referencesOf(inner, into);
    }
  }
  return into;
}

/** A cycle among the template's resources, as a list of logical ids, or undefined. */
function findCycle(resources: Record<string, CfnResource & { DependsOn?: string | string[] }>): string[] | undefined {
  const edges = new Map(
    Object.entries(resources).map(([id, r]) => {
      const targets = referencesOf(r.Properties);
      for (const dependency of [r.DependsOn ?? []].flat()) targets.add(dependency);
      return [id, [...targets].filter((target) => target in resources)];
    }),
  );
  const state = new Map<string, 'visiting' | 'done'>();
  const path: string[] = [];
  const visit = (id: string): string[] | undefined => {
    if (state.get(id) === 'done') return undefined;
    if (state.get(id) === 'visiting') return [...path.slice(path.indexOf(id)), id];
    state.set(id, 'visiting');
    path.push(id);
    for (const next of edges.get(id) ?? []) {
      const cycle = visit(next);
      if (cycle) return cycle;
    }
    path.pop();
    state.set(id, 'done');
    return undefined;
  };
  for (const id of edges.keys()) {
    const cycle = visit(id);
    if (cycle) return cycle;
  }
  return undefined;
}

describe('staff sign-in', () => {
  let dev: SynthesizedStage;
  let pool: Properties;
  let client: Properties;
  let apiId: string;

  beforeAll(() => {
    dev = synthesizeStage('dev');
    pool = resource(dev.template, logicalId(dev.stack, dev.stack.auth.userPool)).Properties ?? {};
    client = resource(dev.template, logicalId(dev.stack, dev.stack.auth.client)).Properties ?? {};
    apiId = logicalId(dev.stack, dev.stack.api.httpApi);
  });

  it('has one Cognito group per catalog role, in the staff user pool', () => {
    const poolId = logicalId(dev.stack, dev.stack.auth.userPool);
    const groups = resourcesOfType(dev.template, 'AWS::Cognito::UserPoolGroup').map(([, group]) => group.Properties ?? {});
    expect(groups.map((group) => group.GroupName).sort()).toEqual([...ROLES].sort());
    for (const group of groups) expect(group.UserPoolId).toEqual({ Ref: poolId });
  });

  it('lets only admins create users, and requires a TOTP second factor (no SMS)', () => {
    expect(pool.AdminCreateUserConfig).toMatchObject({ AllowAdminCreateUserOnly: true });
    expect(pool.MfaConfiguration).toBe('ON');
    expect(pool.EnabledMfas).toEqual(['SOFTWARE_TOKEN_MFA']);
  });

  it('has a public app client with the authorization-code grant only: no implicit flow, no client credentials, no secret', () => {
    expect(resourcesOfType(dev.template, 'AWS::Cognito::UserPoolClient')).toHaveLength(1);
    expect(client.GenerateSecret ?? false).toBe(false);
    expect(client.AllowedOAuthFlowsUserPoolClient).toBe(true);
    expect(client.AllowedOAuthFlows).toEqual(['code']);
    expect(client.AllowedOAuthScopes).toEqual(['openid', 'email', 'profile']);
    expect(client.SupportedIdentityProviders).toEqual(['COGNITO']);
    // No password-in-the-request flows: managed login in the browser, SRP for SDKs, and refresh.
    expect(client.ExplicitAuthFlows).toEqual(['ALLOW_USER_SRP_AUTH', 'ALLOW_REFRESH_TOKEN_AUTH']);
  });

  it('sends the code back to the CLI on localhost:8976 and to the console under the API', () => {
    expect(client.CallbackURLs).toHaveLength(2);
    const callbacks = (client.CallbackURLs as CfnValue[]).map(renderCfnString);
    expect(callbacks).toEqual([`<${apiId}.ApiEndpoint>/docs/oauth2-redirect.html`, 'http://localhost:8976/callback']);
    expect((client.LogoutURLs as CfnValue[]).map(renderCfnString)).toEqual([`<${apiId}.ApiEndpoint>/docs`, 'http://localhost:8976/signed-out']);
  });

  it('keeps ID and access tokens for an hour and the refresh token for the stage\'s 7 days', () => {
    expect(dev.stack.stage.refreshTokenDays).toBe(7);
    expect(client.TokenValidityUnits).toEqual({ AccessToken: 'minutes', IdToken: 'minutes', RefreshToken: 'minutes' });
    expect(client.IdTokenValidity).toBe(60);
    expect(client.AccessTokenValidity).toBe(60);
    expect(client.RefreshTokenValidity).toBe(7 * 24 * 60);
    expect(client.EnableTokenRevocation).toBe(true);
  });

  it('lets staff read their e-mail but never write it; only an admin changes it', () => {
    expect(client.ReadAttributes).toEqual(expect.arrayContaining(['email', 'email_verified']));
    expect(client.WriteAttributes).toEqual(expect.any(Array));
    // An empty list would mean "every standard attribute" to Cognito.
    expect((client.WriteAttributes as string[]).length).toBeGreaterThan(0);
    for (const trusted of ['email', 'email_verified', 'sub']) expect(client.WriteAttributes).not.toContain(trusted);
    // Cognito lets every app client write a required attribute, so e-mail must not be one.
    expect(pool.Schema).toEqual([{ Name: 'email', Mutable: true, Required: false }]);
    expect(pool.UsernameAttributes).toEqual(['email']);
  });

  it('puts managed login on a Cognito domain, by default breakfix-dev-<account id>, with the default style for the client', () => {
    const domains = resourcesOfType(dev.template, 'AWS::Cognito::UserPoolDomain');
    expect(domains).toHaveLength(1);
    const [domainId, domain] = domains[0]!;
    expect(renderCfnString(domain.Properties?.Domain ?? '')).toBe('breakfix-dev-<AWS::AccountId>');
    expect(domain.Properties).toMatchObject({ ManagedLoginVersion: 2, UserPoolId: { Ref: logicalId(dev.stack, dev.stack.auth.userPool) } });
    expect(domainId).toBe(logicalId(dev.stack, dev.stack.auth.domain));

    const [branding, ...moreBranding] = resourcesOfType(dev.template, 'AWS::Cognito::ManagedLoginBranding');
    expect(moreBranding).toEqual([]);
    expect(branding![1].Properties).toEqual({
      UserPoolId: { Ref: logicalId(dev.stack, dev.stack.auth.userPool) },
      ClientId: { Ref: logicalId(dev.stack, dev.stack.auth.client) },
      UseCognitoProvidedValues: true,
    });
  });

  it('outputs what npm run login reads, under stable names', () => {
    const outputs = dev.template.toJSON().Outputs as Record<string, { Value: CfnValue }>;
    const value = (name: string) => renderCfnString(outputs[name]!.Value);
    const domainId = logicalId(dev.stack, dev.stack.auth.domain);
    expect(value('StaffLoginDomain')).toBe(`https://<${domainId}>.auth.eu-west-1.amazoncognito.com`);
    expect(value('StaffClientId')).toBe(`<${logicalId(dev.stack, dev.stack.auth.client)}>`);
    expect(value('UserPoolId')).toBe(`<${logicalId(dev.stack, dev.stack.auth.userPool)}>`);
    expect(value('StaffLoginCallbackPort')).toBe('8976');
    expect(value('ApiUrl')).toBe(`https://<${apiId}>.execute-api.eu-west-1.<AWS::URLSuffix>/`);
  });

  it('has no dependency cycle: the client refers to the API, the API never to the client', () => {
    const resources = dev.template.toJSON().Resources as Record<string, CfnResource>;
    expect(findCycle(resources)).toBeUndefined();
    const clientId = logicalId(dev.stack, dev.stack.auth.client);
    expect(referencesOf(client).has(apiId)).toBe(true);
    expect(referencesOf(resources[apiId]).has(clientId)).toBe(false);
  });

  it('passes the cdk-nag AwsSolutions checks', () => {
    expect(dev.violations).toEqual([]);
  });
});

describe('staff sign-in from context', () => {
  it('takes the domain prefix and the callback port from -c authDomainPrefix and -c loginCallbackPort', () => {
    const custom = synthesizeStage('dev', { context: { authDomainPrefix: 'breakfix-onboarding-sanne', loginCallbackPort: '9123' } });
    const [[, domain]] = resourcesOfType(custom.template, 'AWS::Cognito::UserPoolDomain') as [[string, CfnResource]];
    expect(domain.Properties?.Domain).toBe('breakfix-onboarding-sanne');
    const client = resource(custom.template, logicalId(custom.stack, custom.stack.auth.client)).Properties ?? {};
    expect((client.CallbackURLs as CfnValue[]).map(renderCfnString)).toContain('http://localhost:9123/callback');
    expect((client.LogoutURLs as CfnValue[]).map(renderCfnString)).toContain('http://localhost:9123/signed-out');
    const outputs = custom.template.toJSON().Outputs as Record<string, { Value: CfnValue }>;
    expect(outputs.StaffLoginCallbackPort!.Value).toBe('9123');
    expect(custom.violations).toEqual([]);
  });

  it('uses the prod prefix as given', () => {
    const prod = synthesizeStage('prod');
    const [[, domain]] = resourcesOfType(prod.template, 'AWS::Cognito::UserPoolDomain') as [[string, CfnResource]];
    expect(domain.Properties?.Domain).toBe(PROD_CONTEXT.authDomainPrefix);
    const client = resource(prod.template, logicalId(prod.stack, prod.stack.auth.client)).Properties ?? {};
    expect(client.RefreshTokenValidity).toBe(7 * 24 * 60);
  });
});
