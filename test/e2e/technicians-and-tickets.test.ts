import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DynamoDBDocumentClient, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { LOCAL_STAGE } from '../../infra/stage-config';
import { businessCalendar } from '../../functions/domain/business-hours';
import { newOnboardingId } from '../../functions/domain/ids';
import { PRIORITIES, type Priority } from '../../functions/domain/rate-card';
import type { Technician } from '../../functions/domain/technician';
import { dueTimes, MAX_WORK_LOG_ENTRIES, newTicket, nextSlaCheck, type SlaTerms, type Ticket } from '../../functions/domain/ticket';
import type { TimelineEvent } from '../../functions/domain/onboarding';
import { ticketTransitionEvent } from '../../functions/application/ticket-events';
import { match } from '../support/matchers';
import { startTestTwin, eventually, type TestTwin } from '../support/twin';

type TicketRepository = typeof import('../../functions/adapters/dynamodb/ticket-repository');
type TechnicianRepository = typeof import('../../functions/adapters/dynamodb/technician-repository');

/** The twin's clock: Dutch public holidays plus the local stage's extra closed days, built here from the domain directly. */
const calendar = businessCalendar(LOCAL_STAGE.extraClosedDays);
const slaTerms = Object.fromEntries(
  PRIORITIES.map((priority) => {
    const terms = LOCAL_STAGE.defaultRateCard.priorities[priority];
    return [priority, { responseHours: terms.responseTimeBusinessHours, resolutionHours: terms.resolutionTimeBusinessHours }];
  }),
) as Record<Priority, SlaTerms>;
const DAY = 86_400_000;

let twin: TestTwin;
let documents: DynamoDBDocumentClient;
let admin: string;
let accountManager: string;
let analyst: string;
let insertTickets: TicketRepository['insertTickets'];
let saveTicketChange: TicketRepository['saveTicketChange'];
let findTicket: TicketRepository['findTicket'];
let findTechnician: TechnicianRepository['findTechnician'];

beforeAll(async () => {
  twin = await startTestTwin();
  documents = DynamoDBDocumentClient.from(twin.dynamodb);
  // The adapters read TABLE_NAME once, when they load: load them after the twin has set it.
  ({ insertTickets, saveTicketChange, findTicket } = await import('../../functions/adapters/dynamodb/ticket-repository'));
  ({ findTechnician } = await import('../../functions/adapters/dynamodb/technician-repository'));
  [admin, accountManager, analyst] = await Promise.all([twin.token('admin'), twin.token('account-manager'), twin.token('analyst')]);
});
afterAll(async () => {
  await twin?.close();
});

interface Problem {
  type: string;
  status: number;
  detail: string;
  errors?: Array<{ pointer?: string; parameter?: string; message: string }>;
  resolution?: unknown;
}
type TicketView = ReturnType<typeof import('../../functions/domain/ticket')['ticketView']>;

let emailCounter = 0;
const uniqueEmail = (name: string) => `${name}.${++emailCounter}.${Date.now()}@breakfix.example`;

async function addTechnician(fields: Partial<Omit<Technician, 'technicianId'>> = {}): Promise<Technician> {
  const response = await twin.request<Technician>('POST', '/technicians', {
    token: admin,
    json: { name: 'Tim Technicus', email: uniqueEmail('tim'), skills: ['netwerk', 'hardware'], capacity: 3, active: true, ...fields },
  });
  expect(response.status, response.text).toBe(201);
  return response.body;
}

/**
 * A ticket written straight into the table through the repository, as CreateTickets and
 * AssignTechnician write one (ticket and event in one transaction, the technician's load +1 with
 * the assignment), so these tests do not depend on the workflow's steps.
 */
