import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import { ASL_FILE } from '../../infra/constructs/workflow';

/** asl-validator 4 is CommonJS without type declarations; this is the part of its API we use. */
type AslValidator = (
  definition: unknown,
  options?: { checkPaths?: boolean; checkArn?: boolean },
) => { isValid: boolean; errorsText: (separator?: string) => string };
const validateAsl = createRequire(import.meta.url)('asl-validator') as AslValidator;

interface AslState {
  Type: string;
  TimeoutSeconds?: number;
  TimeoutSecondsPath?: string;
  Retry?: { ErrorEquals: string[]; JitterStrategy?: string }[];
  Catch?: { ErrorEquals: string[]; Next: string }[];
  States?: Record<string, AslState>;
  Iterator?: { States: Record<string, AslState> };
  ItemProcessor?: { States: Record<string, AslState> };
  Branches?: { States: Record<string, AslState> }[];
}
interface AslDefinition {
  States: Record<string, AslState>;
}

const FAILURE_HANDLER = 'HandleFailure';
const definition = JSON.parse(readFileSync(ASL_FILE, 'utf8')) as AslDefinition;

interface LocatedState {
  name: string;
  state: AslState;
  /** The states of the same scope (a Catch can only go to one of these). */
  scope: Record<string, AslState>;
  /** The top-level Map or Parallel state this one runs inside, if any. */
  enclosing?: AslState;
}

/** Every state, including those nested in Map and Parallel states. */
function allStates(scope: Record<string, AslState>, enclosing?: AslState): LocatedState[] {
  return Object.entries(scope).flatMap(([name, state]) => {
    const nestedScopes = [state.Iterator?.States, state.ItemProcessor?.States, ...(state.Branches ?? []).map((b) => b.States)];
    return [
      { name, state, scope, enclosing },
      ...nestedScopes.flatMap((nested) => (nested ? allStates(nested, enclosing ?? state) : [])),
    ];
  });
}

const catchAllOf = (state: AslState) => state.Catch?.find((rule) => rule.ErrorEquals.includes('States.ALL'));
const tasks = allStates(definition.States)
  .filter(({ state }) => state.Type === 'Task')
  .map((located) => [located.name, located] as const);

describe('statemachines/onboarding.asl.json', () => {
  it('is valid Amazon States Language (asl-validator)', () => {
    const result = validateAsl(definition);
    expect(result.errorsText('\n')).toBe('');
    expect(result.isValid).toBe(true);
  });

  it('has tasks, and its failure handler is a top-level one of them', () => {
    expect(definition.States[FAILURE_HANDLER]?.Type).toBe('Task');
  });

  it.each(tasks)('task %s has a timeout and a retry', (_name, { state }) => {
    expect(state.TimeoutSeconds ?? state.TimeoutSecondsPath).toBeDefined();
    expect(state.Retry?.length ?? 0).toBeGreaterThan(0);
  });

  // Lambda's own transient failures, and the invocation that outlived its function timeout, are
  // retried like our TransientDependencyError; FULL jitter spreads retries after a shared outage.
  it.each(tasks)('task %s retries transient errors and timeouts with full jitter', (_name, { state }) => {
    const transient = state.Retry?.find((rule) => rule.ErrorEquals.includes('TransientDependencyError'));
    expect(transient?.ErrorEquals).toEqual(
      expect.arrayContaining(['Lambda.ServiceException', 'Lambda.TooManyRequestsException', 'Lambda.ClientExecutionTimeoutException', 'Sandbox.Timedout']),
    );
    expect(transient?.JitterStrategy).toBe('FULL');
  });

  it.each(tasks)('task %s catches every error on the way to HandleFailure (HandleFailure: into the final Fail)', (name, located) => {
    const catchAll = catchAllOf(located.state);
    expect(catchAll, 'a Catch on States.ALL').toBeDefined();
    if (name === FAILURE_HANDLER) {
      expect(definition.States[catchAll?.Next ?? '']?.Type).toBe('Fail');
    } else if (!located.enclosing) {
      expect(catchAll?.Next).toBe(FAILURE_HANDLER);
    } else {
      // Inside a Map or Parallel a Catch can only stay in its scope; the enclosing state's Catch leads on.
      expect(Object.keys(located.scope)).toContain(catchAll?.Next);
      expect(catchAllOf(located.enclosing)?.Next).toBe(FAILURE_HANDLER);
    }
  });
});
