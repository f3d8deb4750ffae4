import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, GetCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { businessCalendar } from '../../functions/domain/business-hours';
import { newOnboardingId } from '../../functions/domain/ids';
import { newTicket, ticketView, type Ticket } from '../../functions/domain/ticket';
import { LOCAL_CREDENTIALS } from '../../infra/local/local-aws';
import { REGION, startTestDynamoDb } from '../support/emulators';

type Tickets = typeof import('../../functions/adapters/dynamodb/ticket-repository');

const SLA_TERMS = {
  critical: { responseHours: 4, resolutionHours: 8 },
  high: { responseHours: 8, resolutionHours: 16 },
  normal: { responseHours: 16, resolutionHours: 40 },
  low: { responseHours: 40, resolutionHours: 80 },
};
const TECHNICIAN = { technicianId: 'tech-01JDW3Y8Q7ZK4M2N6P8R0T2V4Y', name: 'Jan Jansen', email: 'jan@breakfix.example' };

let dynamodb: Awaited<ReturnType<typeof startTestDynamoDb>>;
let client: DynamoDBClient;
let documents: DynamoDBDocumentClient;
let tickets: Tickets;
let ticketKey: typeof import('../../functions/adapters/dynamodb/keys')['ticketKey'];

beforeAll(async () => {
  dynamodb = await startTestDynamoDb();
  client = new DynamoDBClient({ endpoint: dynamodb.url, region: REGION, credentials: LOCAL_CREDENTIALS });
  documents = DynamoDBDocumentClient.from(client);
  // The adapters read TABLE_NAME once, when they load: load them now.
  tickets = await import('../../functions/adapters/dynamodb/ticket-repository');
  ({ ticketKey } = await import('../../functions/adapters/dynamodb/keys'));
});
afterAll(async () => {
  client?.destroy();
  await dynamodb?.close();
});

/** An OPEN ticket of a fresh onboarding, stored as CreateTickets stores it (no events needed here). */
async function storedTicket(createdAt: string): Promise<Ticket> {
  const onboardingId = newOnboardingId(Date.parse(createdAt));
  const ticket = newTicket(
    { onboardingId, incidentId: 'inc-01', onboardingVersion: 5, round: 1, title: 'Kassasysteem valt uit', priority: 'high', requiredSkills: ['hardware'], estimatedHours: 2.5, createdAt, slaTerms: SLA_TERMS },
    businessCalendar(),
  );
  expect(await tickets.insertTickets([ticket], [])).toBe(true);
  return ticket;
}

async function rawTicket(ticket: Ticket): Promise<Record<string, unknown> | undefined> {
  const { Item } = await documents.send(new GetCommand({ TableName: process.env.TABLE_NAME, Key: ticketKey(ticket.onboardingId, ticket.ticketId), ConsistentRead: true }));
  return Item;
}

