import type { Agreement } from '../domain/agreement';
import { resolutionTimesFor } from '../domain/pricing';
import { PRIORITIES, type Priority } from '../domain/rate-card';
import type { SlaTerms } from '../domain/ticket';

/** The response and resolution times per priority that an approved agreement promised. */
export function slaTermsOf(agreement: Agreement): Record<Priority, SlaTerms> {
  const resolution = resolutionTimesFor(agreement);
  return Object.fromEntries(
    PRIORITIES.map((priority) => [priority, { responseHours: agreement.responseTimes[priority], resolutionHours: resolution[priority] }]),
  ) as Record<Priority, SlaTerms>;
}
