import * as z from 'zod';
import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import { MetricUnit } from '@aws-lambda-powertools/metrics';
import { holdSchema, resolveSchema, TICKET_ID_PATTERN, ticketView, workLogSchema } from '../domain/ticket';
import { NotFoundError } from '../runtime/errors';
import { parseJsonBody, rawBody } from '../runtime/http/request';
import { json, staffHandler } from '../runtime/http/http-handler';
import { metrics } from '../runtime/observability';
import { actOnTicket } from './act-on-ticket';
import type { TicketAction } from './ticket-changes';

/** Acknowledge and resume take no body; one that is sent must be an empty JSON object. */
const noFields = z.strictObject({});
function withoutBody<A extends TicketAction>(action: A) {
  return (event: APIGatewayProxyEventV2): A => {
    if (rawBody(event).byteLength > 0) parseJsonBody(event, noFields);
    return action;
  };
}

const ACTIONS: Record<string, (event: APIGatewayProxyEventV2) => TicketAction> = {
  'POST /tickets/{id}/acknowledge': withoutBody({ kind: 'acknowledge' }),
  'POST /tickets/{id}/work-log': (event) => ({ kind: 'work-log', ...parseJsonBody(event, workLogSchema) }),
  'POST /tickets/{id}/hold': (event) => ({ kind: 'hold', ...parseJsonBody(event, holdSchema) }),
  'POST /tickets/{id}/resume': withoutBody({ kind: 'resume' }),
  'POST /tickets/{id}/resolve': (event) => ({ kind: 'resolve', ...parseJsonBody(event, resolveSchema) }),
};

/**
 * POST /tickets/{id}/acknowledge, /work-log {minutes, note}, /hold {reason}, /resume, /resolve
 * {summary} (technician, admin): only the ticket's assignee or an admin; the ticket as it is now.
 */
export const handler = staffHandler(async ({ event, caller }) => {
  const parse = ACTIONS[event.routeKey];
  if (!parse) throw new Error(`TicketActions has no route ${event.routeKey}`);
  const id = event.pathParameters?.id ?? '';
  if (!TICKET_ID_PATTERN.test(id)) throw new NotFoundError(`No ticket with id ${id.slice(0, 64)}`);
  const action = parse(event);
  const ticket = await actOnTicket(id, action, caller, new Date(event.requestContext.timeEpoch).toISOString());
  if (action.kind === 'resolve') metrics.addMetric('TicketResolved', MetricUnit.Count, 1);
  return json(200, ticketView(ticket));
});
