import { describe, expect, it } from 'vitest';
import { FUNCTIONS, type FunctionSpec } from '../../functions/catalog';
import {
  END_STATES,
  ONBOARDING_STATUSES,
  PLANNED_STATUSES,
  ROUTES,
  STEPS,
  TICKET_TRANSITIONS,
  TICKET_TRANSITIONS_MADE_BY,
  TRANSITIONS,
  allows,
  ticketAllows,
  noticeName,
  transitionRule,
  type OnboardingStatus,
  type StepRule,
  type TransitionName,
} from '../../functions/domain/lifecycle';
import { TICKET_STATUSES } from '../../functions/domain/ticket';
import { edgesOf, loadAsl, taskStates, type AslEdge, type AslMachine } from '../support/asl-graph';

const asl = loadAsl();
const steps = STEPS as Record<string, StepRule>;
const transitionNames = Object.keys(TRANSITIONS) as TransitionName[];
const made = [...Object.values(steps).flatMap((step) => step.transitions), ...Object.values(ROUTES).flat()] as TransitionName[];

/**
 * The statuses an onboarding may be in on entering each state, found by following the ASL from
 * RECEIVED: a Task moves each status along the transitions the table gives it, a Choice on a
 * step's outcome narrows to that outcome's transition, a Catch carries what the failing step had
 * (a wait's timeout comes after its Lambda returned, so it carries what the Lambda left).
 */
