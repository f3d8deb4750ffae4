import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { FUNCTION_DEFAULTS, FUNCTIONS, functionLimits, type FunctionSpec } from '../../functions/catalog';
import { ASL_PATH } from '../../infra/local/state-machine-definition';
import { LOCAL_STAGE, STAGE_DEFAULTS } from '../../infra/stage-config';

const catalog = FUNCTIONS as readonly FunctionSpec[];
const longest = Math.max(...catalog.map((spec) => functionLimits(spec).timeoutSeconds));

interface AslState {
  Type?: string;
  Resource?: string;
  Parameters?: { FunctionName?: string };
  TimeoutSeconds?: number;
  TimeoutSecondsPath?: string;
  States?: Record<string, AslState>;
  ItemProcessor?: { States?: Record<string, AslState> };
  Iterator?: { States?: Record<string, AslState> };
  Branches?: { States?: Record<string, AslState> }[];
}

function* statesIn(states: Record<string, AslState> | undefined): Generator<[string, AslState]> {
  for (const [name, state] of Object.entries(states ?? {})) {
    yield [name, state];
    yield* statesIn((state.ItemProcessor ?? state.Iterator)?.States);
    for (const branch of state.Branches ?? []) yield* statesIn(branch.States);
  }
}

describe('function memory and timeout', () => {
  it('have one catalog default, 15 s and 512 MB, that only the PDF renderers raise', () => {
    expect(FUNCTION_DEFAULTS).toEqual({ timeoutSeconds: 15, memoryMb: 512 });
    const overriding = catalog.filter((spec) => spec.timeoutSeconds !== undefined || spec.memoryMb !== undefined);
    for (const spec of overriding) expect(functionLimits(spec), spec.name).toEqual({ timeoutSeconds: 30, memoryMb: 1024 });
    const plain = catalog.find((spec) => spec.timeoutSeconds === undefined && spec.memoryMb === undefined)!;
    expect(functionLimits(plain)).toEqual(FUNCTION_DEFAULTS);
  });

  it.each([
    ['dev', STAGE_DEFAULTS.dev.policy.stepTimeoutSeconds],
    ['prod', STAGE_DEFAULTS.prod.policy.stepTimeoutSeconds],
    ['local', LOCAL_STAGE.policy.stepTimeoutSeconds],
  ] as const)('leave the %s stage step timeout (the ASL task timeout) at or above every function timeout', (_stage, stepTimeoutSeconds) => {
    // A task timeout below the function's would fail the step with States.Timeout while Lambda is still within its time.
    expect(stepTimeoutSeconds).toBeGreaterThanOrEqual(longest);
  });

  it("time every plain Lambda task by the policy's step timeout, or by a fixed one no shorter than its function's", () => {
    const asl = JSON.parse(readFileSync(ASL_PATH, 'utf8')) as AslState;
    const timeoutOf = new Map<string, number>(catalog.flatMap((spec) => (spec.aslKey ? [[`\${${spec.aslKey}}`, functionLimits(spec).timeoutSeconds] as const] : [])));
    const plainTasks = [...statesIn(asl.States)].filter(([, state]) => state.Type === 'Task' && state.Resource === 'arn:aws:states:::lambda:invoke');
    expect(plainTasks.length).toBeGreaterThan(0);
    for (const [name, state] of plainTasks) {
      const functionTimeout = timeoutOf.get(state.Parameters?.FunctionName ?? '');
      expect(functionTimeout, name).toBeDefined();
      if (state.TimeoutSecondsPath !== undefined) expect(state.TimeoutSecondsPath, name).toBe('$.policy.stepTimeoutSeconds');
      else expect(state.TimeoutSeconds ?? 60, name).toBeGreaterThanOrEqual(functionTimeout!);
    }
  });
});
