import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { FUNCTIONS, type FunctionSpec } from '../../functions/catalog';
import {
  END_STATES,
  ONBOARDING_STATUSES,
  PLANNED_STATUSES,
  ROUTES,
  STEPS,
  TERMINAL_STATUSES,
  TICKET_TRANSITIONS,
  TICKET_TRANSITIONS_MADE_BY,
  TRANSITIONS,
  type OnboardingStatus,
  type StepRule,
  type TransitionName,
  type TransitionRule,
} from '../../functions/domain/lifecycle';
import { TICKET_STATUSES, type TicketStatus } from '../../functions/domain/ticket';

/**
 * The tables of docs/architecture.md that must never drift from the code: the workflow's states
 * (rendered from statemachines/onboarding.asl.json and functions/catalog.ts) and the onboarding's
 * statuses and transitions (rendered from functions/domain/lifecycle.ts). `npm run docs` writes them
 * into the doc between `<!-- generated: <name> -->` and `<!-- /generated -->`;
 * test/unit/architecture-doc.test.ts fails when the doc holds anything else there.
 */

const ROOT = resolve(import.meta.dirname, '../..');
export const ARCHITECTURE_DOC_PATH = resolve(ROOT, 'docs/architecture.md');
export const ASL_PATH = resolve(ROOT, 'statemachines/onboarding.asl.json');

export const SECTION_NAMES = ['workflow-diagram', 'workflow-states', 'statuses', 'transitions', 'ticket-lifecycle'] as const;
export type SectionName = (typeof SECTION_NAMES)[number];

/** What a status means, in a newcomer's words. Typed over every status, so a new one needs a line here. */
const STATUS_MEANINGS: Record<OnboardingStatus, string> = {
  RECEIVED: 'The account manager has posted the intake; the workflow execution has been started.',
  REGISTERED: 'The intake is registered: the client has a confirmation and the analysts have been told.',
  AWAITING_ANALYSIS: 'The workflow waits for the analysts’ problem analysis (again after the client asked for changes).',
  AWAITING_RELEASE: 'A drafted agreement waits for a staff member to release it to the client, or to return it to the analysts.',
  AGREEMENT_SENT: 'The client has the service agreement with a single-use link; the workflow waits for the decision.',
  IMPLEMENTING: 'The client approved the agreement; its work is done as tickets, each assigned to a technician and resolved.',
  MONITORING: 'The solutions are in; the client’s environment is watched, and a new round of work may start.',
  COMPLETED: 'Follow-up finished: the onboarding is done, with its report and the client’s feedback.',
  DECLINED: 'The client declined the agreement, with a reason for the account manager.',
  EXPIRED: 'The client did not decide within the agreement’s validity, reminders included; the link no longer works.',
  FAILED: 'A workflow step failed after its retries; operations have been alerted.',
};

/** What a ticket status means. */
const TICKET_STATUS_MEANINGS: Record<TicketStatus, string> = {
  OPEN: 'Created from an approved agreement line or a reported problem; nobody has it yet (it may wait for a technician who fits, or a reported one for its round).',
  ASSIGNED: 'A technician with the skills and free capacity has it and has been e-mailed; the response clock runs.',
  ACKNOWLEDGED: 'The technician responded (on time or not is recorded); the resolution clock runs.',
  ON_HOLD: 'Waiting on the client: the SLA clock stands still until it is resumed.',
  RESOLVED: 'Resolved with a summary; the technician’s capacity is free again.',
};

const CAUSES: Record<TransitionRule['cause'], string> = { system: 'the workflow', staff: 'staff', client: 'the client' };

/** The parts of an ASL state these tables read. */
interface AslDocState {
  Type: string;
  Comment?: string;
  Resource?: string;
  Parameters?: { FunctionName?: string };
  ResultPath?: string | null;
  TimeoutSecondsPath?: string;
  TimeoutSeconds?: number;
  Next?: string;
  End?: boolean;
  Catch?: Array<{ ErrorEquals: string[]; Next: string }>;
  Choices?: Array<Record<string, unknown> & { Next: string }>;
  Default?: string;
  Error?: string;
  Cause?: string;
  ItemProcessor?: AslDocMachine;
}

export interface AslDocMachine {
  StartAt: string;
  States: Record<string, AslDocState>;
}

