import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

/**
 * `npm run demo` as a person runs it: a child process that starts its own twin, walks one
 * onboarding from intake to feedback through the public API and the SES store, prints the
 * timeline and the e-mails, and exits 0 within two minutes.
 */
const REPO_ROOT = fileURLToPath(new URL('../../', import.meta.url));
const TIMEOUT_MS = 150_000;

function runDemo(): Promise<{ code: number | string; stdout: string; stderr: string; ms: number }> {
  const started = Date.now();
  return new Promise((resolve) => {
    execFile('npx', ['tsx', 'infra/local/demo.ts'], { cwd: REPO_ROOT, timeout: TIMEOUT_MS, maxBuffer: 4 * 1024 * 1024 }, (error, stdout, stderr) => {
      resolve({ code: error ? (error.code ?? error.signal ?? 1) : 0, stdout, stderr, ms: Date.now() - started });
    });
  });
}

describe('npm run demo', () => {
  it(
    'walks an onboarding from intake to feedback and prints its timeline and e-mails',
    async () => {
      const run = await runDemo();
      const output = `${run.stdout}\n--- stderr ---\n${run.stderr}`;
      expect(run.code, output).toBe(0);
      expect(run.ms).toBeLessThan(120_000);

      const section = (heading: string) => run.stdout.split(/\n(?=\S)/).find((block) => block.startsWith(heading)) ?? '';
      const timeline = section('Timeline of onb-');
      for (const type of ['INTAKE_RECEIVED', 'ANALYSIS_SUBMITTED_V1', 'AGREEMENT_HELD_FOR_RELEASE_V1', 'AGREEMENT_RELEASED_V2', 'AGREEMENT_APPROVED', 'TICKET_RESOLVED', 'MONITORING_STARTED', 'ROUND_STARTED', 'TICKET_UPDATED', 'COMPLETED', 'FEEDBACK_RECEIVED']) {
        expect(timeline, output).toContain(type);
      }
      // The client's report through the monitoring e-mail's page, on the timeline in the client's name.
      expect(timeline).toMatch(/client \(Sanne de Vries\)\s+PROBLEM_REPORTED\s+tkt-\S+: The client reported inc-04 "Pinautomaat verliest verbinding"/);
      expect(timeline).toMatch(/client \(Sanne de Vries\)\s+FEEDBACK_RECEIVED\s+Feedback: 5\/5/);
      // One line per event, each starting with its local time.
      const times = timeline.split('\n').slice(1).filter(Boolean).map((line) => line.trim().slice(0, 8));
      for (const time of times) expect(time).toMatch(/^\d{2}:\d{2}:\d{2}$/);

      const emails = section('E-mails sent');
      expect(emails).toMatch(/sanne@korenschoof\.example\s+Uw serviceovereenkomst staat klaar/);
      expect(emails).toMatch(/sanne@korenschoof\.example\s+Werkzaamheden afgerond/);
      expect(emails).toMatch(/sanne@korenschoof\.example\s+Eindrapport van de werkzaamheden – Bakkerij De Korenschoof B\.V\.\s+\(cc ilse\.jansen@breakfix\.example\)/);
      expect(emails).toMatch(/henk@breakfix\.example\s+Nieuw ticket voor u/);
      // The offer above the demo's €500 threshold went to the account manager first, with the calls to release it.
      expect(emails).toMatch(/ilse\.jansen@breakfix\.example\s+Vrijgave nodig: serviceovereenkomst/);
      expect(section('Outcome')).toMatch(/status COMPLETED; 4 incidents, 4 tickets/);
      expect(run.stdout.split('\n').length).toBeLessThan(110);
    },
    TIMEOUT_MS + 10_000,
  );
});
