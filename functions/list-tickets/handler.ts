import { z } from 'zod';
import { TICKET_STATUSES, ticketView } from '../domain/ticket';
import { parseQuery } from '../runtime/http/request';
import { json, staffHandler } from '../runtime/http/http-handler';
import { paginationQuery } from '../runtime/http/pagination';
import { listTickets } from './list-tickets';

const querySchema = z.strictObject({
  assignee: z.string({ error: 'Required: me, or a technician id (admins)' }).min(1, 'Required: me, or a technician id (admins)').max(64),
  status: z.enum(TICKET_STATUSES).optional(),
  ...paginationQuery,
});

/** GET /tickets (technician, admin): `?assignee=me|<technicianId>&status=&limit=&cursor=`. */
export const handler = staffHandler(async ({ event, caller }) => {
  const page = await listTickets(parseQuery(event, querySchema), caller);
  return json(200, { items: page.items.map(ticketView), nextCursor: page.nextCursor ?? null });
});