async function createTicket(options: { assignee?: Technician; createdAt?: string; priority?: Priority; requiredSkills?: string[]; title?: string } = {}): Promise<Ticket> {
  const createdAt = options.createdAt ?? new Date(Date.now() - 60_000).toISOString();
  const onboardingId = newOnboardingId(Date.parse(createdAt));
  const open = newTicket(
    {
      onboardingId,
      incidentId: 'inc-01',
      onboardingVersion: 9,
      round: 1,
      title: options.title ?? 'Kassasysteem valt uit',
      priority: options.priority ?? 'normal',
      requiredSkills: options.requiredSkills ?? ['netwerk'],
      estimatedHours: 2.5,
      createdAt,
      slaTerms,
    },
    calendar,
  );
  const system = { kind: 'system', step: 'CreateTickets' } as const;
  expect(await insertTickets([open], [ticketTransitionEvent(open, 'ticketCreated', createdAt, system, 'Ticket created')])).toBe(true);
  if (!options.assignee) return open;
  const technician = options.assignee;
  const assignedAt = new Date(Date.parse(createdAt) + 1000).toISOString();
  const assigned: Ticket = {
    ...open,
    status: 'ASSIGNED',
    assignee: { technicianId: technician.technicianId, name: technician.name, email: technician.email },
    assignedAt,
    assignment: { rule: 'only-candidate', candidates: [], lostTie: [] },
  };
  const withCheck: Ticket = { ...assigned, nextSlaCheckAt: nextSlaCheck(assigned)! };
  return saveTicketChange(open, withCheck, {
    event: ticketTransitionEvent(withCheck, 'ticketAssigned', assignedAt, { kind: 'system', step: 'AssignTechnician' }, `Assigned to ${technician.name}`),
    load: { technicianId: technician.technicianId, delta: 1, at: assignedAt },
  });
}

async function stored(ticketId: string): Promise<Ticket> {
  const ticket = await findTicket(ticketId);
  if (!ticket) throw new Error(`ticket ${ticketId} is not stored`);
  return ticket;
}

async function timelineOf(ticket: Ticket): Promise<TimelineEvent[]> {
  const { Items } = await documents.send(
    new QueryCommand({
      TableName: twin.twin.tableName,
      KeyConditionExpression: 'pk = :pk AND begins_with(sk, :events)',
      ExpressionAttributeValues: { ':pk': `ONBOARDING#${ticket.onboardingId}`, ':events': 'EVENT#' },
      ConsistentRead: true,
    }),
  );
  return (Items ?? []).filter((item) => item.ticketId === ticket.ticketId) as TimelineEvent[];
}

const loadOf = async (technicianId: string) => (await findTechnician(technicianId))!.load;
/** A ticket view (200) or a problem (4xx): the fields of both, `status` being the ticket's or the HTTP one. */
type ActionAnswer = Omit<TicketView, 'status'> & Omit<Problem, 'status'> & { status: string | number };
const action = (token: string, ticketId: string, name: string, json?: unknown) =>
  twin.request<ActionAnswer>('POST', `/tickets/${ticketId}/${name}`, { token, ...(json === undefined ? {} : { json }) });