export function loadAslForDocs(path = ASL_PATH): AslDocMachine {
  return JSON.parse(readFileSync(path, 'utf8')) as AslDocMachine;
}

const code = (text: string) => `\`${text}\``;
/** A table cell: no line breaks, pipes escaped. */
const cell = (text: string) => text.replace(/\s*\n\s*/g, ' ').replace(/\|/g, '\\|');
const table = (header: string[], rows: string[][]) =>
  [header, header.map(() => '---'), ...rows].map((cells) => `| ${cells.map(cell).join(' | ')} |`).join('\n');

/** Every state of the ASL, in the order the file lists them: type, what it does, the function it runs, where it goes. */
export function workflowStatesTable(asl: AslDocMachine = loadAslForDocs(), catalog: readonly FunctionSpec[] = FUNCTIONS): string {
  const rowsOf = (machine: AslDocMachine, prefix: string): string[][] =>
    Object.entries(machine.States).flatMap(([name, state]) => {
      const start = name === machine.StartAt ? ' (start)' : '';
      const row = [prefix + code(name) + start, typeOf(state), whatItDoes(machine, name, state), functionOf(name, state, catalog), goesTo(state)];
      // A Map's own states follow it, named "Map › State": they run once per item.
      return [row, ...(state.ItemProcessor ? rowsOf(state.ItemProcessor, `${code(name)} › `) : [])];
    });
  return table(['State', 'Type', 'What it does', 'Function it runs', 'Goes to'], rowsOf(asl, ''));
}

function typeOf(state: AslDocState): string {
  if (state.Type !== 'Task') return state.Type;
  if (state.Resource?.endsWith('.waitForTaskToken')) return 'Task (Lambda, waits for its task token)';
  return 'Task (Lambda)';
}

function whatItDoes(asl: AslDocMachine, name: string, state: AslDocState): string {
  const comment = state.Comment ?? '';
  switch (state.Type) {
    case 'Choice':
      return [comment, `Branches on ${choiceVariables(state).map((variable) => resultRead(asl, name, variable)).join(', ')}.`].filter(Boolean).join(' ');
    case 'Succeed': {
      const status = END_STATES[name];
      if (!status) throw new Error(`Succeed state ${name} has no status in lifecycle END_STATES`);
      return `${comment} Ends the execution; the onboarding stays ${code(status)}.`.trim();
    }
    case 'Fail':
      return `${comment} Fails the execution with error ${code(state.Error ?? '?')}: ${state.Cause ?? ''}`.trim();
    default:
      if (!comment) throw new Error(`State ${name} has no Comment in the ASL: say what it does there`);
      return comment;
  }
}

function choiceVariables(state: AslDocState): string[] {
  return [...new Set((state.Choices ?? []).map((rule) => String(rule['Variable'])))];
}

/** `$.reminding.remindersExhausted` → "`remindersExhausted` from `RemindClient`": the Task whose ResultPath holds it. */
function resultRead(asl: AslDocMachine, choice: string, variable: string): string {
  const [, path, field] = /^\$\.(\w+)\.(\w+)$/.exec(variable) ?? [];
  const writers = Object.entries(asl.States).filter(([, state]) => state.Type === 'Task' && state.ResultPath === `$.${path}`);
  const task = (writers.find(([, state]) => state.Next === choice) ?? writers[0])?.[0];
  return task && field ? `${code(field)} from ${code(task)}` : code(variable);
}

/** A Task's function, found in one hop: the FunctionName substitution key is the catalog entry's aslKey. */
function functionOf(name: string, state: AslDocState, catalog: readonly FunctionSpec[]): string {
  if (state.Type !== 'Task') return '—';
  const key = /^\$\{(\w+)\}$/.exec(state.Parameters?.FunctionName ?? '')?.[1];
  const spec = catalog.find((fn) => fn.aslKey === key);
  if (!spec) throw new Error(`Task ${name} names no catalog function (FunctionName ${state.Parameters?.FunctionName ?? 'missing'})`);
  return `${code(spec.name)} → ${code(spec.entry)}`;
}

