import { ticketListQuerySchema } from '../domain/list-queries';
import { ticketView } from '../domain/ticket';
import { parseQuery } from '../runtime/http/request';
import { json, staffHandler } from '../runtime/http/http-handler';
import { listTickets } from './list-tickets';

/** GET /tickets (technician, admin): `?assignee=me|<technicianId>&status=&limit=&cursor=`. */
export const handler = staffHandler(async ({ event, caller }) => {
  const page = await listTickets(parseQuery(event, ticketListQuerySchema), caller);
  return json(200, { items: page.items.map(ticketView), nextCursor: page.nextCursor ?? null });
});