describe('technicians', () => {
  it('an admin adds one (load 0); the same e-mail in another case is 409; other roles may not add', async () => {
    const email = uniqueEmail('Sanne.Storing');
    const created = await twin.request<Technician>('POST', '/technicians', {
      token: admin,
      json: { name: 'Sanne Storing', email, skills: ['Netwerk'], capacity: 2, active: true },
    });
    expect(created.status).toBe(201);
    expect(created.body).toEqual({
      technicianId: match.stringMatching(/^tech-[0-9A-HJKMNP-TV-Z]{26}$/),
      name: 'Sanne Storing',
      email,
      skills: ['Netwerk'],
      capacity: 2,
      active: true,
      load: 0,
      createdAt: match.any(String),
      updatedAt: created.body.createdAt,
    });
    expect(await findTechnician(created.body.technicianId)).toEqual(created.body);

    const before = await twin.tableItemCount();
    const duplicate = await twin.request<Problem>('POST', '/technicians', {
      token: admin,
      json: { name: 'Sanne Tweede', email: `  ${email.toUpperCase()} `, skills: ['hardware'], capacity: 1, active: true },
    });
    expect(duplicate.status).toBe(409);
    expect(duplicate.body.detail).toMatch(/e-mail address already exists/);
    expect(await twin.tableItemCount()).toBe(before);

    for (const token of [accountManager, await twin.token('technician', uniqueEmail('x'))]) {
      expect((await twin.request('POST', '/technicians', { token, json: { name: 'X', email: uniqueEmail('x'), skills: ['a'], capacity: 1, active: true } })).status).toBe(403);
    }
    expect(await twin.tableItemCount()).toBe(before);
  });

  it('any staff role lists them page by page, in the order they were added', async () => {
    const added = [await addTechnician({ name: 'Lijst Een' }), await addTechnician({ name: 'Lijst Twee' }), await addTechnician({ name: 'Lijst Drie' })];
    const seen: Technician[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const query: string = `/technicians?limit=2${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`;
      const page = await twin.request<{ items: Technician[]; nextCursor: string | null }>('GET', query, { token: analyst });
      expect(page.status).toBe(200);
      expect(page.body.items.length).toBeLessThanOrEqual(2);
      seen.push(...page.body.items);
      cursor = page.body.nextCursor;
      pages += 1;
    } while (cursor && pages < 50);
    const ids = seen.map((t) => t.technicianId);
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids).toEqual([...ids].sort());
    expect(ids).toEqual(match.arrayContaining(added.map((t) => t.technicianId)));
    expect(pages).toBeGreaterThanOrEqual(2);

    const badLimit = await twin.request<Problem>('GET', '/technicians?limit=101', { token: analyst });
    expect(badLimit.status).toBe(400);
    expect(badLimit.body.errors).toEqual([{ parameter: 'limit', message: 'At most 100' }]);
    expect((await twin.request<Problem>('GET', '/technicians?cursor=bm9wZQ', { token: analyst })).body.errors).toEqual([
      { parameter: 'cursor', message: 'Not a cursor from this list' },
    ]);
  });

  it('PATCH changes any field; unknown ids are 404; a taken e-mail is 409', async () => {
    const tim = await addTechnician();
    const other = await addTechnician();
    const changed = await twin.request<Technician>('PATCH', `/technicians/${tim.technicianId}`, { token: admin, json: { capacity: 5, skills: ['Netwerk', 'Printers'] } });
    expect(changed.status).toBe(200);
    expect(changed.body).toMatchObject({ technicianId: tim.technicianId, capacity: 5, skills: ['Netwerk', 'Printers'], name: tim.name, email: tim.email, active: true });
    expect(changed.body).not.toHaveProperty('note');
    expect(Date.parse(changed.body.updatedAt)).toBeGreaterThan(Date.parse(tim.updatedAt));
    expect(await findTechnician(tim.technicianId)).toEqual(changed.body);

    const taken = await twin.request<Problem>('PATCH', `/technicians/${tim.technicianId}`, { token: admin, json: { email: other.email.toUpperCase() } });
    expect(taken.status).toBe(409);
    expect((await findTechnician(tim.technicianId))!.email).toBe(tim.email);

    expect((await twin.request('PATCH', '/technicians/tech-01JZZZZZZZZZZZZZZZZZZZZZZZ', { token: admin, json: { capacity: 2 } })).status).toBe(404);
    expect((await twin.request('PATCH', '/technicians/nobody', { token: admin, json: { capacity: 2 } })).status).toBe(404);
    expect((await twin.request('PATCH', `/technicians/${tim.technicianId}`, { token: accountManager, json: { capacity: 2 } })).status).toBe(403);
  });

  it('deactivating a technician with open tickets leaves the tickets with them, and says so', async () => {
    const tim = await addTechnician();
    const first = await createTicket({ assignee: tim });
    await createTicket({ assignee: tim });
    expect(await loadOf(tim.technicianId)).toBe(2);

    const off = await twin.request<Technician & { openTickets: number; note: string }>('PATCH', `/technicians/${tim.technicianId}`, { token: admin, json: { active: false } });
    expect(off.status).toBe(200);
    expect(off.body).toMatchObject({ active: false, load: 2, openTickets: 2, note: 'Deactivated: their 2 open ticket(s) stay with them; reassign by hand if needed' });
    expect((await stored(first.ticketId)).assignee?.technicianId).toBe(tim.technicianId);
    // The tickets stay theirs to work on.
    const timToken = await twin.token('technician', tim.email);
    expect((await action(timToken, first.ticketId, 'acknowledge')).status).toBe(200);

    // Without open tickets there is nothing to say.
    const idle = await addTechnician();
    const quiet = await twin.request<Technician>('PATCH', `/technicians/${idle.technicianId}`, { token: admin, json: { active: false } });
    expect(quiet.body).toMatchObject({ active: false, load: 0 });
    expect(quiet.body).not.toHaveProperty('note');
    expect(quiet.body).not.toHaveProperty('openTickets');
  });

  it('bad input is 400 naming the field, and writes nothing', async () => {
    const tim = await addTechnician();
    const before = await twin.tableItemCount();
    const bad = await twin.request<Problem>('POST', '/technicians', {
      token: admin,
      json: { name: '', email: 'not-an-address', skills: [], capacity: 0, active: 'yes', extra: 1 },
    });
    expect(bad.status).toBe(400);
    expect(bad.body.errors!.map((e) => e.pointer).sort()).toEqual(['/active', '/capacity', '/email', '/extra', '/name', '/skills'].sort());
    const empty = await twin.request<Problem>('PATCH', `/technicians/${tim.technicianId}`, { token: admin, json: {} });
    expect(empty.status).toBe(400);
    expect(empty.body.errors).toEqual([{ pointer: '/', message: 'Send at least one field' }]);
    const wrong = await twin.request<Problem>('PATCH', `/technicians/${tim.technicianId}`, { token: admin, json: { capacity: 1.5 } });
    expect(wrong.body.errors).toEqual([{ pointer: '/capacity', message: 'A whole number' }]);
    expect(await twin.tableItemCount()).toBe(before);
    expect(await findTechnician(tim.technicianId)).toEqual(tim);
  });
});

