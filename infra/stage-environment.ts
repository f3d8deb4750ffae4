import { ENV } from '../functions/runtime/env';
import type { StageConfig } from './stage-config';

/**
 * The stage facts every function may read, whatever its grants, as environment variables: CDK
 * sets them on every function, the twin in its process, and the cold-start benchmark on every
 * bundle it loads. `policy` replaces the stage's (the twin compresses waits).
 */
export function stageEnvironment(stage: StageConfig, policy: StageConfig['policy'] = stage.policy): Record<string, string> {
  return {
    [ENV.analystAddresses]: stage.analystAddresses.join(','),
    [ENV.opsAddresses]: stage.opsAddresses.join(','),
    [ENV.workflowPolicy]: JSON.stringify(policy),
    [ENV.defaultRateCard]: JSON.stringify(stage.defaultRateCard),
    [ENV.extraClosedDays]: JSON.stringify(stage.extraClosedDays),
    [ENV.providerIdentity]: JSON.stringify(stage.provider),
    [ENV.evidenceRetentionYears]: String(stage.evidenceRetentionYears),
  };
}
