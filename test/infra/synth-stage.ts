import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { App } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import type { CloudAssembly } from 'aws-cdk-lib/cx-api';
import { addOnboardingStack, type OnboardingStack } from '../../infra/onboarding-stack';

export type TestStage = 'dev' | 'prod';

/** Real-looking prod values: prod refuses to synthesize without them. */
export const PROD_CONTEXT = {
  senderAddress: 'Break & Fix Onboarding <onboarding@breakfix.example.nl>',
  analystAddresses: 'analist1@breakfix.example.nl,analist2@breakfix.example.nl',
  opsAddresses: 'ops@breakfix.example.nl',
  alarmEmail: 'alarms@breakfix.example.nl',
  providerFile: 'test/fixtures/provider.json',
  authDomainPrefix: 'breakfix-onboarding-test',
} as const;

export interface ValidationViolation {
  plugin: string;
  rule: string;
  severity: string;
  description: string;
  paths: string[];
}

export interface SynthesizedStage {
  stack: OnboardingStack;
  template: Template;
  assembly: CloudAssembly;
  /** Every unacknowledged finding of every validation plugin (cdk-nag AwsSolutions, CloudFormation validate). */
  violations: ValidationViolation[];
}

interface ValidationReportFile {
  pluginReports: {
    pluginName: string;
    violations: {
      ruleName: string;
      severity?: string;
      description: string;
      violatingConstructs?: { constructPath?: string }[];
    }[];
  }[];
}

/**
 * Builds the app exactly as infra/app.ts does, for one stage, without bundling (no esbuild run)
 * and without failing synth on findings, so the cdk-nag test can list them instead of throwing.
 */
export function synthesizeStage(
  stage: TestStage,
  options: { context?: Record<string, unknown>; beforeSynth?: (stack: OnboardingStack) => void } = {},
): SynthesizedStage {
  const app = new App({
    context: {
      'aws:cdk:bundling-stacks': [],
      '@aws-cdk/core:failSynthOnValidationErrors': false,
      stage,
      ...(stage === 'prod' ? PROD_CONTEXT : {}),
      ...options.context,
    },
  });
  const stack = addOnboardingStack(app);
  options.beforeSynth?.(stack);
  const assembly = app.synth();
  return { stack, template: Template.fromStack(stack), assembly, violations: readViolations(assembly) };
}

function readViolations(assembly: CloudAssembly): ValidationViolation[] {
  // Written whenever a validation plugin ran; cdk-nag always does here, so a missing file is a failure.
  const file = join(assembly.directory, 'validation-report.json');
  const report = JSON.parse(readFileSync(file, 'utf8')) as ValidationReportFile;
  return report.pluginReports.flatMap((plugin) =>
    plugin.violations.map((violation) => ({
      plugin: plugin.pluginName,
      rule: violation.ruleName,
      severity: violation.severity ?? 'error',
      description: violation.description,
      paths: (violation.violatingConstructs ?? []).map((construct) => construct.constructPath ?? '?'),
    })),
  );
}
