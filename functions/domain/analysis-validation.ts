import type { FieldError } from './field-error';
import type { AnalysisItem } from './analysis';

/**
 * The checks the schema cannot make alone: every incident of the onboarding is analysed exactly
 * once and nothing else is. Errors point at the offending item, or at /items for what is missing;
 * an empty list means the submission matches.
 */
export function checkAnalysisAgainstIncidents(
  incidentIds: readonly string[],
  submission: { readonly items: readonly Pick<AnalysisItem, 'incidentId'>[] },
): FieldError[] {
  const known = new Set(incidentIds);
  const timesSeen = new Map<string, number>();
  const errors: FieldError[] = [];

  submission.items.forEach(({ incidentId }, index) => {
    const pointer = `/items/${index}/incidentId`;
    if (!known.has(incidentId)) {
      errors.push({ pointer, message: `Unknown incident ${incidentId}` });
      return;
    }
    const times = (timesSeen.get(incidentId) ?? 0) + 1;
    timesSeen.set(incidentId, times);
    if (times > 1) errors.push({ pointer, message: `${incidentId} is analysed ${times === 2 ? 'twice' : `${times} times`}` });
  });

  const missing = incidentIds.filter((id) => !timesSeen.has(id));
  if (missing.length > 0) errors.push({ pointer: '/items', message: `Missing analysis for ${missing.join(', ')}` });
  return errors;
}

/** An analysis that does not cover the onboarding's incidents exactly once each cannot be priced. */
export class AnalysisMismatchError extends Error {
  constructor(readonly errors: FieldError[]) {
    super(`The analysis does not match the incidents: ${errors.map((error) => error.message).join('; ')}`);
    this.name = 'AnalysisMismatchError';
  }
}
