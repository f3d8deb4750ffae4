import { GetCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import type { TimelineEvent } from '../../domain/onboarding';
import { onboardingOfTicket, type Ticket, type TicketStatus } from '../../domain/ticket';
import { ConflictError, rethrowTransient } from '../../runtime/errors';
import { documentClient, TABLE_NAME } from './client';
import { decodeCursor, encodeCursor } from './cursor';
import { assigneePartition, onboardingKey, SLA_CHECK_PARTITION, technicianKey, ticketIndexKeys, ticketKey, UNASSIGNED, withoutKeys } from './keys';
import { timelineEventPut } from './onboarding-repository';
import { ASSIGNEE_LISTING_ATTRIBUTES, GSIS, SLA_CHECK_ATTRIBUTES } from './table-design';
import { writeTransaction, type TransactionItem } from './transaction';
import { queryAllItems } from './query-all';

const ENTITY = 'ticket';

export const ticketItem = (ticket: Ticket) => ({
  ...ticket,
  ...ticketKey(ticket.onboardingId, ticket.ticketId),
  ...ticketIndexKeys(ticket),
  entity: 'Ticket',
});

/** A new ticket, written once. */
function ticketPut(ticket: Ticket): TransactionItem {
  return { Put: { TableName: TABLE_NAME, Item: ticketItem(ticket), ConditionExpression: 'attribute_not_exists(pk)' } };
}

/**
 * Every attribute of today's ticket item: a change writes these and nothing else. The record
 * makes the compiler name a field added to Ticket and forgotten here.
 */
const OWNED_TICKET_FIELDS: Record<keyof Ticket, true> = {
  ticketId: true, ticketVersion: true, onboardingId: true, incidentId: true, onboardingVersion: true, round: true, source: true,
  title: true, priority: true, requiredSkills: true, estimatedHours: true, slaTerms: true, status: true, heldFrom: true, hold: true,
  heldBusinessMs: true, createdAt: true, responseDueAt: true, resolveDueAt: true, responseWarnAt: true, resolveWarnAt: true,
  assignee: true, assignedAt: true, assignment: true, acknowledgedAt: true, responseMet: true, workLog: true, minutesLogged: true,
  resolvedAt: true, resolution: true, responseWarnedAt: true, resolveWarnedAt: true, responseBreachedAt: true, resolveBreachedAt: true,
  nextSlaCheckAt: true, waitingForTechnicianSince: true, technicianTask: true, resolutionTask: true,
};
const OWNED_TICKET_ATTRIBUTES = [...Object.keys(OWNED_TICKET_FIELDS), 'byAssigneePk', 'byAssigneeSk', 'slaCheckPk', 'slaCheckSk', 'entity'];

/**
 * One change of a ticket, written only over the version it was read at. An UpdateItem, not a Put:
 * it sets the attributes this code owns and removes those of them the new ticket leaves out
 * (a sparse index key with its field), so an attribute written by newer code survives.
 */
function ticketUpdate(before: Pick<Ticket, 'ticketId' | 'onboardingId' | 'ticketVersion'>, after: Ticket): TransactionItem {
  const item: Record<string, unknown> = ticketItem(after);
  const names: Record<string, string> = {};
  const values: Record<string, unknown> = { ':expected': before.ticketVersion };
  const sets: string[] = [];
  const removes: string[] = [];
  OWNED_TICKET_ATTRIBUTES.forEach((attribute, index) => {
    names[`#a${index}`] = attribute;
    if (item[attribute] === undefined) {
      removes.push(`#a${index}`);
    } else {
      values[`:a${index}`] = item[attribute];
      sets.push(`#a${index} = :a${index}`);
    }
  });
  return {
    Update: {
      TableName: TABLE_NAME,
      Key: ticketKey(before.onboardingId, before.ticketId),
      UpdateExpression: `SET ${sets.join(', ')}${removes.length ? ` REMOVE ${removes.join(', ')}` : ''}`,
      ConditionExpression: `#a${OWNED_TICKET_ATTRIBUTES.indexOf('ticketVersion')} = :expected`,
      ExpressionAttributeNames: names,
      ExpressionAttributeValues: values,
    },
  };
}

/**
 * Creates a round's tickets with their timeline events in one transaction (25 tickets and 25
 * events stay under DynamoDB's 100 items). Returns false when they exist already: a retried step.
 */
export async function insertTickets(tickets: Ticket[], events: TimelineEvent[], also: TransactionItem[] = []): Promise<boolean> {
  const result = await writeTransaction([...tickets.map(ticketPut), ...events.map(timelineEventPut), ...also], ENTITY);
  if (result.committed) return true;
  if (result.failedConditions.every((index) => index < tickets.length)) return false;
  throw new ConflictError('The tickets could not be created');
}

/** The aggregate's round set to 1 with the approved agreement's tickets, while it is IMPLEMENTING. */
export function firstRound(onboardingId: string): TransactionItem {
  return {
    Update: {
      TableName: TABLE_NAME,
      Key: onboardingKey(onboardingId),
      UpdateExpression: 'SET #round = :one',
      ConditionExpression: '#status = :implementing',
      ExpressionAttributeNames: { '#round': 'round', '#status': 'status' },
      ExpressionAttributeValues: { ':one': 1, ':implementing': 'IMPLEMENTING' },
    },
  };
}

export async function findTicket(ticketId: string): Promise<Ticket | undefined> {
  const onboardingId = onboardingOfTicket(ticketId);
  if (!onboardingId) return undefined;
  try {
    const { Item } = await documentClient.send(new GetCommand({ TableName: TABLE_NAME, Key: ticketKey(onboardingId, ticketId), ConsistentRead: true }));
    return Item ? withoutKeys<Ticket>(Item) : undefined;
  } catch (error) {
    rethrowTransient('DynamoDB', error);
  }
}

/** A ticket change lost to a concurrent one (the version moved): read it again and redo it. */
export class TicketChangedError extends ConflictError {
  constructor(ticketId: string) {
    super(`Ticket ${ticketId} changed meanwhile`);
    this.name = 'TicketChangedError';
  }
}

/** Load changes that go with a ticket change: +1 when assigned, −1 when resolved. */
export type LoadChange = { technicianId: string; delta: 1; at: string } | { technicianId: string; delta: -1 };

/** A technician at capacity or inactive by the time the assignment was written. */
export class TechnicianUnavailableError extends ConflictError {
  constructor(technicianId: string) {
    super(`Technician ${technicianId} can take no more tickets`);
    this.name = 'TechnicianUnavailableError';
  }
}

/**
 * Writes one change of a ticket with its timeline event (if any) in one transaction, guarded by
 * the version it was read at; an assignment also takes capacity from the technician (a
 * conditional counter, so concurrent branches cannot overfill one technician) and a resolution
 * gives it back.
 */
export async function saveTicketChange(before: Ticket, after: Ticket, change: { event?: TimelineEvent; load?: LoadChange } = {}): Promise<Ticket> {
  const next: Ticket = { ...after, ticketVersion: before.ticketVersion + 1 };
  const items: TransactionItem[] = [ticketUpdate(before, next)];
  if (change.load) items.push(loadUpdate(change.load));
  if (change.event) items.push(timelineEventPut(change.event));
  // The update carries only the ticket's own attributes: the item it leaves is size-checked whole.
  const result = await writeTransaction(items, ENTITY, { resultingItems: [ticketItem(next)] });
  if (result.committed) return next;
  if (result.failedConditions.includes(0)) throw new TicketChangedError(before.ticketId);
  if (change.load && result.failedConditions.includes(1)) throw new TechnicianUnavailableError(change.load.technicianId);
  throw new TicketChangedError(before.ticketId);
}

function loadUpdate(load: LoadChange): TransactionItem {
  if (load.delta === 1) {
    return {
      Update: {
        TableName: TABLE_NAME,
        Key: technicianKey(load.technicianId),
        UpdateExpression: 'ADD #load :one SET lastAssignedAt = :at',
        // load and capacity are DynamoDB reserved words: aliased.
        ConditionExpression: 'active = :true AND #load < #capacity',
        ExpressionAttributeNames: { '#load': 'load', '#capacity': 'capacity' },
        ExpressionAttributeValues: { ':one': 1, ':at': load.at, ':true': true },
      },
    };
  }
  return {
    Update: {
      TableName: TABLE_NAME,
      Key: technicianKey(load.technicianId),
      UpdateExpression: 'ADD #load :minusOne',
      // No floor here: a resolution is never refused over a counter that drifted.
      ConditionExpression: 'attribute_exists(pk)',
      ExpressionAttributeNames: { '#load': 'load' },
      ExpressionAttributeValues: { ':minusOne': -1 },
    },
  };
}

/**
 * Reads the ticket, applies `change` and saves it; when a concurrent change moved the version
 * first, reads it again and reapplies (a few times), so a sweep and a technician never lose each
 * other's writes. `change` returns undefined when there is nothing to do.
 */
export async function changeTicket(
  ticketId: string,
  change: (ticket: Ticket) => { ticket: Ticket; event?: TimelineEvent; load?: LoadChange } | undefined,
): Promise<{ ticket: Ticket; changed: boolean }> {
  for (let attempt = 0; ; attempt++) {
    const before = await findTicket(ticketId);
    if (!before) throw new ConflictError(`Ticket ${ticketId} does not exist`);
    const planned = change(before);
    if (!planned) return { ticket: before, changed: false };
    try {
      return { ticket: await saveTicketChange(before, planned.ticket, planned), changed: true };
    } catch (error) {
      if (!(error instanceof TicketChangedError) || attempt >= 4) throw error;
    }
  }
}

/** A ticket as the assignee index projects it (table-design.ts): what GET /tickets shows and a wake-up reads. */
export type AssigneeListing = Pick<Ticket, (typeof ASSIGNEE_LISTING_ATTRIBUTES)[number]>;
/** A ticket as the SLA-check index projects it: which ticket is due, nothing more. */
export type SlaCheckListing = Pick<Ticket, (typeof SLA_CHECK_ATTRIBUTES)[number]>;

export interface TicketPage {
  items: AssigneeListing[];
  nextCursor?: string;
}

/** A technician's tickets, by status (begins_with on the index's sort key) or all, oldest first. */
export async function ticketsOfAssignee(query: { technicianId: string; status?: TicketStatus; limit: number; cursor?: string }): Promise<TicketPage> {
  return queryByAssignee(assigneePartition(query.technicianId), query);
}

/** Open tickets nobody has: where a new or freed technician looks for work. */
export async function unassignedTickets(): Promise<AssigneeListing[]> {
  const all: AssigneeListing[] = [];
  let cursor: string | undefined;
  do {
    const page = await queryByAssignee(UNASSIGNED, { status: 'OPEN', limit: 100, cursor });
    all.push(...page.items);
    cursor = page.nextCursor;
  } while (cursor);
  return all;
}

async function queryByAssignee(partition: string, query: { status?: TicketStatus; limit: number; cursor?: string }): Promise<TicketPage> {
  const gsi = GSIS.ticketsByAssignee;
  const startKey = decodeCursor(query.cursor, [gsi.partitionKey, gsi.sortKey, 'pk', 'sk'], { attribute: gsi.partitionKey, value: partition });
  try {
    const page = await documentClient.send(
      new QueryCommand({
        TableName: TABLE_NAME,
        IndexName: 'ticketsByAssignee',
        KeyConditionExpression: query.status ? '#pk = :pk AND begins_with(#sk, :status)' : '#pk = :pk',
        ExpressionAttributeNames: { '#pk': gsi.partitionKey, ...(query.status ? { '#sk': gsi.sortKey } : {}) },
        ExpressionAttributeValues: { ':pk': partition, ...(query.status ? { ':status': `${query.status}#` } : {}) },
        Limit: query.limit,
        ExclusiveStartKey: startKey,
      }),
    );
    return { items: (page.Items ?? []).map((item) => withoutKeys<AssigneeListing>(item)), nextCursor: encodeCursor(page.LastEvaluatedKey) };
  } catch (error) {
    rethrowTransient('DynamoDB', error);
  }
}

/** Tickets whose next SLA moment is at or before `now` (ISO): what the sweeper looks at. No Scan. */
export async function ticketsDueForSlaCheck(now: string): Promise<SlaCheckListing[]> {
  const gsi = GSIS.ticketsBySlaCheck;
  const items = await queryAllItems({
    TableName: TABLE_NAME,
    IndexName: 'ticketsBySlaCheck',
    KeyConditionExpression: '#pk = :pk AND #sk <= :until',
    ExpressionAttributeNames: { '#pk': gsi.partitionKey, '#sk': gsi.sortKey },
    // Compared as stored (ISO with milliseconds, UTC), whatever form `now` came in.
    ExpressionAttributeValues: { ':pk': SLA_CHECK_PARTITION, ':until': `${new Date(now).toISOString()}#\uffff` },
  });
  return items.map((item) => withoutKeys<SlaCheckListing>(item));
}
