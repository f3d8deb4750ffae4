import { changeTicket } from '../adapters/dynamodb/ticket-repository';
import { resumeTask } from '../adapters/sfn/task-callback';
import { logger } from '../runtime/observability';

/**
 * The ticket is with its technician: keeps this wait's task token on the ticket, where
 * POST /tickets/{id}/resolve finds it. Each restart of the wait (after its timeout) brings a new
 * token; a ticket resolved meanwhile resumes the new wait at once.
 */
export async function awaitResolution(input: { ticketId: string; taskToken: string; now: string }): Promise<void> {
  const { ticket } = await changeTicket(input.ticketId, (current) =>
    current.status === 'RESOLVED' ? undefined : { ticket: { ...current, resolutionTask: { taskToken: input.taskToken, since: input.now } } },
  );
  if (ticket.status === 'RESOLVED') {
    const outcome = await resumeTask(input.taskToken, { resolved: true });
    logger.info('ticket was resolved already; resumed the wait', { ticketId: input.ticketId, outcome });
  }
}
