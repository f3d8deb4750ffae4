import { newTechnicianId, type NewTechnician, type Technician, type TechnicianPatch } from '../domain/technician';
import { findTechnician, insertTechnician, updateTechnician } from '../adapters/dynamodb/technician-repository';
import { wakeWaitingAssignmentsQuietly } from '../application/technician-wakeups';
import { NotFoundError } from '../runtime/errors';
import { logger } from '../runtime/observability';

/**
 * Adds a technician with no load. The e-mail address is claimed in the same transaction, so a
 * second technician with the same address in any case is refused (TechnicianEmailTakenError,
 * 409). Tickets that wait for a technician are woken: the newcomer may fit them.
 */
export async function addTechnician(input: NewTechnician, now: string): Promise<Technician> {
  const technician: Technician = { technicianId: newTechnicianId(Date.parse(now)), ...input, load: 0, createdAt: now, updatedAt: now };
  await insertTechnician(technician);
  logger.info('technician added', { technicianId: technician.technicianId });
  await wakeWaitingAssignmentsQuietly('technician-added');
  return technician;
}

export interface TechnicianChange {
  technician: Technician;
  /** Set when the change deactivated a technician who still has open tickets: those stay with them. */
  openTickets?: number;
  note?: string;
}

/**
 * Changes any of a technician's fields. Deactivating takes no ticket away: the technician's open
 * tickets stay with them (the answer says how many), and no new ticket is assigned to them. Every
 * change wakes the tickets that wait for a technician (more capacity, a new skill, a technician
 * active again).
 */
export async function changeTechnician(technicianId: string, patch: TechnicianPatch, now: string): Promise<TechnicianChange> {
  const before = await findTechnician(technicianId);
  if (!before) throw new NotFoundError(`No technician with id ${technicianId}`);
  const after: Technician = { ...before, ...patch, updatedAt: laterThan(before.updatedAt, now) };
  // Guarded by updatedAt: a concurrent change makes this one 409, never a lost update.
  await updateTechnician(before, after);
  // Load moves with assignments and resolutions meanwhile: answer with what is stored now.
  const technician = (await findTechnician(technicianId)) ?? after;
  logger.info('technician changed', { technicianId, fields: Object.keys(patch) });
  await wakeWaitingAssignmentsQuietly('technician-changed');

  if (patch.active === false && technician.load > 0) {
    return {
      technician,
      openTickets: technician.load,
      note: `Deactivated: their ${technician.load} open ticket(s) stay with them; reassign by hand if needed`,
    };
  }
  return { technician };
}

/**
 * `updatedAt` is the optimistic lock of a technician, so it must move with every change, even
 * two changes within one millisecond of request time.
 */
function laterThan(previous: string, now: string): string {
  const earliest = Date.parse(previous) + 1;
  return Date.parse(now) >= earliest ? now : new Date(earliest).toISOString();
}
