import { TICKET_ID_PATTERN, ticketPatchSchema, ticketView } from '../domain/ticket';
import { NotFoundError } from '../runtime/errors';
import { parseJsonBody } from '../runtime/http/request';
import { json, staffHandler } from '../runtime/http/http-handler';
import { updateTicket } from './update-ticket';

/** PATCH /tickets/{id} (account-manager, admin): priority until resolved; skills and estimate while open. */
export const handler = staffHandler(async ({ event, caller }) => {
  const id = event.pathParameters?.id ?? '';
  if (!TICKET_ID_PATTERN.test(id)) throw new NotFoundError(`No ticket with id ${id.slice(0, 64)}`);
  const patch = parseJsonBody(event, ticketPatchSchema);
  const ticket = await updateTicket(id, patch, caller, new Date(event.requestContext.timeEpoch).toISOString());
  return json(200, ticketView(ticket));
});
