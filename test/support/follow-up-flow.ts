import { expect } from 'vitest';
import { statesEntered, historyWhen, waitingIn } from './history';
import { addTechnician, approvedOnboarding, ticketAction, ticketsOf } from './ticket-flow';
import type { TestTwin } from './twin';
import { eventually } from './twin';

/**
 * Helpers that walk an onboarding through the real workflow into monitoring and to COMPLETED, as
 * its people would: approval through the e-mailed link, the technician resolving every ticket
 * through the API, and the links read from the client's e-mails in the SES store.
 */
export const PRIMARY = 'sanne@korenschoof.example';

/** A twin policy with every wait far off except the follow-up ones the caller sets. */
export const FOLLOW_UP_POLICY = {
  analysisReminderSeconds: 300,
  decisionReminderSeconds: 300,
  assignmentRecheckSeconds: 300,
  assignmentEscalateAfterSeconds: 300,
  resolutionWaitSeconds: 300,
  triageSeconds: 1,
} as const;

export interface FollowUpPeople {
  accountManager: string;
  analyst: string;
  /** The technician's token; `technicianEmail` is who it belongs to. */
  technician: string;
}

/** An admin adds one technician who takes every ticket these helpers create; returns the people's tokens. */
export async function followUpPeople(twin: TestTwin, technicianEmail = 'mo@breakfix.example'): Promise<FollowUpPeople> {
  const admin = await twin.token('admin', 'admin@breakfix.example');
  await addTechnician(twin, admin, { name: 'Mo Monitor', email: technicianEmail, skills: ['printers', 'netwerk'], capacity: 20 });
  return {
    accountManager: await twin.token('account-manager', 'am@breakfix.example'),
    analyst: await twin.token('analyst'),
    technician: await twin.token('technician', technicianEmail),
  };
}

/** The newest link of `kind` in an e-mail to the primary contact about `companyName`. */
export function linkFromInbox(twin: TestTwin, companyName: string, kind: 'problems' | 'feedback', timeoutMs = 20_000): Promise<string> {
  const pattern = new RegExp(`https?://\\S+/${kind}/[A-Za-z0-9_-]{43}`);
  return eventually(async () => {
    const mails = (await twin.inbox()).filter((m) => m.destination.to.includes(PRIMARY) && m.subject.includes(companyName));
    return mails.map((m) => m.body.text?.match(pattern)?.[0]).filter(Boolean).at(-1);
  }, timeoutMs);
}

/** Approved, its one ticket acknowledged and resolved: the onboarding enters MONITORING and the client gets the problem link. */
export async function monitoredOnboarding(twin: TestTwin, people: FollowUpPeople, companyName: string) {
  const { onboardingId, executionArn } = await approvedOnboarding(twin, people, companyName, [{ title: 'Printer hapert', skills: ['printers'] }]);
  const [ticket] = await eventually(async () => {
    const tickets = await ticketsOf(twin, people.accountManager, onboardingId);
    return tickets.length === 1 && tickets[0]!.status === 'ASSIGNED' ? tickets : undefined;
  }, 20_000);
  expect((await ticketAction(twin, people.technician, ticket!.ticketId, 'acknowledge')).status).toBe(200);
  expect((await ticketAction(twin, people.technician, ticket!.ticketId, 'work-log', { minutes: 40, note: 'Printer schoongemaakt' })).status).toBe(200);
  expect((await ticketAction(twin, people.technician, ticket!.ticketId, 'resolve', { summary: 'Opgelost' })).status).toBe(200);
  const problemUrl = await linkFromInbox(twin, companyName, 'problems');
  return { onboardingId, executionArn, problemUrl };
}

/** Waits until the execution rests in the monitoring wait: its token handed out, nothing more being written. */
export function untilMonitoringWaits(twin: TestTwin, executionArn: string) {
  return historyWhen(twin, executionArn, (events) => statesEntered(events).includes('AwaitMonitoring') && waitingIn('AwaitMonitoring')(events));
}

/** Monitored, then the period runs out with no new problem: COMPLETED, the report e-mailed with the feedback link. */
export async function completedOnboarding(twin: TestTwin, people: FollowUpPeople, companyName: string, monitoringMs: number) {
  const monitored = await monitoredOnboarding(twin, people, companyName);
  const feedbackUrl = await linkFromInbox(twin, companyName, 'feedback', monitoringMs + 20_000);
  // The execution has ended once the report went out (its e-mail mark is the last write).
  await historyWhen(twin, monitored.executionArn, (events) => events.some((e) => e.type === 'ExecutionSucceeded'), 20_000);
  return { ...monitored, feedbackUrl };
}
