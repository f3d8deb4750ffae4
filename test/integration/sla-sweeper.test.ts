import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { scheduledFunctions } from '../../functions/catalog';
import { businessCalendar } from '../../functions/domain/business-hours';
import { newOnboardingId } from '../../functions/domain/ids';
import { intakeSchema } from '../../functions/domain/intake';
import { newOnboarding, type Onboarding, type TimelineEvent } from '../../functions/domain/onboarding';
import { newTicket, nextSlaCheck, type Ticket } from '../../functions/domain/ticket';
import { createLambdaContext } from '../../infra/local/lambda-context';
import { LOCAL_ACCOUNT_ID } from '../../infra/local/local-aws';
import { scheduledEvent, startSchedules } from '../../infra/local/schedules';
import { DeleteItemCommand } from '@aws-sdk/client-dynamodb';
import type { StoredEmail } from '../support/emulators';
import { staff, validIntake } from '../support/fixtures';
import { startTestTwin, type TestTwin } from '../support/twin';

type OnboardingRepository = typeof import('../../functions/adapters/dynamodb/onboarding-repository');
type TicketRepository = typeof import('../../functions/adapters/dynamodb/ticket-repository');
type SweepHandler = (event: unknown, context: ReturnType<typeof createLambdaContext>) => Promise<unknown>;
interface Summary {
  checked: number;
  warned: number;
  breached: number;
  failed: number;
  deferred: number;
}

const AM = staff.accountManager.email;
const TECHNICIAN = { technicianId: 'tech-01JDW3Y8Q7ZK4M2N6P8R0T2V4Y', name: 'Jan Jansen', email: 'jan@breakfix.example' };
const SYSTEM = { kind: 'system', step: 'Test' } as const;
const SWEEPER = { kind: 'system', step: 'SweepSla' };
const SLA_TERMS = {
  critical: { responseHours: 4, resolutionHours: 8 },
  high: { responseHours: 8, resolutionHours: 16 },
  normal: { responseHours: 16, resolutionHours: 40 },
  low: { responseHours: 40, resolutionHours: 80 },
};
const SLA_EVENTS = ['TICKET_RESPONSE_WARNING', 'TICKET_RESPONSE_BREACHED', 'TICKET_RESOLVE_WARNING', 'TICKET_RESOLVE_BREACHED'];

let twin: TestTwin;
let onboardings: OnboardingRepository;
let tickets: TicketRepository;
let sweepHandler: SweepHandler;

beforeAll(async () => {
  twin = await startTestTwin();
  // The adapters read TABLE_NAME when they load, as a Lambda container does: load them once the twin set it.
  onboardings = await import('../../functions/adapters/dynamodb/onboarding-repository');
  tickets = await import('../../functions/adapters/dynamodb/ticket-repository');
  sweepHandler = (await import('../../functions/sweep-sla/handler')).handler as unknown as SweepHandler;
});
afterAll(async () => {
  await twin?.close();
});

/** One sweep as EventBridge would start it at `time` (to the second, as AWS sends it). */
function sweep(time: string): Promise<Summary> {
  const event = scheduledEvent({ at: new Date(time), region: twin.twin.region, ruleName: 'SweepSla-schedule' });
  const context = createLambdaContext({ functionName: 'SweepSla', timeoutSeconds: 10, memoryMb: 512, region: twin.twin.region, accountId: LOCAL_ACCOUNT_ID });
  return sweepHandler(event, context) as Promise<Summary>;
}

/** An onboarding in the table, walked through the lifecycle to `status` one transaction at a time. */
async function storedOnboarding(createdAt: string, status: 'IMPLEMENTING' | 'FAILED'): Promise<Onboarding> {
  const at = new Date(createdAt);
  let onboarding = newOnboarding(newOnboardingId(at.getTime()), intakeSchema.parse(validIntake()), { sub: staff.accountManager.sub, email: AM }, at);
  await onboardings.insertOnboarding(onboarding, { kind: 'staff', sub: staff.accountManager.sub, email: AM });
  const step = async (transition: Parameters<OnboardingRepository['transitionOnboarding']>[1], agreementVersion?: number) => {
    onboarding = await onboardings.transitionOnboarding(onboarding, transition, { at: createdAt, actor: SYSTEM, ...(agreementVersion ? { agreementVersion } : {}) });
  };
  if (status === 'FAILED') {
    await step('failed');
    return onboarding;
  }
  await step('registered');
  await step('analysisAwaited');
  await step('agreementSent', 1);
  await step('agreementApproved');
  expect(onboarding.status).toBe('IMPLEMENTING');
  return onboarding;
}

