import { TECHNICIAN_ID_PATTERN } from '../domain/technician';
import type { TicketStatus } from '../domain/ticket';
import { findTechnician } from '../adapters/dynamodb/technician-repository';
import { ticketsOfAssignee, type TicketPage } from '../adapters/dynamodb/ticket-repository';
import { technicianOf, unknownTechnicianError } from '../application/caller-technician';
import { ForbiddenError, NotFoundError, ValidationError } from '../runtime/errors';
import type { Caller } from '../runtime/http/caller';

export interface TicketListQuery {
  /** `me`, or (admins) a technician's id. */
  assignee: string;
  status?: TicketStatus;
  limit: number;
  cursor?: string;
}

/**
 * A technician's tickets, oldest first, optionally in one status. A technician sees only their
 * own (`assignee=me`, matched by the token's e-mail); an admin names any technician, or `me`
 * when they are one too.
 */
export async function listTickets(query: TicketListQuery, caller: Caller): Promise<TicketPage> {
  const technicianId = await assigneeOf(query.assignee, caller);
  return ticketsOfAssignee({ technicianId, limit: query.limit, ...(query.status ? { status: query.status } : {}), ...(query.cursor ? { cursor: query.cursor } : {}) });
}

async function assigneeOf(assignee: string, caller: Caller): Promise<string> {
  if (assignee === 'me') {
    const technician = await technicianOf(caller);
    if (!technician) throw unknownTechnicianError(caller);
    return technician.technicianId;
  }
  if (!caller.roles.includes('admin')) throw new ForbiddenError('Technicians see their own tickets: use ?assignee=me');
  if (!TECHNICIAN_ID_PATTERN.test(assignee)) {
    throw new ValidationError([{ parameter: 'assignee', message: 'me, or a technician id (tech-…)' }], 'Invalid query parameters');
  }
  if (!(await findTechnician(assignee))) throw new NotFoundError(`No technician with id ${assignee}`);
  return assignee;
}
