import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { FUNCTIONS } from '../../functions/catalog';
import { type SynthesizedStage, synthesizeStage, type TestStage } from './synth-stage';
import { resourcesOfType } from './template-queries';

const RUNBOOK = readFileSync(new URL('../../docs/runbook.md', import.meta.url), 'utf8');

interface RunbookEntry {
  heading: string;
  body: string;
  /** The alarm ids (names without `onboarding-<stage>-`) the heading stands for. */
  matches: RegExp;
}

/** The `### \`<id>\`` sections of the runbook's "Alarms" chapter; `<Function>` stands for any catalog function, `<n>` for a number. */
function alarmEntries(markdown: string): RunbookEntry[] {
  const chapter = /^## Alarms\n([\s\S]*?)(?=^## )/m.exec(markdown)?.[1] ?? '';
  const functionNames = FUNCTIONS.map((spec) => spec.name).join('|');
  return [...chapter.matchAll(/^### `([^`]+)`\n([\s\S]*?)(?=^### |(?![\s\S]))/gm)].map(([, heading = '', body = '']) => {
    const escaped = heading.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    const pattern = escaped.replaceAll('<Function>', `(?:${functionNames})`).replaceAll('<n>', '[1-9][0-9]*');
    return { heading, body, matches: new RegExp(`^${pattern}$`) };
  });
}

const stages: TestStage[] = ['dev', 'prod'];

describe('the runbook', () => {
  const entries = alarmEntries(RUNBOOK);
  const synthesized = new Map<TestStage, SynthesizedStage>();
  const alarmsOf = (stage: TestStage) => {
    const found = synthesized.get(stage);
    if (!found) throw new Error(`${stage} was not synthesized`);
    return resourcesOfType(found.template, 'AWS::CloudWatch::Alarm').map(
      ([, alarm]) => alarm.Properties as unknown as { AlarmName: string; AlarmDescription: string },
    );
  };
  const alarmIds = (stage: TestStage): string[] =>
    alarmsOf(stage).map(({ AlarmName: name }) => {
      expect(name.startsWith(`onboarding-${stage}-`), name).toBe(true);
      return name.slice(`onboarding-${stage}-`.length);
    });

  // Two synths take tens of seconds on a busy machine.
  beforeAll(() => {
    for (const stage of stages) synthesized.set(stage, synthesizeStage(stage));
  }, 300_000);

  it('reads its alarm sections (so the checks below mean something)', () => {
    expect(entries.map((entry) => entry.heading)).toEqual(
      expect.arrayContaining(['executions-failed', '<Function>-errors', 'lambda-throttles-<n>', 'stuck-onboardings']),
    );
    expect(entries.find((entry) => entry.heading === '<Function>-errors')?.matches.test('CreateOnboarding-errors')).toBe(true);
    expect(entries.find((entry) => entry.heading === '<Function>-errors')?.matches.test('NoSuchFunction-errors')).toBe(false);
  });

  it.each(stages)('has exactly one section for every alarm of the %s stack', (stage) => {
    for (const id of alarmIds(stage)) {
      expect(entries.filter((entry) => entry.matches.test(id)).map((entry) => entry.heading), id).toHaveLength(1);
    }
  });

  it('names only alarms that exist, in dev or prod', () => {
    const all = stages.flatMap(alarmIds);
    for (const entry of entries) expect(all.some((id) => entry.matches.test(id)), entry.heading).toBe(true);
  });

  it('says for every alarm what it means, how to look and what to do', () => {
    for (const entry of entries) {
      for (const part of ['**Means:**', '**Look:**', '**Do:**']) expect(entry.body, `${entry.heading} ${part}`).toContain(part);
    }
  });

  it.each(stages)('is the section each %s alarm\'s description points to', (stage) => {
    for (const { AlarmName: name, AlarmDescription: description } of alarmsOf(stage)) {
      const section = /Runbook: docs\/runbook\.md, section (\S+)\.$/.exec(description)?.[1];
      const entry = entries.find((candidate) => candidate.heading === section);
      expect(entry?.matches.test(name.slice(`onboarding-${stage}-`.length)), `${name} → ${section}`).toBe(true);
    }
  });

  it('links the recovery and e-mail delivery guides, and explains CallbackDeferred', () => {
    expect(RUNBOOK).toContain('](recovery.md)');
    expect(RUNBOOK).toContain('POST /onboardings/{id}/retry');
    expect(RUNBOOK).toContain('](email-delivery.md)');
    expect(RUNBOOK).toMatch(/### `CallbackDeferred`\n[\s\S]*SweepCallbacks/);
  });
});