/** A priority-high ticket (response 8, resolution 16 business hours) of `incidentId`, changed by `shape`, then stored as CreateTickets would. */
async function storedTicket(onboarding: Onboarding, incidentId: 'inc-01' | 'inc-02', createdAt: string, shape: (ticket: Ticket) => Ticket = (ticket) => ticket): Promise<Ticket> {
  const created = newTicket(
    {
      onboardingId: onboarding.id,
      incidentId,
      onboardingVersion: onboarding.version,
      round: 1,
      title: incidentId === 'inc-01' ? 'Kassasysteem valt uit' : 'Wifi traag in het kantoor',
      priority: 'high',
      requiredSkills: ['hardware'],
      estimatedHours: 2.5,
      createdAt,
      slaTerms: SLA_TERMS,
    },
    businessCalendar(),
  );
  const ticket = shape(created);
  const event: TimelineEvent = {
    onboardingId: onboarding.id,
    version: onboarding.version,
    at: createdAt,
    type: 'TICKET_CREATED',
    actor: SYSTEM,
    ticketId: ticket.ticketId,
    ticketStatus: ticket.status,
  };
  expect(await tickets.insertTickets([ticket], [event])).toBe(true);
  return ticket;
}

const assigned = (ticket: Ticket): Ticket => ({ ...ticket, status: 'ASSIGNED', assignee: TECHNICIAN, assignedAt: ticket.createdAt });

async function stored(ticketId: string): Promise<Ticket> {
  const ticket = await tickets.findTicket(ticketId);
  if (!ticket) throw new Error(`no ticket ${ticketId}`);
  return ticket;
}

/** This ticket's SLA e-mails in the twin's SES store (other tests' tickets are swept too). */
async function mailsOf(ticket: Ticket): Promise<StoredEmail[]> {
  return (await twin.inbox()).filter((mail) => mail.subject.includes(`(${ticket.ticketId})`));
}
const summaryOf = (mails: StoredEmail[]) => mails.map((mail) => [mail.subject.split(':')[0], [...mail.destination.to].sort()]);

/** This ticket's SLA events on the onboarding's timeline, and the notices marked for it. */
async function slaRecordOf(ticket: Ticket) {
  const record = await onboardings.findOnboardingWithTimeline(ticket.onboardingId);
  const events = (record?.timeline ?? []).filter((event) => event.ticketId === ticket.ticketId && SLA_EVENTS.includes(event.type));
  const scope = `_T${Number(ticket.incidentId.slice(-2))}`;
  const notices = Object.entries(record?.notificationsSent ?? {}).filter(([name]) => name.endsWith(scope) && /WARNING|BREACH/.test(name));
  return { events, notices: Object.fromEntries(notices) };
}

