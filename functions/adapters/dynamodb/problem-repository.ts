import { GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import { randomBytes } from 'node:crypto';
import type { Onboarding, TimelineEvent } from '../../domain/onboarding';
import type { ProblemRefusal, ReportedIncident } from '../../domain/problem';
import type { Ticket } from '../../domain/ticket';
import { rethrowTransient } from '../../runtime/errors';
import { documentClient, TABLE_NAME } from './client';
import { incidentKey, onboardingKey, ticketKey, onboardingPartition, refusedProblemKey, REFUSED_PREFIX, submissionKey, TICKET_PREFIX, withoutKeys } from './keys';
import { timelineEventPut } from './onboarding-repository';
import { ticketItem } from './ticket-repository';
import { writeTransaction, type TransactionItem } from './transaction';
import { queryAllItems } from './query-all';

export interface ProblemBounds {
  maxIncidents: number;
  maxRounds: number;
  maxPerRound: number;
  /** Only for a client's report through the monitoring link. */
  maxClientReports?: number;
}

export type RecordProblemResult = { outcome: 'recorded' } | { outcome: 'duplicate' } | { outcome: 'conflict' };

/**
 * Files a reported problem in one transaction: the incident item, its OPEN ticket (no round yet:
 * the next round takes it), the aggregate's counters (the incident number claimed, one more
 * pending problem, one more client report) under the conditions that bound them, and the timeline
 * event; with a client's submission id, its claim too, so a double submit files nothing more.
 * The counters are ADDed and the status only checked, so a report never meets a status change's
 * version. 'conflict' means a condition failed: the caller reads the aggregate again and decides.
 */
export async function recordProblem(input: {
  onboarding: Onboarding;
  incident: ReportedIncident;
  ticket: Ticket;
  event: TimelineEvent;
  bounds: ProblemBounds;
  submissionId?: string;
}): Promise<RecordProblemResult> {
  const { onboarding, incident, ticket, bounds } = input;
  const number = Number(incident.id.slice(-2));
  const intake = onboarding.incidents.length;
  const client = bounds.maxClientReports !== undefined;
  const conditions = [
    '#status IN (:implementing, :monitoring)',
    '(lastIncidentNumber = :expected OR (attribute_not_exists(lastIncidentNumber) AND :expected = :intake))',
    '(attribute_not_exists(pendingProblems) OR pendingProblems < :maxPerRound)',
    '(attribute_not_exists(#round) OR #round < :maxRounds)',
    ...(client ? ['(attribute_not_exists(clientReports) OR clientReports < :maxClientReports)'] : []),
  ];
  const items: TransactionItem[] = [
    {
      Update: {
        TableName: TABLE_NAME,
        Key: onboardingKey(onboarding.id),
        UpdateExpression: `SET lastIncidentNumber = :number ADD pendingProblems :one${client ? ', clientReports :one' : ''}`,
        ConditionExpression: conditions.join(' AND '),
        ExpressionAttributeNames: { '#status': 'status', '#round': 'round' },
        ExpressionAttributeValues: {
          ':implementing': 'IMPLEMENTING',
          ':monitoring': 'MONITORING',
          ':expected': number - 1,
          ':intake': intake,
          ':number': number,
          ':one': 1,
          ':maxPerRound': bounds.maxPerRound,
          ':maxRounds': bounds.maxRounds,
          ...(client ? { ':maxClientReports': bounds.maxClientReports } : {}),
        },
      },
    },
    { Put: { TableName: TABLE_NAME, Item: { ...incident, ...incidentKey(onboarding.id, incident.id), entity: 'Incident' }, ConditionExpression: 'attribute_not_exists(pk)' } },
    { Put: { TableName: TABLE_NAME, Item: ticketItem(ticket), ConditionExpression: 'attribute_not_exists(pk)' } },
    timelineEventPut(input.event),
  ];
  if (input.submissionId) {
    items.push({
      Put: {
        TableName: TABLE_NAME,
        Item: { ...submissionKey(onboarding.id, input.submissionId), incidentId: incident.id, at: incident.reportedAt, entity: 'ProblemSubmission' },
        ConditionExpression: 'attribute_not_exists(pk)',
      },
    });
  }
  const result = await writeTransaction(items, 'problem');
  if (result.committed) return { outcome: 'recorded' };
  if (input.submissionId && result.failedConditions.includes(items.length - 1)) return { outcome: 'duplicate' };
  return { outcome: 'conflict' };
}

/** Whether a client's form submission already filed its report (its claim is written with the report). */
export async function submissionFiled(onboardingId: string, submissionId: string): Promise<boolean> {
  try {
    const { Item } = await documentClient.send(new GetCommand({ TableName: TABLE_NAME, Key: submissionKey(onboardingId, submissionId), ConsistentRead: true }));
    return Item !== undefined;
  } catch (error) {
    rethrowTransient('DynamoDB', error);
  }
}

/** Why `onboarding` takes no further problem, or undefined if it takes one. */
export function problemRefusal(onboarding: Onboarding, bounds: ProblemBounds): ProblemRefusal | undefined {
  if (onboarding.status !== 'IMPLEMENTING' && onboarding.status !== 'MONITORING') return 'closed';
  if ((onboarding.lastIncidentNumber ?? onboarding.incidents.length) >= bounds.maxIncidents) return 'too-many-incidents';
  if ((onboarding.round ?? 0) >= bounds.maxRounds) return 'too-many-rounds';
  if ((onboarding.pendingProblems ?? 0) >= bounds.maxPerRound) return 'round-full';
  if (bounds.maxClientReports !== undefined && (onboarding.clientReports ?? 0) >= bounds.maxClientReports) return 'too-many-client-reports';
  return undefined;
}

/** Keeps a refused problem for the follow-up report's open points (a single put; never read back by the route). */
export async function recordRefusedProblem(onboardingId: string, refused: { title: string; reportedAt: string; reason: ProblemRefusal; source: 'staff' | 'client' }): Promise<void> {
  try {
    await documentClient.send(
      new PutCommand({
        TableName: TABLE_NAME,
        Item: { ...refusedProblemKey(onboardingId, refused.reportedAt, randomBytes(4).toString('hex')), ...refused, onboardingId, entity: 'RefusedProblem' },
      }),
    );
  } catch (error) {
    rethrowTransient('DynamoDB', error);
  }
}

/** An onboarding's tickets and refused problems, from its partition. */
export async function ticketsAndRefusals(onboardingId: string): Promise<{ tickets: Ticket[]; refused: Array<{ title: string; reportedAt: string; reason: ProblemRefusal }> }> {
  const tickets: Ticket[] = [];
  const refused: Array<{ title: string; reportedAt: string; reason: ProblemRefusal }> = [];
  for (const [prefix, into] of [
    [TICKET_PREFIX, tickets],
    [REFUSED_PREFIX, refused],
  ] as const) {
    const items = await queryAllItems({
      TableName: TABLE_NAME,
      KeyConditionExpression: 'pk = :pk AND begins_with(sk, :prefix)',
      ExpressionAttributeValues: { ':pk': onboardingPartition(onboardingId), ':prefix': prefix },
      ConsistentRead: true,
    });
    (into as unknown[]).push(...items.map((item) => withoutKeys(item)));
  }
  return { tickets, refused };
}

/** A pending ticket taken into round `round` (it had none): its version moves, so a concurrent change re-reads. */
export function roundClaim(ticket: Ticket, round: number): TransactionItem {
  return {
    Update: {
      TableName: TABLE_NAME,
      Key: ticketKey(ticket.onboardingId, ticket.ticketId),
      UpdateExpression: 'SET #round = :round, ticketVersion = ticketVersion + :one',
      ConditionExpression: 'attribute_not_exists(#round) AND ticketVersion = :version',
      ExpressionAttributeNames: { '#round': 'round' },
      ExpressionAttributeValues: { ':round': round, ':one': 1, ':version': ticket.ticketVersion },
    },
  };
}

/**
 * Starts the next round while the onboarding is IMPLEMENTING (a problem came in during the last
 * round): no status change, so the aggregate's round and pending count change with the tickets'
 * claims and the event, in one transaction. Returns false when a condition failed.
 */
export async function startRoundWhileImplementing(onboarding: Onboarding, tickets: Ticket[], round: number, now: string, event: TimelineEvent): Promise<boolean> {
  const result = await writeTransaction(
    [
      {
        Update: {
          TableName: TABLE_NAME,
          Key: onboardingKey(onboarding.id),
          UpdateExpression: 'SET #round = :round, roundStartedAt = :now ADD pendingProblems :minus',
          ConditionExpression: '#status = :implementing AND pendingProblems >= :count',
          ExpressionAttributeNames: { '#round': 'round', '#status': 'status' },
          ExpressionAttributeValues: { ':round': round, ':now': now, ':minus': -tickets.length, ':implementing': 'IMPLEMENTING', ':count': tickets.length },
        },
      },
      ...tickets.map((ticket) => roundClaim(ticket, round)),
      timelineEventPut(event),
    ],
    'round',
  );
  return result.committed;
}