describe('ticket actions', () => {
  it('acknowledge → work-log → resolve: stored times, response met, minutes, load back to 0, timeline with the actor', async () => {
    const tim = await addTechnician();
    const timToken = await twin.token('technician', tim.email.toUpperCase());
    const ticket = await createTicket({ assignee: tim });
    expect(await loadOf(tim.technicianId)).toBe(1);

    const early = await action(timToken, ticket.ticketId, 'resolve', { summary: 'Voeding vervangen' });
    expect(early.status).toBe(409);
    expect(early.body.detail).toBe('Acknowledge the ticket before resolving it');

    const acknowledged = await action(timToken, ticket.ticketId, 'acknowledge');
    expect(acknowledged.status, acknowledged.text).toBe(200);
    const afterAck = await stored(ticket.ticketId);
    expect(afterAck.status).toBe('ACKNOWLEDGED');
    expect(acknowledged.body).toMatchObject({ status: 'ACKNOWLEDGED', acknowledgedAt: afterAck.acknowledgedAt, responseMet: true });
    expect(Date.parse(afterAck.acknowledgedAt!)).toBeGreaterThanOrEqual(Date.parse(ticket.assignedAt!));
    expect(afterAck.responseMet).toBe(Date.parse(afterAck.acknowledgedAt!) <= Date.parse(afterAck.responseDueAt));
    // The response moments drop out: the next check is the resolution's 80 % warning.
    expect(afterAck.nextSlaCheckAt).toBe(afterAck.resolveWarnAt);
    expect((await action(timToken, ticket.ticketId, 'acknowledge')).status).toBe(409);

    expect((await action(timToken, ticket.ticketId, 'work-log', { minutes: 45, note: 'Voeding gemeten' })).body.minutesLogged).toBe(45);
    const logged = await action(timToken, ticket.ticketId, 'work-log', { minutes: 30, note: 'Voeding vervangen en getest' });
    expect(logged.status).toBe(200);
    const afterLog = await stored(ticket.ticketId);
    expect(afterLog.minutesLogged).toBe(75);
    expect(afterLog.workLog).toEqual([
      { at: match.any(String), minutes: 45, note: 'Voeding gemeten', by: { technicianId: tim.technicianId, email: tim.email.toUpperCase() } },
      { at: match.any(String), minutes: 30, note: 'Voeding vervangen en getest', by: { technicianId: tim.technicianId, email: tim.email.toUpperCase() } },
    ]);
    expect(logged.body.workLog).toEqual(afterLog.workLog);

    const resolved = await action(timToken, ticket.ticketId, 'resolve', { summary: 'Voeding vervangen' });
    expect(resolved.status).toBe(200);
    const done = await stored(ticket.ticketId);
    expect(done).toMatchObject({ status: 'RESOLVED', resolution: { summary: 'Voeding vervangen', by: { technicianId: tim.technicianId, email: tim.email.toUpperCase() } } });
    expect(done.nextSlaCheckAt).toBeUndefined();
    expect(Date.parse(done.resolvedAt!)).toBeGreaterThanOrEqual(Date.parse(afterLog.workLog[1]!.at));
    expect(resolved.body).toMatchObject({ status: 'RESOLVED', resolvedAt: done.resolvedAt, resolution: done.resolution });
    expect(resolved.body).not.toHaveProperty('resolutionTask');
    expect(await loadOf(tim.technicianId)).toBe(0);

    const timeline = await timelineOf(ticket);
    expect(timeline.map((event) => event.type)).toEqual(['TICKET_CREATED', 'TICKET_ASSIGNED', 'TICKET_ACKNOWLEDGED', 'TICKET_WORK_LOGGED', 'TICKET_WORK_LOGGED', 'TICKET_RESOLVED']);
    const staffActor = { kind: 'staff', sub: match.any(String), email: tim.email.toUpperCase() };
    expect(timeline.slice(2).map((event) => event.actor)).toEqual([staffActor, staffActor, staffActor, staffActor]);
    expect(timeline.slice(2).map((event) => event.at)).toEqual([done.acknowledgedAt, done.workLog[0]!.at, done.workLog[1]!.at, done.resolvedAt]);
    expect(timeline.at(-1)).toMatchObject({ ticketStatus: 'RESOLVED', version: ticket.onboardingVersion });

    // Resolved is final: a second resolve shows the resolution, and nothing else changes.
    const again = await action(admin, ticket.ticketId, 'resolve', { summary: 'Nog eens' });
    expect(again.status).toBe(409);
    expect(again.headers.get('content-type')).toBe('application/problem+json');
    expect(again.body.resolution).toEqual({ summary: 'Voeding vervangen', resolvedAt: done.resolvedAt, by: done.resolution!.by });
    expect((await action(timToken, ticket.ticketId, 'work-log', { minutes: 5, note: 'Te laat' })).status).toBe(409);
    expect((await action(timToken, ticket.ticketId, 'hold', { reason: 'Te laat' })).status).toBe(409);
    expect(await stored(ticket.ticketId)).toEqual(done);
    expect(await loadOf(tim.technicianId)).toBe(0);
  });

  it('only the assignee or an admin acts; unknown tickets are 404', async () => {
    const tim = await addTechnician();
    const tess = await addTechnician({ name: 'Tess Technica' });
    const ticket = await createTicket({ assignee: tim });
    const before = await stored(ticket.ticketId);

    const otherTechnician = await action(await twin.token('technician', tess.email), ticket.ticketId, 'acknowledge');
    expect(otherTechnician.status).toBe(403);
    expect(otherTechnician.body.detail).toMatch(/not assigned to you/);
    const stranger = await action(await twin.token('technician', 'nobody@breakfix.example'), ticket.ticketId, 'work-log', { minutes: 5, note: 'x' });
    expect(stranger.status).toBe(403);
    expect(stranger.body.detail).toMatch(/No technician was added with the e-mail address nobody@breakfix.example/);
    expect((await action(accountManager, ticket.ticketId, 'acknowledge')).status).toBe(403);
    expect(await stored(ticket.ticketId)).toEqual(before);

    // An admin acts on any ticket; the record says who.
    const byAdmin = await action(admin, ticket.ticketId, 'acknowledge');
    expect(byAdmin.status).toBe(200);
    expect((await timelineOf(ticket)).at(-1)).toMatchObject({ type: 'TICKET_ACKNOWLEDGED', actor: { kind: 'staff', email: 'admin@breakfix.example' } });

    expect((await action(admin, 'tkt-01JZZZZZZZZZZZZZZZZZZZZZZZ-01', 'acknowledge')).status).toBe(404);
    expect((await action(admin, 'not-a-ticket', 'acknowledge')).status).toBe(404);
  });

  it('resolving with a stored (stale) task token still resolves: the workflow finds the ticket resolved', async () => {
    const tim = await addTechnician();
    const timToken = await twin.token('technician', tim.email);
    const assigned = await createTicket({ assignee: tim });
    const withToken = await saveTicketChange(assigned, { ...assigned, resolutionTask: { taskToken: 'AAAA-no-such-task', since: assigned.assignedAt! } });
    expect(withToken.resolutionTask).toBeDefined();
    expect((await action(timToken, assigned.ticketId, 'acknowledge')).status).toBe(200);
    const resolved = await action(timToken, assigned.ticketId, 'resolve', { summary: 'Opgelost' });
    expect(resolved.status, resolved.text).toBe(200);
    expect(resolved.text).not.toContain('AAAA-no-such-task');
    expect((await stored(assigned.ticketId)).status).toBe('RESOLVED');
    expect(await loadOf(tim.technicianId)).toBe(0);
  });

  it('hold stops the clock; resume moves the due times by exactly the business time held', async () => {
    const tim = await addTechnician();
    const timToken = await twin.token('technician', tim.email);
    const now = Date.now();
    const ticket = await createTicket({ assignee: tim, createdAt: new Date(now - 20 * DAY).toISOString(), priority: 'low' });
    expect((await action(timToken, ticket.ticketId, 'acknowledge')).status).toBe(200);
    // Created twenty days ago: acknowledged long after its response time.
    expect(await stored(ticket.ticketId)).toMatchObject({ responseMet: false, acknowledgedAt: match.any(String) });

    const resumeTooEarly = await action(timToken, ticket.ticketId, 'resume');
    expect(resumeTooEarly.status).toBe(409);
    const held = await action(timToken, ticket.ticketId, 'hold', { reason: 'Wacht op de klant: nieuwe voeding besteld' });
    expect(held.status).toBe(200);
    const onHold = await stored(ticket.ticketId);
    expect(onHold).toMatchObject({ status: 'ON_HOLD', heldFrom: 'ACKNOWLEDGED', hold: { reason: 'Wacht op de klant: nieuwe voeding besteld' } });
    expect(onHold.nextSlaCheckAt).toBeUndefined();
    expect(held.body.hold).toEqual(onHold.hold);
    expect((await action(timToken, ticket.ticketId, 'hold', { reason: 'Nog eens' })).status).toBe(409);
    const blocked = await action(timToken, ticket.ticketId, 'resolve', { summary: 'x' });
    expect(blocked.status).toBe(409);
    expect(blocked.body.detail).toMatch(/resume the ticket first/i);
    // Work can still be logged while waiting.
    expect((await action(timToken, ticket.ticketId, 'work-log', { minutes: 10, note: 'Klant gebeld' })).status).toBe(200);

    // Let the hold have lasted ten days (whatever the hour the test runs at), then resume.
    const since = new Date(now - 10 * DAY).toISOString();
    const current = await stored(ticket.ticketId);
    await saveTicketChange(current, { ...current, hold: { ...current.hold!, since } });
    const resumed = await action(timToken, ticket.ticketId, 'resume');
    expect(resumed.status, resumed.text).toBe(200);
    const after = await stored(ticket.ticketId);
    const resumedAt = (await timelineOf(ticket)).find((event) => event.type === 'TICKET_RESUMED')!.at;

    const heldMs = calendar.businessMsBetween(Date.parse(since), Date.parse(resumedAt));
    expect(heldMs).toBeGreaterThan(5 * 9 * 3_600_000 - 1); // at least five working days of 9 hours
    expect(after.heldBusinessMs).toBe(heldMs);
    expect(after).toMatchObject({ status: 'ACKNOWLEDGED', ...dueTimes(calendar, ticket.createdAt, slaTerms.low, heldMs) });
    expect(after.hold).toBeUndefined();
    expect(after.heldFrom).toBeUndefined();
    // Moved by exactly the business time held, on the same clock.
    expect(after.resolveDueAt).toBe(new Date(calendar.addBusinessMinutes(Date.parse(onHold.resolveDueAt), heldMs / 60_000)).toISOString());
    expect(calendar.businessMsBetween(Date.parse(onHold.resolveDueAt), Date.parse(after.resolveDueAt))).toBe(heldMs);
    expect(after.nextSlaCheckAt).toBe(nextSlaCheck(after));
    expect(after.nextSlaCheckAt).toBeDefined();
    expect(resumed.body).toMatchObject({ status: 'ACKNOWLEDGED', hold: null, resolveDueAt: after.resolveDueAt, responseDueAt: after.responseDueAt });
  });

  it('a full work log is 409', async () => {
    const tim = await addTechnician();
    const ticket = await createTicket({ assignee: tim });
    const entry = { at: ticket.createdAt, minutes: 1, note: 'x', by: { email: tim.email } };
    await saveTicketChange(ticket, { ...ticket, workLog: Array.from({ length: MAX_WORK_LOG_ENTRIES }, () => entry), minutesLogged: MAX_WORK_LOG_ENTRIES });
    const full = await action(await twin.token('technician', tim.email), ticket.ticketId, 'work-log', { minutes: 5, note: 'Nog een' });
    expect(full.status).toBe(409);
    expect(full.body.detail).toMatch(/work log .* is full/);
    expect((await stored(ticket.ticketId)).workLog).toHaveLength(MAX_WORK_LOG_ENTRIES);
  });

  it('bad input is 400 naming the field, and writes nothing', async () => {
    const tim = await addTechnician();
    const timToken = await twin.token('technician', tim.email);
    const ticket = await createTicket({ assignee: tim });
    const before = await twin.tableItemCount();
    const cases: Array<[string, unknown, string[]]> = [
      ['work-log', { minutes: 0, note: '' }, ['/minutes', '/note']],
      ['work-log', { minutes: 1.5, note: 'x', by: 'me' }, ['/by', '/minutes']],
      ['resolve', { summary: '   ' }, ['/summary']],
      ['hold', {}, ['/reason']],
      ['acknowledge', { please: true }, ['/please']],
    ];
    for (const [name, json, pointers] of cases) {
      const response = await action(timToken, ticket.ticketId, name, json);
      expect(response.status, `${name} ${JSON.stringify(json)}`).toBe(400);
      expect(response.body.errors!.map((e) => e.pointer).sort()).toEqual(pointers);
    }
    const notJson = await twin.request<Problem>('POST', `/tickets/${ticket.ticketId}/resolve`, { token: timToken, body: '{', headers: { 'content-type': 'application/json' } });
    expect(notJson.status).toBe(400);
    expect(await twin.tableItemCount()).toBe(before);
    expect(await stored(ticket.ticketId)).toEqual(ticket);
  });
});