function goesTo(state: AslDocState): string {
  const parts: string[] = [];
  if (state.Next) parts.push(`→ ${code(state.Next)}`);
  for (const rule of state.Choices ?? []) {
    const operator = Object.keys(rule).find((key) => key !== 'Variable' && key !== 'Next');
    const value = operator ? JSON.stringify(rule[operator]) : '?';
    parts.push(`${code(String(rule['Variable']))} = ${code(value)} → ${code(rule.Next)}`);
  }
  if (state.Default) parts.push(`otherwise → ${code(state.Default)}`);
  for (const handler of state.Catch ?? []) {
    const timeout = state.TimeoutSecondsPath ?? (state.TimeoutSeconds === undefined ? undefined : `${state.TimeoutSeconds} s`);
    const after = handler.ErrorEquals.includes('States.Timeout') && timeout ? ` (timeout: ${code(timeout)})` : '';
    parts.push(`on ${handler.ErrorEquals.map(code).join(', ')}${after} → ${code(handler.Next)}`);
  }
  if (state.Type === 'Succeed') parts.push('end (succeeded)');
  if (state.Type === 'Fail') parts.push('end (failed)');
  if (state.End) parts.push('end');
  return parts.join('; ');
}

/**
 * The ASL as a mermaid flowchart: every Next, Choice branch, Default and Catch, except the Tasks'
 * catch-all to the failure handler, which the caption names instead (drawn, it would hide the rest).
 */
export function workflowDiagram(asl: AslDocMachine = loadAslForDocs()): string {
  const shape = (name: string, state: AslDocState) => {
    if (state.Type === 'Choice') return `${name}{${name}}`;
    if (state.Type === 'Succeed' || state.Type === 'Fail') return `${name}([${name}])`;
    if (state.Type === 'Pass') return `${name}[/${name}/]`;
    return `${name}[${name}]`;
  };
  const lines = ['```mermaid', 'flowchart TD', `  Start((start)) --> ${asl.StartAt}`];
  const catchAll = new Map<string, string[]>();
  const states: Array<[string, AslDocState]> = [];
  const inSubgraph = new Set<string>();
  for (const [name, state] of Object.entries(asl.States)) {
    states.push([name, state]);
    if (state.ItemProcessor) {
      // Drawn inside the Map as a subgraph: one run per ticket.
      lines.push(`  subgraph ${name}_each [${name}: for each item]`, `    ${name}_start((item)) --> ${state.ItemProcessor.StartAt}`);
      for (const [inner, innerState] of Object.entries(state.ItemProcessor.States)) lines.push(`    ${shape(inner, innerState)}`);
      lines.push('  end', `  ${name} --> ${name}_each`);
      states.push(...Object.entries(state.ItemProcessor.States));
      for (const inner of Object.keys(state.ItemProcessor.States)) inSubgraph.add(inner);
    }
  }
  for (const [name, state] of states) {
    if (!inSubgraph.has(name)) lines.push(`  ${shape(name, state)}`);
    if (state.Next) lines.push(`  ${name} --> ${state.Next}`);
    for (const rule of state.Choices ?? []) {
      const operator = Object.keys(rule).find((key) => key !== 'Variable' && key !== 'Next');
      lines.push(`  ${name} -->|${String(operator ? rule[operator] : '?')}| ${rule.Next}`);
    }
    if (state.Default) lines.push(`  ${name} -->|otherwise| ${state.Default}`);
    for (const handler of state.Catch ?? []) {
      if (handler.ErrorEquals.includes('States.ALL')) {
        catchAll.set(handler.Next, [...(catchAll.get(handler.Next) ?? []), name]);
        continue;
      }
      const label = handler.ErrorEquals.map((error) => (error === 'States.Timeout' ? 'timeout' : error)).join(', ');
      lines.push(`  ${name} -.->|${label}| ${handler.Next}`);
    }
  }
  lines.push('```');
  const caught = [...catchAll].map(([to, from]) => `${from.map(code).join(', ')} → ${code(to)}`);
  const caption = caught.length ? [`Not drawn, to keep the picture readable: the \`States.ALL\` catches of ${caught.join('; and of ')}.`] : [];
  return [...lines, '', ...caption].join('\n');
}

/** Every status of lifecycle.ts: what it means, whether it ends the onboarding, whether anything reaches it yet. */
export function statusesTable(): string {
  const rows = ONBOARDING_STATUSES.map((status) => [
    code(status),
    STATUS_MEANINGS[status],
    TERMINAL_STATUSES.includes(status) ? 'yes' : 'no',
    PLANNED_STATUSES.includes(status) ? 'planned' : 'built',
  ]);
  return table(['Status', 'Meaning', 'Terminal', 'Today'], rows);
}

