import { chooseTechnician } from '../domain/assignment';
import { allTechnicians } from '../adapters/dynamodb/technician-repository';
import { changeTicket } from '../adapters/dynamodb/ticket-repository';
import { resumeTask } from '../adapters/sfn/task-callback';
import { logger } from '../runtime/observability';

/**
 * The ticket waits for a technician: keeps this wait's task token on the ticket, where a new or
 * changed technician or a resolution (which frees capacity) finds it. Then looks once more, so a
 * technician added between the failed assignment and this moment is not missed.
 */
export async function awaitTechnician(input: { ticketId: string; taskToken: string; now: string }): Promise<void> {
  const { ticket } = await changeTicket(input.ticketId, (current) =>
    current.status === 'OPEN' ? { ticket: { ...current, technicianTask: { taskToken: input.taskToken, since: input.now } } } : undefined,
  );
  const fitsNow = ticket.status !== 'OPEN' || chooseTechnician(ticket.requiredSkills, await allTechnicians()).assigned;
  if (fitsNow) {
    const outcome = await resumeTask(input.taskToken, { recheck: 'now' });
    logger.info('a technician fits already; resumed the wait', { ticketId: input.ticketId, outcome });
  }
}