function walk(machine: AslMachine, start: Set<OnboardingStatus>) {
  const entry = new Map<string, Set<OnboardingStatus>>();
  const covered = new Set<AslEdge>();
  const problems: string[] = [];
  const edges = edgesOf(machine);
  /** The Task a Choice reads a result of: the one that leads into the Choice and writes that path. */
  const resultOf = (choice: string, variable: string) => {
    const [, path, field] = /^\$\.(\w+)\.(\w+)$/.exec(variable) ?? [];
    const writers = Object.entries(machine.States).filter(([, state]) => state.ResultPath === `$.${path}`);
    const task = (writers.find(([, state]) => state.Next === choice) ?? writers[0])?.[0];
    return { task, field: field! };
  };
  const exitOf = (name: string, statuses: Set<OnboardingStatus>): Set<OnboardingStatus> => {
    const state = machine.States[name]!;
    if (state.Type !== 'Task') return statuses;
    const rule = steps[name]!;
    const mayStay = Object.values(rule.outcomes ?? {}).some((values) => Object.values(values).includes(null));
    const out = new Set<OnboardingStatus>();
    for (const status of statuses) {
      const moves = rule.transitions.filter((t) => allows(t, status));
      for (const t of moves) out.add(transitionRule(t).to);
      if (moves.length === 0 || mayStay) out.add(status);
    }
    return out;
  };
  const along = (edge: AslEdge, statuses: Set<OnboardingStatus>): Set<OnboardingStatus> => {
    // A wait times out after its Lambda returned; any other error may come before or after the write.
    if (edge.kind === 'catch' && edge.errors?.join() === 'States.Timeout') return exitOf(edge.from, statuses);
    if (edge.kind === 'catch') return new Set([...statuses, ...exitOf(edge.from, statuses)]);
    const exit = exitOf(edge.from, statuses);
    if (edge.kind === 'next') return exit;
    const choice = machine.States[edge.from]!;
    const variable = edge.test?.variable ?? choice.Choices?.[0]?.Variable ?? '';
    if (variable === '$.resumeAt') return resumeBranch(edge, exit);
    const { task, field } = resultOf(edge.from, variable);
    const outcomes = task ? steps[task]?.outcomes?.[field] : undefined;
    if (!outcomes) {
      problems.push(`${edge.from} tests ${variable}, which no step's outcomes name`);
      return exit;
    }
    const movedTo = (value: string) => (outcomes[value] ? transitionRule(outcomes[value]).to : undefined);
    const allMoves = new Set(Object.keys(outcomes).map(movedTo).filter((s): s is OnboardingStatus => s !== undefined));
    const values = edge.kind === 'choice' ? [edge.test!.value] : Object.keys(outcomes).filter((v) => !choice.Choices!.some((c) => String(c.StringEquals ?? c.BooleanEquals) === v));
    const narrowed = new Set<OnboardingStatus>();
    for (const value of values) {
      if (!(value in outcomes)) problems.push(`${edge.from} branches on ${variable} = ${value}, an outcome ${task} does not have`);
      const to = movedTo(value);
      for (const status of exit) if (to ? status === to : !allMoves.has(status)) narrowed.add(status);
    }
    return narrowed;
  };

  /**
   * A retry's execution starts from a FAILED onboarding (ResumeOnboarding), and resumes at a state
   * in a status that state accepts (the one it failed in); any other execution starts RECEIVED.
   */
  const resumeBranch = (edge: AslEdge, exit: Set<OnboardingStatus>): Set<OnboardingStatus> => {
    if (edge.kind === 'default') return exit;
    if (edge.to === 'ResumeOnboarding') return new Set(['FAILED']);
    let target = edge.to;
    while (machine.States[target]?.Type === 'Pass') target = machine.States[target]!.Next!;
    const state = machine.States[target]!;
    const inner = state.ItemProcessor ?? state.Iterator;
    const accepts = steps[inner ? inner.StartAt : target]?.accepts ?? [];
    return new Set([...exit].filter((status) => accepts.includes(status)));
  };

  const queue: string[] = [machine.StartAt];
  entry.set(machine.StartAt, new Set(start));
  while (queue.length > 0) {
    const name = queue.shift()!;
    const statuses = entry.get(name)!;
    const state = machine.States[name]!;
    if (state.Type === 'Task') {
      const rule = steps[name];
      if (!rule) problems.push(`Task ${name} has no entry in lifecycle STEPS`);
      else for (const status of statuses) if (!rule.accepts.includes(status)) problems.push(`${name} may be entered in ${status}, which it does not accept`);
    }
    const inner = state.ItemProcessor ?? state.Iterator;
    if (inner) {
      const nested = walk(inner, statuses);
      problems.push(...nested.problems);
      for (const edge of nested.covered) covered.add(edge);
    }
    if (state.Type === 'Succeed') {
      const expected = END_STATES[name];
      if (!expected) problems.push(`Succeed state ${name} has no status in END_STATES`);
      else if ([...statuses].some((s) => s !== expected)) problems.push(`${name} may end in ${[...statuses].join(', ')}, not only ${expected}`);
    }
    for (const edge of edges.filter((e) => e.from === name)) {
      covered.add(edge);
      const next = along(edge, statuses);
      const known = entry.get(edge.to) ?? new Set<OnboardingStatus>();
      const grown = [...next].some((s) => !known.has(s));
      if (grown || !entry.has(edge.to)) {
        entry.set(edge.to, new Set([...known, ...next]));
        queue.push(edge.to);
      }
    }
  }
  return { entry, covered, problems, edges };
}