describe('the SLA sweeper (SweepSla) on the twin, at chosen instants', () => {
  it('warns the assignee once at 80 %, then marks and escalates the breach once, across many sweeps', async () => {
    // Tuesday 1 December 2026, 10:00 in Amsterdam: response due Wednesday 09:00 (8 business hours),
    // its warning at 80 % (6 h 24 min) on Tuesday 16:24; resolution due Wednesday 17:00, warning 13:48.
    const onboarding = await storedOnboarding('2026-12-01T08:55:00.000Z', 'IMPLEMENTING');
    const ticket = await storedTicket(onboarding, 'inc-01', '2026-12-01T09:00:00.000Z', assigned);
    expect(ticket).toMatchObject({
      responseWarnAt: '2026-12-01T15:24:00.000Z',
      responseDueAt: '2026-12-02T08:00:00.000Z',
      resolveWarnAt: '2026-12-02T12:48:00.000Z',
      resolveDueAt: '2026-12-02T16:00:00.000Z',
      nextSlaCheckAt: '2026-12-01T15:24:00.000Z',
    });

    // Before the warning: nothing is due, nothing is read beyond the index.
    expect(await sweep('2026-12-01T15:20:00Z')).toMatchObject({ checked: 0, warned: 0, breached: 0 });
    expect(await mailsOf(ticket)).toEqual([]);
    expect(await stored(ticket.ticketId)).toEqual(ticket);

    // After it: one warning, to the technician only, marked with the sweep's time.
    expect(await sweep('2026-12-01T15:25:00Z')).toMatchObject({ warned: 1, breached: 0, failed: 0 });
    expect(summaryOf(await mailsOf(ticket))).toEqual([['Reactietermijn bijna verstreken', [TECHNICIAN.email]]]);
    const warned = await stored(ticket.ticketId);
    expect(warned).toMatchObject({ responseWarnedAt: '2026-12-01T15:25:00.000Z', nextSlaCheckAt: ticket.responseDueAt, ticketVersion: ticket.ticketVersion + 1 });
    expect(warned.responseBreachedAt).toBeUndefined();

    // Again, and again with the very same event (a retried invocation): nothing new.
    expect(await sweep('2026-12-01T15:30:00Z')).toMatchObject({ warned: 0, breached: 0 });
    expect(await sweep('2026-12-01T15:25:00Z')).toMatchObject({ warned: 0, breached: 0 });
    expect(await mailsOf(ticket)).toHaveLength(1);
    expect(await stored(ticket.ticketId)).toEqual(warned);

    // At the due time: the breach, marked once and escalated once to the account manager and the technician.
    expect(await sweep('2026-12-02T08:00:00Z')).toMatchObject({ warned: 0, breached: 1, failed: 0 });
    const breached = await stored(ticket.ticketId);
    expect(breached).toMatchObject({ responseWarnedAt: '2026-12-01T15:25:00.000Z', responseBreachedAt: '2026-12-02T08:00:00.000Z', nextSlaCheckAt: ticket.resolveWarnAt });

    // Several sweeps after that: still exactly one of each e-mail, event and mark.
    for (const time of ['2026-12-02T08:05:00Z', '2026-12-02T08:10:00Z', '2026-12-02T08:00:00Z', '2026-12-02T12:45:00Z']) {
      expect(await sweep(time)).toMatchObject({ warned: 0, breached: 0, failed: 0 });
    }
    expect(summaryOf(await mailsOf(ticket))).toEqual([
      ['Reactietermijn bijna verstreken', [TECHNICIAN.email]],
      ['Reactietermijn overschreden', [AM, TECHNICIAN.email].sort()],
    ]);
    expect(await stored(ticket.ticketId)).toEqual(breached);
    const record = await slaRecordOf(ticket);
    expect(record.events.map((event) => [event.type, event.at, event.actor, event.ticketStatus])).toEqual([
      ['TICKET_RESPONSE_WARNING', '2026-12-01T15:25:00.000Z', SWEEPER, 'ASSIGNED'],
      ['TICKET_RESPONSE_BREACHED', '2026-12-02T08:00:00.000Z', SWEEPER, 'ASSIGNED'],
    ]);
    expect(record.notices).toEqual({ RESPONSE_WARNING_EMAILED_T1: '2026-12-01T15:25:00.000Z', RESPONSE_BREACH_ESCALATED_T1: '2026-12-02T08:00:00.000Z' });

    // What staff read: GET /onboardings/{id} shows the breach with its stored time.
    const read = await twin.request<{ tickets: { ticketId: string; breaches: unknown }[]; timeline: { type: string }[] }>('GET', `/onboardings/${onboarding.id}`, {
      token: await twin.token('account-manager', AM),
    });
    expect(read.status).toBe(200);
    expect(read.body.tickets.find((view) => view.ticketId === ticket.ticketId)?.breaches).toEqual({ response: '2026-12-02T08:00:00.000Z', resolve: null });
    expect(read.body.timeline.filter((event) => event.type === 'TICKET_RESPONSE_BREACHED')).toHaveLength(1);

    // The resolution time next: warned at 80 %, then breached; then the ticket leaves the index.
    expect(await sweep('2026-12-02T12:50:00Z')).toMatchObject({ warned: 1, breached: 0 });
    expect(await sweep('2026-12-02T16:00:00Z')).toMatchObject({ warned: 0, breached: 1 });
    expect(await sweep('2026-12-02T16:05:00Z')).toMatchObject({ warned: 0, breached: 0 });
    expect(summaryOf(await mailsOf(ticket))).toEqual([
      ['Reactietermijn bijna verstreken', [TECHNICIAN.email]],
      ['Reactietermijn overschreden', [AM, TECHNICIAN.email].sort()],
      ['Oplostermijn bijna verstreken', [TECHNICIAN.email]],
      ['Oplostermijn overschreden', [AM, TECHNICIAN.email].sort()],
    ]);
    const done = await stored(ticket.ticketId);
    expect(done).toMatchObject({ resolveWarnedAt: '2026-12-02T12:50:00.000Z', resolveBreachedAt: '2026-12-02T16:00:00.000Z' });
    expect(done.nextSlaCheckAt).toBeUndefined();
    expect((await tickets.ticketsDueForSlaCheck('2099-01-01T00:00:00.000Z')).map((due) => due.ticketId)).not.toContain(ticket.ticketId);
    expect((await slaRecordOf(ticket)).events.map((event) => event.type)).toEqual(SLA_EVENTS);
  });

  it('an acknowledged ticket gets no response warning or breach, only its resolution ones', async () => {
    // Monday 7 December 2026, 10:00: response due Tuesday 09:00, resolution due Tuesday 17:00.
    const onboarding = await storedOnboarding('2026-12-07T08:55:00.000Z', 'IMPLEMENTING');
    const ticket = await storedTicket(onboarding, 'inc-01', '2026-12-07T09:00:00.000Z', (created) => {
      const acknowledged: Ticket = { ...assigned(created), status: 'ACKNOWLEDGED', acknowledgedAt: '2026-12-07T10:00:00.000Z', responseMet: true };
      return { ...acknowledged, nextSlaCheckAt: nextSlaCheck(acknowledged)! };
    });
    expect(ticket.nextSlaCheckAt).toBe(ticket.resolveWarnAt);

    // Past the response's warning and due time, before the resolution's warning.
    await sweep('2026-12-07T15:30:00Z');
    await sweep('2026-12-08T08:30:00Z');
    expect(await mailsOf(ticket)).toEqual([]);
    expect(await stored(ticket.ticketId)).toEqual(ticket);

    await sweep('2026-12-08T13:00:00Z');
    expect(summaryOf(await mailsOf(ticket))).toEqual([['Oplostermijn bijna verstreken', [TECHNICIAN.email]]]);
    const swept = await stored(ticket.ticketId);
    expect(swept).toMatchObject({ resolveWarnedAt: '2026-12-08T13:00:00.000Z' });
    expect(swept.responseWarnedAt).toBeUndefined();
    expect(swept.responseBreachedAt).toBeUndefined();
  });

  it('a ticket on hold is not swept, even when a stale index entry still names it', async () => {
    // Monday 14 December 2026.
    const onboarding = await storedOnboarding('2026-12-14T08:55:00.000Z', 'IMPLEMENTING');
    const hold = (created: Ticket): Ticket => ({
      ...assigned(created),
      status: 'ON_HOLD',
      heldFrom: 'ASSIGNED',
      hold: { since: '2026-12-14T10:00:00.000Z', reason: 'Wacht op de klant' },
    });
    // As a hold writes it: no next SLA check, so out of the index.
    const held = await storedTicket(onboarding, 'inc-01', '2026-12-14T09:00:00.000Z', (created) => {
      const { nextSlaCheckAt: _none, ...rest } = hold(created);
      return rest;
    });
    // As if the index still had it from before the hold.
    const stale = await storedTicket(onboarding, 'inc-02', '2026-12-14T09:00:00.000Z', hold);
    expect(held.nextSlaCheckAt).toBeUndefined();
    expect(stale.nextSlaCheckAt).toBe(stale.responseWarnAt);

    // Long after every due time of both.
    const summary = await sweep('2026-12-21T12:00:00Z');
    expect(summary.failed).toBe(0);
    expect(await mailsOf(held)).toEqual([]);
    expect(await mailsOf(stale)).toEqual([]);
    expect(await stored(held.ticketId)).toEqual(held);
    expect(await stored(stale.ticketId)).toEqual(stale);
    expect((await slaRecordOf(stale)).events).toEqual([]);
  });

  it('an unassigned ticket: warning and breach go to the account manager alone', async () => {
    // Monday 4 January 2027, 10:00: response warning 16:24, due Tuesday 09:00.
    const onboarding = await storedOnboarding('2027-01-04T08:55:00.000Z', 'IMPLEMENTING');
    const ticket = await storedTicket(onboarding, 'inc-01', '2027-01-04T09:00:00.000Z');
    expect(ticket).toMatchObject({ status: 'OPEN', responseWarnAt: '2027-01-04T15:24:00.000Z', responseDueAt: '2027-01-05T08:00:00.000Z' });

    await sweep('2027-01-04T15:25:00Z');
    await sweep('2027-01-05T08:05:00Z');
    await sweep('2027-01-05T08:10:00Z');
    expect(summaryOf(await mailsOf(ticket))).toEqual([
      ['Reactietermijn bijna verstreken', [AM]],
      ['Reactietermijn overschreden', [AM]],
    ]);
    expect(await stored(ticket.ticketId)).toMatchObject({ responseWarnedAt: '2027-01-04T15:25:00.000Z', responseBreachedAt: '2027-01-05T08:05:00.000Z' });
  });

  it('first swept after its due time: the warning is marked but only the breach is e-mailed', async () => {
    // Monday 11 January 2027, 10:00: response due Tuesday 09:00; the first sweep comes at 09:30.
    const onboarding = await storedOnboarding('2027-01-11T08:55:00.000Z', 'IMPLEMENTING');
    const ticket = await storedTicket(onboarding, 'inc-01', '2027-01-11T09:00:00.000Z', assigned);
    expect(await sweep('2027-01-12T08:30:00Z')).toMatchObject({ failed: 0 });
    expect(summaryOf(await mailsOf(ticket))).toEqual([['Reactietermijn overschreden', [AM, TECHNICIAN.email].sort()]]);
    const swept = await stored(ticket.ticketId);
    expect(swept).toMatchObject({ responseWarnedAt: '2027-01-12T08:30:00.000Z', responseBreachedAt: '2027-01-12T08:30:00.000Z', nextSlaCheckAt: ticket.resolveWarnAt });
    const record = await slaRecordOf(ticket);
    // Same instant: the timeline orders them by type.
    expect(record.events.map((event) => event.type).sort()).toEqual(['TICKET_RESPONSE_BREACHED', 'TICKET_RESPONSE_WARNING']);
    expect(record.events.find((event) => event.type === 'TICKET_RESPONSE_WARNING')?.detail).toMatch(/not e-mailed/);
    expect(Object.keys(record.notices)).toEqual(['RESPONSE_BREACH_ESCALATED_T1']);
  });

  it('the tickets of a failed onboarding are not warned about, and leave the SLA index', async () => {
    const onboarding = await storedOnboarding('2027-01-18T08:55:00.000Z', 'FAILED');
    const ticket = await storedTicket(onboarding, 'inc-01', '2027-01-18T09:00:00.000Z', assigned);
    expect(await sweep('2027-01-25T12:00:00Z')).toMatchObject({ failed: 0 });
    expect(await mailsOf(ticket)).toEqual([]);
    const { nextSlaCheckAt: _gone, ...rest } = ticket;
    expect(await stored(ticket.ticketId)).toEqual({ ...rest, ticketVersion: ticket.ticketVersion + 1 });
    // Off the sparse index: a later sweep does not touch it again.
    await sweep('2027-01-26T12:00:00Z');
    expect((await stored(ticket.ticketId))?.ticketVersion).toBe(ticket.ticketVersion + 1);
  });

  it('two sweeps of the same instant at once mark a moment once', async () => {
    // Monday 1 February 2027, 10:00: response warning 16:24.
    const onboarding = await storedOnboarding('2027-02-01T08:55:00.000Z', 'IMPLEMENTING');
    const ticket = await storedTicket(onboarding, 'inc-01', '2027-02-01T09:00:00.000Z', assigned);
    const results = await Promise.all([sweep('2027-02-01T15:30:00Z'), sweep('2027-02-01T15:30:00Z')]);
    expect(results.every((result) => result.failed === 0)).toBe(true);
    expect(results.reduce((sum, result) => sum + result.warned, 0)).toBe(1);
    expect((await slaRecordOf(ticket)).events.map((event) => event.type)).toEqual(['TICKET_RESPONSE_WARNING']);
    expect(await stored(ticket.ticketId)).toMatchObject({ responseWarnedAt: '2027-02-01T15:30:00.000Z', ticketVersion: ticket.ticketVersion + 1 });
    // The e-mail is sent before it is marked (at least once): two sweeps racing may both send it.
    expect((await mailsOf(ticket)).length).toBeGreaterThanOrEqual(1);
  });

  it('takes its clock only from a valid scheduled event', async () => {
    const valid = scheduledEvent({ at: new Date('2027-03-01T10:00:00Z'), region: twin.twin.region, ruleName: 'SweepSla-schedule' });
    const context = createLambdaContext({ functionName: 'SweepSla', timeoutSeconds: 10, memoryMb: 512, region: twin.twin.region, accountId: LOCAL_ACCOUNT_ID });
    for (const event of [
      { ...valid, source: 'aws.ec2' },
      { ...valid, 'detail-type': 'Object Created' },
      { ...valid, time: '1 March 2027' },
      { ...valid, time: '2027-03-01T11:00:00+01:00' },
      (({ time: _time, ...rest }) => rest)(valid),
    ]) {
      await expect(sweepHandler(event, context)).rejects.toThrow();
    }
    // With milliseconds is fine too.
    await expect(sweepHandler({ ...valid, time: '2027-03-01T10:00:00.000Z' }, context)).resolves.toMatchObject({ failed: 0 });
  });

  it('a ticket that cannot be swept fails the run after every other ticket was swept', async () => {
    // A ticket whose onboarding is gone: sweeping it fails every time.
    const orphanOnboarding = { ...newOnboarding(newOnboardingId(Date.parse('2027-04-05T08:00:00Z')), intakeSchema.parse(validIntake()), { sub: staff.accountManager.sub, email: AM }, new Date('2027-04-05T08:00:00Z')), version: 5 };
    const orphan = await storedTicket(orphanOnboarding, 'inc-01', '2027-04-05T09:00:00.000Z', assigned);
    const onboarding = await storedOnboarding('2027-04-05T08:55:00.000Z', 'IMPLEMENTING');
    const ticket = await storedTicket(onboarding, 'inc-01', '2027-04-05T09:00:00.000Z', assigned);
    try {
      const failure = await sweep('2027-04-05T15:30:00Z').then(
        () => undefined,
        (error: unknown) => error as { name: string; summary: Summary },
      );
      expect(failure?.name).toBe('SlaSweepIncompleteError');
      expect(failure?.summary).toMatchObject({ failed: 1, warned: 1 });
      // The other ticket was swept all the same, and the failing one stays due for the next sweep.
      expect(await stored(ticket.ticketId)).toMatchObject({ responseWarnedAt: '2027-04-05T15:30:00.000Z' });
      expect(summaryOf(await mailsOf(ticket))).toEqual([['Reactietermijn bijna verstreken', [TECHNICIAN.email]]]);
      expect((await tickets.ticketsDueForSlaCheck('2027-04-05T15:30:00.000Z')).map((due) => due.ticketId)).toContain(orphan.ticketId);
    } finally {
      await twin.dynamodb.send(
        new DeleteItemCommand({ TableName: twin.twin.tableName, Key: { pk: { S: `ONBOARDING#${orphan.onboardingId}` }, sk: { S: `TICKET#${orphan.ticketId.slice(-2)}` } } }),
      );
    }
  });
});

