import { beforeAll, describe, expect, it } from 'vitest';
import { ROLES } from '../../functions/catalog';
import { type SynthesizedStage, synthesizeStage } from './synth-stage';
import { logicalId, resource, resourcesOfType } from './template-queries';

describe('staff sign-in', () => {
  let dev: SynthesizedStage;

  beforeAll(() => {
    dev = synthesizeStage('dev');
  });

  it('has one Cognito group per catalog role, in the staff user pool', () => {
    const poolId = logicalId(dev.stack, dev.stack.auth.userPool);
    const groups = resourcesOfType(dev.template, 'AWS::Cognito::UserPoolGroup').map(([, group]) => group.Properties ?? {});
    expect(groups.map((group) => group.GroupName).sort()).toEqual([...ROLES].sort());
    for (const group of groups) expect(group.UserPoolId).toEqual({ Ref: poolId });
  });

  it('lets only admins create users, and requires a TOTP second factor', () => {
    const pool = resource(dev.template, logicalId(dev.stack, dev.stack.auth.userPool)).Properties ?? {};
    expect(pool.AdminCreateUserConfig).toMatchObject({ AllowAdminCreateUserOnly: true });
    expect(pool.MfaConfiguration).toBe('ON');
    expect(pool.EnabledMfas).toEqual(['SOFTWARE_TOKEN_MFA']);
  });

  it('has a public SRP-only app client (no secret, no OAuth flows)', () => {
    const client = resource(dev.template, logicalId(dev.stack, dev.stack.auth.client)).Properties ?? {};
    expect(client.GenerateSecret).toBe(false);
    expect(client.ExplicitAuthFlows).toEqual(['ALLOW_USER_SRP_AUTH', 'ALLOW_REFRESH_TOKEN_AUTH']);
    expect(client.AllowedOAuthFlowsUserPoolClient).toBe(false);
  });
});
