import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { DynamoDBDocumentClient, TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import type { HistoryEvent } from '@aws-sdk/client-sfn';
import { eventually, startTestTwin, type TestTwin } from '../support/twin';
import { detailOf } from '../support/agreement-flow';
import { ended, historyOf, historyWhen, statesEntered } from '../support/history';
import { addTechnician, approvedOnboarding, signInStaff, TICKET_ROUND_POLICY, ticketAction, ticketsOf, untilTickets } from '../support/ticket-flow';

/**
 * Seed step 4 on statemachines/onboarding.asl.json with the real handlers: an approved agreement
 * becomes tickets, a Map assigns and waits on each at once, technicians resolve them through the
 * API. Re-checks are set far off, so only wake-ups (and the short escalation) move a waiting ticket.
 */
let twin: TestTwin;
let accountManager: string;
let analyst: string;
let admin: string;
beforeAll(async () => {
  twin = await startTestTwin({ policy: TICKET_ROUND_POLICY });
  ({ accountManager, analyst, admin } = await signInStaff(twin));
});
afterEach(() => {
  vi.restoreAllMocks();
});
afterAll(async () => {
  await twin?.close();
});

const tokens = () => ({ accountManager, analyst });
const count = (events: HistoryEvent[], type: string) => events.filter((e) => e.type === type).length;

describe('tickets, technicians and resolution', () => {
  it('three tickets, each assigned by skill, resolved in any order: the round ends in TicketsResolved', async () => {
    const netwerk = await addTechnician(twin, admin, { name: 'Noor Netwerk', email: 'noor@breakfix.example', skills: ['Netwerk'], capacity: 2 });
    const hardware = await addTechnician(twin, admin, { name: 'Henk Hardware', email: 'henk@breakfix.example', skills: ['hardware', 'kassa'], capacity: 2 });
    const { onboardingId, executionArn } = await approvedOnboarding(twin, tokens(), 'Drie Tickets B.V.', [
      { title: 'Kassa valt uit', skills: ['Kassa', 'hardware'], priority: 'high' },
      { title: 'Wifi traag', skills: ['netwerk '], priority: 'normal' },
      { title: 'Switch kapot', skills: ['NETWERK'], priority: 'critical' },
    ]);

    const tickets = await untilTickets(twin, accountManager, onboardingId, 3, (t) => t.status === 'ASSIGNED');
    const byTitle = Object.fromEntries(tickets.map((t) => [t.title, t]));
    expect(byTitle['Kassa valt uit']!.assignee?.technicianId).toBe(hardware);
    expect(byTitle['Wifi traag']!.assignee?.technicianId).toBe(netwerk);
    expect(byTitle['Switch kapot']!.assignee?.technicianId).toBe(netwerk);
    for (const ticket of tickets) {
      expect(Date.parse(ticket.responseDueAt)).toBeGreaterThan(Date.parse(ticket.createdAt));
      expect(Date.parse(ticket.resolveDueAt)).toBeGreaterThan(Date.parse(ticket.responseDueAt));
    }
    // Each technician got one e-mail per ticket of theirs (sent right after each assignment is stored).
    const mails = await eventually(async () => {
      const inbox = await twin.inbox();
      return inbox.filter((m) => m.subject.includes('Drie Tickets B.V.') && (m.destination.to.includes('noor@breakfix.example') || m.destination.to.includes('henk@breakfix.example'))).length >= 3 ? inbox : undefined;
    });
    expect(mails.filter((m) => m.destination.to.includes('noor@breakfix.example') && m.subject.includes('Drie Tickets B.V.'))).toHaveLength(2);
    expect(mails.filter((m) => m.destination.to.includes('henk@breakfix.example') && m.subject.includes('Drie Tickets B.V.'))).toHaveLength(1);

    const noor = await twin.token('technician', 'noor@breakfix.example');
    const henk = await twin.token('technician', 'henk@breakfix.example');
    const order: Array<[string, string]> = [
      [henk, byTitle['Kassa valt uit']!.ticketId],
      [noor, byTitle['Switch kapot']!.ticketId],
      [noor, byTitle['Wifi traag']!.ticketId],
    ];
    for (const [token, ticketId] of order) {
      // Until the last ticket is resolved the round goes on: no monitoring yet.
      expect((await ticketAction(twin, token, ticketId, 'acknowledge')).status).toBe(200);
      expect((await ticketAction(twin, token, ticketId, 'work-log', { minutes: 45, note: 'Onderzocht en opgelost' })).status).toBe(200);
      expect((await ticketAction(twin, token, ticketId, 'resolve', { summary: 'Opgelost' })).status).toBe(200);
      const history = await historyOf(twin, executionArn);
      if (ticketId !== order.at(-1)![1]) expect(ended(history)).toBe(false);
    }

    const events = await historyWhen(twin, executionArn, ended);
    expect(events.at(-1)?.type).toBe('ExecutionSucceeded');
    const entered = statesEntered(events);
    expect(entered.slice(entered.indexOf('ApplyClientDecision'))).toEqual(
      expect.arrayContaining(['RouteDecision', 'CreateTickets', 'WorkTickets', 'AssignTechnician', 'AwaitResolution', 'TicketDone', 'StartMonitoring', 'SendFollowUpReport', 'OnboardingCompleted']),
    );
    expect(entered.filter((s) => s === 'AssignTechnician')).toHaveLength(3);
    const detail = await detailOf(twin, accountManager, onboardingId);
    expect(detail.status).toBe('COMPLETED');
    const done = await ticketsOf(twin, accountManager, onboardingId);
    expect(done.every((t) => t.status === 'RESOLVED' && t.minutesLogged === 45 && t.acknowledgedAt !== null)).toBe(true);
    expect(detail.timeline.filter((e) => e.type === 'TICKET_RESOLVED')).toHaveLength(3);
    const technicians = await twin.request<{ items: Array<{ technicianId: string; load: number }> }>('GET', '/technicians', { token: admin });
    expect(technicians.body.items.filter((t) => [netwerk, hardware].includes(t.technicianId)).map((t) => t.load)).toEqual([0, 0]);
  });

  it('nobody fits: the ticket waits; the account manager is told once; a new technician wakes it without a re-check', async () => {
    const { onboardingId, executionArn } = await approvedOnboarding(twin, tokens(), 'Niemand Vrij B.V.', [{ title: 'Oude printer', skills: ['printers-xyz'] }]);
    // Escalation after 2 s, then a quiet wait of 300 s: only a wake-up can move it now.
    const escalation = await eventually(
      async () => (await twin.inbox()).find((m) => m.destination.to.includes('am@breakfix.example') && m.subject.includes('Geen technicus beschikbaar')),
      20_000,
    );
    expect(escalation.subject).toContain('Oude printer');
    await historyWhen(twin, executionArn, (events) => count(events, 'TaskSubmitted') > 0 && statesEntered(events).filter((s) => s === 'PlanTechnicianWait').length >= 2 && events.at(-1)?.type === 'TaskSubmitted');

    const before = Date.now();
    const technicianId = await addTechnician(twin, admin, { name: 'Paula Printer', email: 'paula@breakfix.example', skills: ['Printers-XYZ'], capacity: 1 });
    const [ticket] = await untilTickets(twin, accountManager, onboardingId, 1, (t) => t.status === 'ASSIGNED', 10_000);
    expect(ticket!.assignee?.technicianId).toBe(technicianId);
    expect(Date.now() - before).toBeLessThan(10_000); // far below the 300 s re-check

    const events = await historyOf(twin, executionArn);
    // The technician wait ended by its token (a wake-up), not by a timeout after the escalation.
    const waits = events.filter((e) => e.type === 'TaskStateEntered' && e.stateEnteredEventDetails?.name === 'AwaitTechnician');
    expect(waits.length).toBeGreaterThanOrEqual(2);
    const escalations = (await twin.inbox()).filter((m) => m.destination.to.includes('am@breakfix.example') && m.subject.includes('Geen technicus beschikbaar') && m.subject.includes('Oude printer'));
    expect(escalations).toHaveLength(1);
    const detail = await detailOf(twin, accountManager, onboardingId);
    expect(detail.timeline.filter((e) => e.type === 'TICKET_WAITING_FOR_TECHNICIAN')).toHaveLength(1);
    expect(detail.timeline.filter((e) => e.type.startsWith('ASSIGNMENT_ESCALATED'))).toHaveLength(1);
  });

  it('a step that crashes inside the Map after its transaction is retried: no second assignment or e-mail', async () => {
    await addTechnician(twin, admin, { name: 'Rik Retry', email: 'rik@breakfix.example', skills: ['retry-skill'], capacity: 5 });
    // eslint-disable-next-line @typescript-eslint/unbound-method -- kept to be called with .call(this, …) from the spy, which replaces it on the prototype
    const original = DynamoDBDocumentClient.prototype.send;
    let crashed = 0;
    vi.spyOn(DynamoDBDocumentClient.prototype, 'send').mockImplementation(async function (this: DynamoDBDocumentClient, command: never) {
      const result = await (original as (command: never) => Promise<unknown>).call(this, command);
      const assigns =
        (command as object) instanceof TransactWriteCommand &&
        ((command as TransactWriteCommand).input.TransactItems ?? []).some(
          // A ticket change is an UpdateItem that sets its status (ticket-repository.ts).
          (item) => String(item.Update?.Key?.sk ?? '').startsWith('TICKET#') && Object.values(item.Update?.ExpressionAttributeValues ?? {}).includes('ASSIGNED'),
        );
      if (assigns && crashed === 0) {
        crashed += 1;
        throw Object.assign(new Error('socket hang up after the request was sent'), { name: 'TimeoutError' });
      }
      return result;
    } as never);
    const { onboardingId, executionArn } = await approvedOnboarding(twin, tokens(), 'Herhaling B.V.', [{ title: 'Server piept', skills: ['retry-skill'] }]);
    const [ticket] = await untilTickets(twin, accountManager, onboardingId, 1, (t) => t.status === 'ASSIGNED');
    await historyWhen(twin, executionArn, (events) => statesEntered(events).includes('AwaitResolution'));
    expect(crashed).toBe(1);
    const events = await historyOf(twin, executionArn);
    expect(events.filter((e) => e.type === 'TaskFailed').map((e) => e.taskFailedEventDetails?.error)).toEqual(['TransientDependencyError']);

    const detail = await detailOf(twin, accountManager, onboardingId);
    expect(detail.timeline.filter((e) => e.type === 'TICKET_ASSIGNED')).toHaveLength(1);
    const mails = (await twin.inbox()).filter((m) => m.destination.to.includes('rik@breakfix.example') && m.subject.includes('Herhaling B.V.'));
    expect(mails).toHaveLength(1);
    const technicians = await twin.request<{ items: Array<{ email: string; load: number }> }>('GET', '/technicians', { token: admin });
    expect(technicians.body.items.find((t) => t.email === 'rik@breakfix.example')?.load).toBe(1);
    expect(ticket!.assignee?.name).toBe('Rik Retry');
  });

  it('a round of 25 tickets waits on all of them at once, and its history stays far from 25,000 events', async () => {
    await addTechnician(twin, admin, { name: 'Veel Werk', email: 'veel@breakfix.example', skills: ['bulk'], capacity: 25 });
    const work = Array.from({ length: 25 }, (_, i) => ({ title: `Werkplek ${i + 1}`, skills: ['bulk'] }));
    const { onboardingId, executionArn } = await approvedOnboarding(twin, tokens(), 'Vijfentwintig B.V.', work);
    const tickets = await untilTickets(twin, accountManager, onboardingId, 25, (t) => t.status === 'ASSIGNED', 60_000);
    // Every branch waits in AwaitResolution at the same time.
    await historyWhen(twin, executionArn, (events) => statesEntered(events).filter((s) => s === 'AwaitResolution').length === 25, 60_000);
    const veel = await twin.token('technician', 'veel@breakfix.example');
    await Promise.all(
      tickets.map(async (t) => {
        expect((await ticketAction(twin, veel, t.ticketId, 'acknowledge')).status).toBe(200);
        expect((await ticketAction(twin, veel, t.ticketId, 'resolve', { summary: 'Klaar' })).status).toBe(200);
      }),
    );
    const events = await historyWhen(twin, executionArn, ended, 60_000);
    expect(events.at(-1)?.type).toBe('ExecutionSucceeded');
    expect(events.length).toBeLessThan(1_500);
  }, 120_000);
});