/** Every transition of lifecycle.ts: from → to, who causes it, which step or route makes it, the timeline event it writes. */
export function transitionsTable(): string {
  const steps = STEPS as Record<string, StepRule>;
  const routes = ROUTES as Record<string, readonly TransitionName[]>;
  const notTerminal = ONBOARDING_STATUSES.filter((status) => !TERMINAL_STATUSES.includes(status));
  const rows = (Object.entries(TRANSITIONS) as Array<[TransitionName, TransitionRule]>).map(([name, rule]) => {
    const makers = [
      ...Object.entries(steps).filter(([, step]) => step.transitions.includes(name)).map(([step]) => `step ${code(step)}`),
      ...Object.entries(routes).filter(([, made]) => made.includes(name)).map(([route]) => `route ${code(route)}`),
    ];
    const from =
      rule.from.length === 0
        ? '— (a new onboarding)'
        : rule.from.length === notTerminal.length && notTerminal.every((status) => rule.from.includes(status))
          ? 'any status that is not terminal'
          : rule.from.map(code).join(', ');
    if (!rule.planned && makers.length === 0) throw new Error(`Transition ${name} is made by no step or route of lifecycle.ts`);
    const made = rule.planned ? 'planned: no step or route yet' : makers.join(', ');
    return [code(name), from, code(rule.to), CAUSES[rule.cause], made, code(rule.perAgreementVersion ? `${rule.event}_V<n>` : rule.event)];
  });
  return table(['Transition', 'From', 'To', 'Caused by', 'Made by', 'Timeline event'], rows);
}

/** Each generated section as it must stand in the doc. */
/** The ticket's own lifecycle (the second table of lifecycle.ts): its statuses and transitions. */
export function ticketLifecycleTable(): string {
  const statuses = table(
    ['Ticket status', 'Meaning'],
    TICKET_STATUSES.map((status) => [code(status), TICKET_STATUS_MEANINGS[status]]),
  );
  const transitions = table(
    ['Transition', 'From', 'To', 'Caused by', 'Made by', 'Timeline event'],
    Object.entries(TICKET_TRANSITIONS).map(([name, rule]) => [
      code(name),
      rule.from.length === 0 ? '— (a new ticket)' : rule.from.map(code).join(', '),
      rule.to === 'HELD_FROM' ? 'the status it was held from' : code(rule.to),
      CAUSES[rule.cause],
      TICKET_TRANSITIONS_MADE_BY[name as keyof typeof TICKET_TRANSITIONS].map(code).join(', '),
      code(rule.event),
    ]),
  );
  return `${statuses}

${transitions}`;
}

export function renderSections(asl: AslDocMachine = loadAslForDocs()): Record<SectionName, string> {
  return {
    'workflow-diagram': workflowDiagram(asl),
    'workflow-states': workflowStatesTable(asl),
    statuses: statusesTable(),
    transitions: transitionsTable(),
    'ticket-lifecycle': ticketLifecycleTable(),
  };
}

const SECTION = /<!-- generated: ([\w-]+) -->\n([\s\S]*?)<!-- \/generated -->/g;

/** The generated sections a document holds, by name, with their text between the markers. */
export function sectionsIn(doc: string): Map<string, string> {
  const found = new Map<string, string>();
  for (const [, name, body] of doc.matchAll(SECTION)) {
    if (found.has(name!)) throw new Error(`Section "${name}" appears twice`);
    found.set(name!, body!.replace(/\n$/, ''));
  }
  return found;
}

/** The document with every generated section replaced by what the generator renders now. */
export function withSections(doc: string, sections: Record<SectionName, string> = renderSections()): string {
  const present = sectionsIn(doc);
  const missing = SECTION_NAMES.filter((name) => !present.has(name));
  if (missing.length > 0) throw new Error(`docs/architecture.md lacks the markers of ${missing.join(', ')}: add <!-- generated: <name> --> … <!-- /generated -->`);
  return doc.replace(SECTION, (whole, name: string) => {
    const body = sections[name as SectionName];
    return body === undefined ? whole : `<!-- generated: ${name} -->\n${body}\n<!-- /generated -->`;
  });
}