describe('PATCH /tickets/{id}', () => {
  it('a priority change recomputes the due times from the creation time, still excluding the time on hold', async () => {
    const tim = await addTechnician();
    const ticket = await createTicket({ assignee: tim, createdAt: new Date(Date.now() - 3 * DAY).toISOString(), priority: 'normal' });
    // It was on hold for a while already (as a resume leaves it).
    const heldBusinessMs = 3 * 3_600_000 + 15 * 60_000;
    const held = await saveTicketChange(ticket, { ...ticket, heldBusinessMs, ...dueTimes(calendar, ticket.createdAt, slaTerms.normal, heldBusinessMs) });

    const changed = await twin.request<TicketView>('PATCH', `/tickets/${ticket.ticketId}`, { token: accountManager, json: { priority: 'critical' } });
    expect(changed.status, changed.text).toBe(200);
    const after = await stored(ticket.ticketId);
    expect(after).toMatchObject({ priority: 'critical', heldBusinessMs, ...dueTimes(calendar, ticket.createdAt, slaTerms.critical, heldBusinessMs) });
    expect(after.resolveDueAt).not.toBe(held.resolveDueAt);
    expect(after.nextSlaCheckAt).toBe(nextSlaCheck(after));
    expect(changed.body).toMatchObject({ priority: 'critical', responseDueAt: after.responseDueAt, resolveDueAt: after.resolveDueAt });
    const event = (await timelineOf(ticket)).at(-1)!;
    expect(event).toMatchObject({ type: 'TICKET_UPDATED', actor: { kind: 'staff', email: 'account-manager@breakfix.example' } });
    expect(event.detail).toContain('priority normal → critical');

    // Required skills and the estimate are for OPEN tickets only.
    for (const json of [{ requiredSkills: ['printers'] }, { estimatedHours: 4 }]) {
      const refused = await twin.request<Problem>('PATCH', `/tickets/${ticket.ticketId}`, { token: admin, json });
      expect(refused.status).toBe(409);
      expect(refused.body.detail).toBe(`${Object.keys(json)[0]} can change only while the ticket is OPEN; it is ASSIGNED`);
    }
    expect(await stored(ticket.ticketId)).toEqual(after);
    expect((await twin.request('PATCH', `/tickets/${ticket.ticketId}`, { token: await twin.token('technician', tim.email), json: { priority: 'low' } })).status).toBe(403);
  });

  it('an OPEN ticket takes new skills and estimate; a resolved one keeps its priority', async () => {
    const open = await createTicket({ requiredSkills: ['netwerk'] });
    const refined = await twin.request<TicketView>('PATCH', `/tickets/${open.ticketId}`, { token: admin, json: { requiredSkills: ['Netwerk', 'Firewall'], estimatedHours: 3.75 } });
    expect(refined.status, refined.text).toBe(200);
    expect(await stored(open.ticketId)).toMatchObject({ status: 'OPEN', requiredSkills: ['Netwerk', 'Firewall'], estimatedHours: 3.75, responseDueAt: open.responseDueAt });
    expect((await timelineOf(open)).at(-1)).toMatchObject({ type: 'TICKET_UPDATED', ticketStatus: 'OPEN' });

    const tim = await addTechnician();
    const timToken = await twin.token('technician', tim.email);
    const ticket = await createTicket({ assignee: tim });
    await action(timToken, ticket.ticketId, 'acknowledge');
    expect((await action(timToken, ticket.ticketId, 'resolve', { summary: 'Klaar' })).status).toBe(200);
    const resolved = await twin.request<Problem>('PATCH', `/tickets/${ticket.ticketId}`, { token: admin, json: { priority: 'high' } });
    expect(resolved.status).toBe(409);
    expect(resolved.body.detail).toMatch(/resolved .* priority can no longer change/);

    const before = await twin.tableItemCount();
    for (const [json, pointers] of [
      [{}, ['/']],
      [{ priority: 'urgent' }, ['/priority']],
      [{ estimatedHours: 1.1, requiredSkills: [] }, ['/estimatedHours', '/requiredSkills']],
      // An unknown field alone also leaves no known field to change.
      [{ title: 'Nieuw' }, ['/', '/title']],
    ] as const) {
      const bad = await twin.request<Problem>('PATCH', `/tickets/${open.ticketId}`, { token: admin, json });
      expect(bad.status, JSON.stringify(json)).toBe(400);
      expect(bad.body.errors!.map((e) => e.pointer).sort()).toEqual(pointers);
    }
    expect(await twin.tableItemCount()).toBe(before);
    expect((await twin.request('PATCH', '/tickets/tkt-01JZZZZZZZZZZZZZZZZZZZZZZZ-01', { token: admin, json: { priority: 'high' } })).status).toBe(404);
  });
});

