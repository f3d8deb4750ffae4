/**
 * `npm run demo`: one onboarding from intake to feedback on a fresh twin in this process (free
 * ports, its own short policy), every person played through the public HTTP API and the SES
 * store only, then the onboarding's timeline and the e-mails sent. Exits 0 within two minutes; a
 * watchdog names the step it got stuck in and exits 1, as does any unexpected HTTP status.
 */
import './polyfills';
import { startTwin, type Twin } from './twin';
import { inbox } from './demo/http';
import { emailLines, summaryLines, timelineLines } from './demo/output';
import { Progress } from './demo/progress';
import { playOnboarding } from './demo/scenario';

const WATCHDOG_MS = 115_000;

/**
 * Every wait is seconds. Reminders and escalations are far off, so none fires; a technician is
 * looked for again every 5 s; the client has the first 15 s of monitoring to report a problem,
 * and the account manager about 3 s of triage to refine it.
 */
const DEMO_POLICY = {
  stepTimeoutSeconds: 30,
  analysisReminderSeconds: 300,
  decisionReminderSeconds: 300,
  assignmentRecheckSeconds: 5,
  assignmentEscalateAfterSeconds: 300,
  resolutionWaitSeconds: 300,
  triageSeconds: 3,
  monitoringSeconds: 15,
  feedbackValidSeconds: 600,
};

const write = (line = '') => process.stdout.write(`${line}\n`);
const progress = new Progress(write);

const watchdog = setTimeout(() => {
  process.stderr.write(`\nDemo stuck after ${WATCHDOG_MS / 1000} s, while: ${progress.current}\n`);
  process.exit(1);
}, WATCHDOG_MS);
watchdog.unref();

let twin: Twin | undefined;
let exitCode = 0;
try {
  write('Break & Fix onboarding demo: a fresh local twin, every person played through the public API');
  twin = await startTwin({
    ports: { api: 0, stepFunctions: 0, dynamodb: 0, ses: 0, secretsManager: 0 },
    policy: DEMO_POLICY,
    logLevel: 'ERROR',
    apiLog: () => undefined,
    schedules: 'off',
  });
  write(`Twin up in ${progress.elapsed().trim()}: API ${twin.urls.api}, SES ${twin.urls.ses}`);
  write(`Policy: triage ${DEMO_POLICY.triageSeconds} s, monitoring ${DEMO_POLICY.monitoringSeconds} s, reminders after ${DEMO_POLICY.analysisReminderSeconds} s`);
  write();
  write('Walkthrough (seconds since start, who, what)');
  const monitoringMs = DEMO_POLICY.monitoringSeconds * 1000;
  const detail = await playOnboarding({ api: twin.urls.api, ses: twin.urls.ses }, progress, { workflowMs: 20_000, monitoringMs: 2 * monitoringMs + 20_000 });

  write();
  write(`Timeline of ${detail.onboardingId} (local time, who, what)`);
  for (const line of timelineLines(detail)) write(line);
  write();
  const emails = await inbox(twin.urls.ses);
  write(`E-mails sent (${emails.length}: local time, recipient, subject)`);
  for (const line of emailLines(emails)) write(line);
  write();
  write('Outcome');
  for (const line of summaryLines(detail)) write(line);
  write();
  write(`Done in ${progress.elapsed().trim()}.`);
} catch (error) {
  exitCode = 1;
  process.stderr.write(`\nDemo failed while: ${progress.current}\n  ${error instanceof Error ? error.message : String(error)}\n`);
} finally {
  progress.step('closing the twin');
  await twin?.close();
}
process.exit(exitCode);
