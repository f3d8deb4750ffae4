import type { WorkflowPolicy } from '../functions/domain/workflow-policy';

/**
 * What differs per stage. `cdk deploy -c stage=prod` picks one; values a deployer must supply
 * (addresses) come from context (`-c senderAddress=...`) so no personal address is committed.
 */
export interface StageConfig {
  stage: 'dev' | 'prod' | 'local';
  region: string;
  senderAddress: string;
  analystAddresses: string[];
  opsAddresses: string[];
  alarmEmail?: string;
  policy: WorkflowPolicy;
  logRetentionDays: number;
  /** prod: deletion protection and RETAIN on the table and user pool. */
  protectData: boolean;
}

export const DEFAULT_REGION = 'eu-west-1';

const BASE_POLICY: WorkflowPolicy = { stageTimeoutSeconds: 60 };

export const STAGE_DEFAULTS: Record<'dev' | 'prod', Omit<StageConfig, 'senderAddress' | 'analystAddresses' | 'opsAddresses'>> = {
  dev: { stage: 'dev', region: DEFAULT_REGION, policy: BASE_POLICY, logRetentionDays: 14, protectData: false },
  prod: { stage: 'prod', region: DEFAULT_REGION, policy: BASE_POLICY, logRetentionDays: 365, protectData: true },
};

/** The twin's config: a short policy so a person can walk a whole onboarding in minutes. */
export const LOCAL_STAGE: StageConfig = {
  stage: 'local',
  region: DEFAULT_REGION,
  senderAddress: 'Break & Fix Onboarding <onboarding@breakfix.example>',
  analystAddresses: ['analysts@breakfix.example'],
  opsAddresses: ['ops@breakfix.example'],
  policy: { stageTimeoutSeconds: 30 },
  logRetentionDays: 1,
  protectData: false,
};