describe('GET /tickets', () => {
  it('a technician lists their own tickets (?assignee=me), by status; an admin names the technician', async () => {
    const tim = await addTechnician();
    const tess = await addTechnician({ name: 'Tess Technica' });
    const timToken = await twin.token('technician', tim.email);
    const [a, b, c] = [await createTicket({ assignee: tim, title: 'A' }), await createTicket({ assignee: tim, title: 'B' }), await createTicket({ assignee: tim, title: 'C' })];
    const theirs = await createTicket({ assignee: tess, title: 'Van Tess' });
    expect((await action(timToken, b.ticketId, 'acknowledge')).status).toBe(200);

    type Page = { items: TicketView[]; nextCursor: string | null };
    const all = await eventually(async () => {
      const page = await twin.request<Page>('GET', '/tickets?assignee=me', { token: timToken });
      return page.body.items?.length === 3 ? page : undefined;
    });
    expect(all.status).toBe(200);
    expect(all.body.items.map((t) => t.ticketId).sort()).toEqual([a.ticketId, b.ticketId, c.ticketId].sort());
    expect(all.body.items.every((t) => t.assignee?.technicianId === tim.technicianId)).toBe(true);
    expect(JSON.stringify(all.body)).not.toContain('taskToken');

    const acknowledged = await eventually(async () => {
      const page = await twin.request<Page>('GET', '/tickets?assignee=me&status=ACKNOWLEDGED', { token: timToken });
      return page.body.items?.length === 1 ? page : undefined;
    });
    expect(acknowledged.body.items.map((t) => [t.ticketId, t.status])).toEqual([[b.ticketId, 'ACKNOWLEDGED']]);

    const paged = await twin.request<Page>('GET', '/tickets?assignee=me&status=ASSIGNED&limit=1', { token: timToken });
    expect(paged.body.items).toHaveLength(1);
    expect(paged.body.nextCursor).toEqual(match.any(String));
    const rest = await twin.request<Page>('GET', `/tickets?assignee=me&status=ASSIGNED&limit=1&cursor=${encodeURIComponent(paged.body.nextCursor!)}`, { token: timToken });
    expect([...paged.body.items, ...rest.body.items].map((t) => t.ticketId).sort()).toEqual([a.ticketId, c.ticketId].sort());

    // A technician sees only their own; an admin names anyone.
    expect((await twin.request('GET', `/tickets?assignee=${tess.technicianId}`, { token: timToken })).status).toBe(403);
    expect((await twin.request<Problem>('GET', '/tickets?assignee=me', { token: await twin.token('technician', 'nobody@breakfix.example') })).body.detail).toMatch(
      /No technician was added with the e-mail address nobody@breakfix.example/,
    );
    const forAdmin = await twin.request<Page>('GET', `/tickets?assignee=${tess.technicianId}`, { token: admin });
    expect(forAdmin.status).toBe(200);
    expect(forAdmin.body.items.map((t) => t.ticketId)).toEqual([theirs.ticketId]);
    expect((await twin.request('GET', '/tickets?assignee=tech-01JZZZZZZZZZZZZZZZZZZZZZZZ', { token: admin })).status).toBe(404);
    expect((await twin.request('GET', '/tickets?assignee=me', { token: accountManager })).status).toBe(403);

    // A cursor from one technician's list does not open another's.
    const crossed = await twin.request<Problem>('GET', `/tickets?assignee=${tess.technicianId}&status=ASSIGNED&limit=1&cursor=${encodeURIComponent(paged.body.nextCursor!)}`, { token: admin });
    expect(crossed.status).toBe(400);

    for (const [query, parameters] of [
      ['', ['assignee']],
      ['?assignee=me&status=DONE', ['status']],
      ['?assignee=me&limit=0', ['limit']],
      ['?assignee=me&color=red', ['color']],
    ] as const) {
      const bad = await twin.request<Problem>('GET', `/tickets${query}`, { token: timToken });
      expect(bad.status, query).toBe(400);
      expect(bad.body.errors!.map((e) => e.parameter)).toEqual(parameters);
    }
    expect((await twin.request<Problem>('GET', '/tickets?assignee=bogus', { token: admin })).body.errors).toEqual([{ parameter: 'assignee', message: 'me, or a technician id (tech-…)' }]);
  });
});
