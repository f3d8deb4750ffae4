import { createRequire } from 'node:module';
import { resolve } from 'node:path';
import { cruise, type IReporterOutput, type IViolation } from 'dependency-cruiser';
import { describe, expect, it } from 'vitest';

const require = createRequire(import.meta.url);
const ROOT = resolve(import.meta.dirname, '../..');
const config = require(resolve(ROOT, '.dependency-cruiser.cjs')) as { forbidden: unknown[]; options: Record<string, unknown> };

async function violationsIn(baseDir: string, paths: string[], withTsConfig: boolean): Promise<IViolation[]> {
  const { tsConfig: _tsConfig, ...options } = config.options;
  const result: IReporterOutput = await cruise(paths, {
    ...options,
    ...(withTsConfig ? { tsConfig: { fileName: resolve(ROOT, 'tsconfig.json') } } : {}),
    baseDir,
    validate: true,
    ruleSet: { forbidden: config.forbidden },
  } as never);
  if (typeof result.output === 'string') throw new Error('dependency-cruiser returned text, not a result');
  return result.output.summary.violations;
}

/** The import rules between the layers of functions/ (.dependency-cruiser.cjs), checked in `npm test`. */
describe('layers', () => {
  it('the code keeps every rule', async () => {
    const violations = await violationsIn(ROOT, ['functions', 'infra', 'test', 'bench'], true);
    expect(violations.map((v) => `${v.rule.name}: ${v.from} → ${v.to}`)).toEqual([]);
  }, 120_000);

  it('each rule catches what it forbids (a fixture tree that breaks them all)', async () => {
    const violations = await violationsIn(resolve(ROOT, 'test/fixtures/layer-violations'), ['functions', 'infra'], false);
    const broken = new Set(violations.map((v) => `${v.rule.name}: ${v.from}`));
    expect(broken).toEqual(
      new Set([
        'domain-is-pure: functions/domain/impure.ts',
        'templates-render-only: functions/templates/page.ts',
        'runtime-is-low-level: functions/runtime/low.ts',
        'contract-describes-only: functions/contract/describe.ts',
        'adapters-know-no-use-case: functions/adapters/dynamodb/adapter.ts',
        'steps-stand-alone: functions/other-step/handler.ts',
        'functions-never-import-infra: functions/application/uses-infra.ts',
      ]),
    );
  }, 60_000);
});