describe("the twin's schedules", () => {
  it('invoke each scheduled function with a scheduled event at the wall clock, log failures and stop on close', async () => {
    const events: Record<string, unknown>[] = [];
    const failures: { function: string; errorType: string }[] = [];
    let calls = 0;
    const running = startSchedules({
      region: 'eu-west-1',
      everySeconds: 0.05,
      load: () =>
        Promise.resolve(async (event: unknown) => {
          calls++;
          events.push(event as Record<string, unknown>);
          if (calls === 2) throw Object.assign(new Error('boom'), { name: 'TransientDependencyError' });
          return Promise.resolve({ ok: true });
        }),
      logError: (entry) => failures.push(entry),
    });
    expect(running.schedules).toEqual(scheduledFunctions().map((spec) => ({ name: spec.name, everySeconds: 0.05, everyMinutesOnAws: spec.schedule!.everyMinutes })));
    expect(running.schedules.map((schedule) => schedule.name)).toContain('SweepSla');
    const before = Date.now();
    await new Promise((resolve) => setTimeout(resolve, 400));
    await running.close();
    const seen = calls;
    expect(seen).toBeGreaterThanOrEqual(3);
    // The second run (of whichever function) failed: logged once, and the schedules went on.
    expect(failures).toEqual([expect.objectContaining({ source: 'scheduler', errorType: 'TransientDependencyError' })]);
    for (const event of events) {
      expect(event).toMatchObject({ version: '0', 'detail-type': 'Scheduled Event', source: 'aws.events', account: LOCAL_ACCOUNT_ID, region: 'eu-west-1', detail: {} });
      expect(event.time).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/);
      expect(Date.parse(event.time as string)).toBeGreaterThanOrEqual(Math.floor(before / 1000) * 1000);
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(calls).toBe(seen);
  });

  it('are off in test twins unless a test asks for them', () => {
    expect(twin.twin.schedules).toEqual([]);
  });
});