describe('lifecycle.ts against statemachines/onboarding.asl.json', () => {
  const result = walk(asl, new Set(['RECEIVED']));

  it('covers every edge of the ASL: each Next, each Choice branch and Default, each Catch', () => {
    const missing = result.edges.filter((edge) => ![...result.covered].some((c) => c.from === edge.from && c.to === edge.to && c.kind === edge.kind));
    expect(missing).toEqual([]);
    expect(result.edges.length).toBeGreaterThan(20);
  });

  it('every status a step can meet is one it accepts, every branch is an outcome, every end a known status', () => {
    expect(result.problems).toEqual([]);
  });

  it('each transition a step lists is possible where the ASL enters that step', () => {
    const unreachable: string[] = [];
    for (const [name, rule] of Object.entries(steps)) {
      const statuses = result.entry.get(name) ?? new Set();
      for (const t of rule.transitions) if (![...statuses].some((s) => allows(t, s))) unreachable.push(`${name}: ${t}`);
    }
    expect(unreachable).toEqual([]);
  });

  it('every Task state of the ASL is a step of the table, and every step a Task state', () => {
    expect(new Set(taskStates(asl))).toEqual(new Set(Object.keys(steps)));
  });

  it('every transition of the table (but the planned ones) is made by some step or route, and no step makes a planned one', () => {
    const active = transitionNames.filter((name) => !(transitionRule(name) as { planned?: true }).planned);
    expect(active.filter((name) => !made.includes(name))).toEqual([]);
    expect(made.filter((name) => (transitionRule(name) as { planned?: true }).planned)).toEqual([]);
  });

  it('planned statuses are reached only by planned transitions', () => {
    for (const name of transitionNames) {
      if (PLANNED_STATUSES.includes(transitionRule(name).to)) expect((transitionRule(name) as { planned?: true }).planned, name).toBe(true);
    }
    const reached = new Set([...result.entry.values()].flatMap((statuses) => [...statuses]));
    expect(PLANNED_STATUSES.filter((status) => reached.has(status))).toEqual([]);
    expect(ONBOARDING_STATUSES.filter((s) => !PLANNED_STATUSES.includes(s) && s !== 'RECEIVED' && !reached.has(s))).toEqual([]);
  });

  it('names the transitions of every HTTP route of the catalog, and only those routes', () => {
    const routeKeys = (FUNCTIONS as readonly FunctionSpec[]).flatMap((fn) => (fn.routes ?? []).map((r) => `${r.method} ${r.path}`));
    expect(new Set(Object.keys(ROUTES))).toEqual(new Set(routeKeys));
  });
});

describe('the ticket lifecycle (the second table)', () => {
  it('every ticket transition is made by a Task state of the ASL or a catalog route, and leaves statuses that exist', () => {
    const routeKeys = new Set((FUNCTIONS as readonly FunctionSpec[]).flatMap((fn) => (fn.routes ?? []).map((r) => `${r.method} ${r.path}`)));
    const tasks = new Set(taskStates(asl));
    for (const [name, makers] of Object.entries(TICKET_TRANSITIONS_MADE_BY)) {
      for (const maker of makers) expect(tasks.has(maker) || routeKeys.has(maker), `${name} is made by ${maker}`).toBe(true);
      const rule = TICKET_TRANSITIONS[name as keyof typeof TICKET_TRANSITIONS];
      for (const status of rule.from) expect(TICKET_STATUSES).toContain(status);
    }
    // Every ticket status is reached by some transition, and every one but RESOLVED is left by one.
    const reached = new Set(Object.values(TICKET_TRANSITIONS).flatMap((rule) => (rule.to === 'HELD_FROM' ? ['ASSIGNED', 'ACKNOWLEDGED'] : [rule.to])));
    const left = new Set(Object.values(TICKET_TRANSITIONS).flatMap((rule) => rule.from as readonly string[]));
    expect(TICKET_STATUSES.filter((status) => !reached.has(status))).toEqual([]);
    expect(TICKET_STATUSES.filter((status) => !left.has(status))).toEqual(['RESOLVED']);
  });

  it('holds only from ASSIGNED or ACKNOWLEDGED and resolves only after an acknowledgement', () => {
    expect(ticketAllows('ticketHeld', 'OPEN')).toBe(false);
    expect(ticketAllows('ticketHeld', 'ACKNOWLEDGED')).toBe(true);
    expect(ticketAllows('ticketResolved', 'ASSIGNED')).toBe(false);
    expect(ticketAllows('ticketResolved', 'ON_HOLD')).toBe(false);
    expect(ticketAllows('ticketResolved', 'ACKNOWLEDGED')).toBe(true);
  });
});

describe('notification names', () => {
  it('are built from their kind, scope and number in one place', () => {
    expect(noticeName({ kind: 'analysisReminder', scope: 1, seq: 2 })).toBe('ANALYSIS_REMINDER_R1_2');
    expect(noticeName({ kind: 'agreementOffer', scope: 3 })).toBe('AGREEMENT_OFFER_SENT_V3');
    expect(noticeName({ kind: 'operationsAlerted' })).toBe('OPERATIONS_ALERTED');
    expect(() => noticeName({ kind: 'agreementReminder', scope: 1 })).toThrow(/numbered/);
    expect(() => noticeName({ kind: 'analysisEscalated' })).toThrow(/analysisRound/);
  });
});
