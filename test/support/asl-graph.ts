import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';

/** The parts of an ASL state the lifecycle checks read. */
export interface AslState {
  Type: 'Task' | 'Choice' | 'Pass' | 'Succeed' | 'Fail' | 'Wait' | 'Map' | 'Parallel';
  Next?: string;
  End?: boolean;
  ResultPath?: string | null;
  Catch?: Array<{ ErrorEquals: string[]; Next: string }>;
  Choices?: Array<{ Variable?: string; Next: string; StringEquals?: string; BooleanEquals?: boolean; [test: string]: unknown }>;
  Default?: string;
  ItemProcessor?: AslMachine;
  Iterator?: AslMachine;
}

export interface AslMachine {
  StartAt: string;
  States: Record<string, AslState>;
}

export type EdgeKind = 'next' | 'choice' | 'default' | 'catch';

export interface AslEdge {
  from: string;
  to: string;
  kind: EdgeKind;
  /** For a choice edge: the variable it tests and the value that takes it. */
  test?: { variable: string; value: string };
  /** For a catch edge: the errors it catches. */
  errors?: string[];
}

export const ASL_PATH = resolve(import.meta.dirname, '../../statemachines/onboarding.asl.json');

export function loadAsl(): AslMachine {
  return JSON.parse(readFileSync(ASL_PATH, 'utf8')) as AslMachine;
}

/** Every edge of one level of a machine: each Next, each Choice branch and Default, each Catch. */
export function edgesOf(machine: AslMachine): AslEdge[] {
  const edges: AslEdge[] = [];
  for (const [name, state] of Object.entries(machine.States)) {
    if (state.Next) edges.push({ from: name, to: state.Next, kind: 'next' });
    for (const choice of state.Choices ?? []) {
      const value = choice.StringEquals ?? (choice.BooleanEquals === undefined ? undefined : String(choice.BooleanEquals));
      edges.push({ from: name, to: choice.Next, kind: 'choice', ...(choice.Variable && value !== undefined ? { test: { variable: choice.Variable, value } } : {}) });
    }
    if (state.Default) edges.push({ from: name, to: state.Default, kind: 'default' });
    for (const handler of state.Catch ?? []) edges.push({ from: name, to: handler.Next, kind: 'catch', errors: handler.ErrorEquals });
  }
  return edges;
}

/** Task states of one level, with those inside Map states' processors. */
export function taskStates(machine: AslMachine): string[] {
  return Object.entries(machine.States).flatMap(([name, state]) => {
    const inner = state.ItemProcessor ?? state.Iterator;
    return [...(state.Type === 'Task' ? [name] : []), ...(inner ? taskStates(inner) : [])];
  });
}