describe('ticket repository on DynamoDB Local', () => {
  it('keeps attributes written by newer code through a change by today\'s code, and still drops a sparse index key', async () => {
    const ticket = await storedTicket('2026-12-01T09:00:00.000Z');
    await tickets.changeTicket(ticket.ticketId, (current) => ({ ticket: { ...current, status: 'ASSIGNED', assignee: TECHNICIAN, assignedAt: '2026-12-01T09:05:00.000Z' } }));
    // As newer code might have written it: an attribute of its own, one inside a known map, and a TTL.
    await documents.send(
      new UpdateCommand({
        TableName: process.env.TABLE_NAME,
        Key: ticketKey(ticket.onboardingId, ticket.ticketId),
        UpdateExpression: 'SET futureField = :future, assignee.futureNested = :nested, expiresAt = :ttl',
        ExpressionAttributeValues: { ':future': ['a', 'b'], ':nested': 'kept', ':ttl': 2_000_000_000 },
      }),
    );
    const read = (await tickets.findTicket(ticket.ticketId))!;
    expect(read).toMatchObject({ ticketId: ticket.ticketId, status: 'ASSIGNED', assignee: { technicianId: TECHNICIAN.technicianId } });
    expect((await rawTicket(ticket))?.slaCheckSk).toBeDefined();

    // Today's code takes the ticket off the SLA index (a hold), rebuilding the ticket without its own unknown fields.
    const { changed } = await tickets.changeTicket(ticket.ticketId, (current) => {
      const { nextSlaCheckAt: _stop, ...rest } = current;
      const known: Ticket = { ...rest, status: 'ON_HOLD', heldFrom: 'ASSIGNED', hold: { since: '2026-12-01T10:00:00.000Z', reason: 'Wacht op onderdeel' } };
      delete (known as unknown as Record<string, unknown>).futureField;
      return { ticket: known };
    });
    expect(changed).toBe(true);
    const after = await rawTicket(ticket);
    expect(after).toMatchObject({ status: 'ON_HOLD', ticketVersion: 3, futureField: ['a', 'b'], assignee: { futureNested: 'kept' }, expiresAt: 2_000_000_000 });
    // Fields today's ticket owns and left out are removed, with the sparse SLA index key.
    expect(after).not.toHaveProperty('nextSlaCheckAt');
    expect(after).not.toHaveProperty('slaCheckPk');
    expect(after).not.toHaveProperty('slaCheckSk');
    expect((await tickets.ticketsDueForSlaCheck('2099-01-01T00:00:00.000Z')).map((due) => due.ticketId)).not.toContain(ticket.ticketId);
  });

  it('still refuses a change over a version that moved meanwhile', async () => {
    const ticket = await storedTicket('2026-12-01T09:10:00.000Z');
    const before = (await tickets.findTicket(ticket.ticketId))!;
    await tickets.saveTicketChange(before, { ...before, title: 'Eerste wijziging' });
    await expect(tickets.saveTicketChange(before, { ...before, title: 'Tweede wijziging' })).rejects.toBeInstanceOf(tickets.TicketChangedError);
    expect((await rawTicket(ticket))?.title).toBe('Eerste wijziging');
  });

  it('gets from the assignee index what its readers need (the whole item: over the INCLUDE limit), and from the SLA index only the ticket id', async () => {
    const waiting = await storedTicket('2026-12-01T09:20:00.000Z');
    await tickets.changeTicket(waiting.ticketId, (current) => ({
      ticket: { ...current, waitingForTechnicianSince: '2026-12-01T09:21:00.000Z', technicianTask: { taskToken: 'token-for-test', since: '2026-12-01T09:21:00.000Z' } },
    }));
    const unassigned = (await tickets.unassignedTickets()).find((listed) => listed.ticketId === waiting.ticketId);
    expect(unassigned).toMatchObject({ technicianTask: { taskToken: 'token-for-test' }, requiredSkills: ['hardware'], createdAt: waiting.createdAt });

    const worked = await storedTicket('2026-12-01T09:30:00.000Z');
    await tickets.changeTicket(worked.ticketId, (current) => ({
      ticket: { ...current, status: 'ASSIGNED', assignee: TECHNICIAN, assignedAt: '2026-12-01T09:31:00.000Z', workLog: [{ minutes: 30, note: 'Voeding gemeten', at: '2026-12-01T09:40:00.000Z', by: { email: TECHNICIAN.email } }], minutesLogged: 30 },
    }));
    const full = (await tickets.findTicket(worked.ticketId))!;
    const page = await tickets.ticketsOfAssignee({ technicianId: TECHNICIAN.technicianId, status: 'ASSIGNED', limit: 100 });
    const listed = page.items.find((item) => item.ticketId === worked.ticketId);
    expect(listed).toBeDefined();
    expect(ticketView(listed!)).toEqual(ticketView(full));

    const due = (await tickets.ticketsDueForSlaCheck('2099-01-01T00:00:00.000Z')).find((item) => item.ticketId === worked.ticketId);
    expect(due).toEqual({ ticketId: worked.ticketId });
  });
});
