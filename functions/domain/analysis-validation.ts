import type { FieldError } from './field-error';
import type { AnalysisItem } from './analysis';
import type { RateCard } from './rate-card';

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

/**
 * The rate card's upper bounds on one analysis (`analysisLimits`): hours per item, and per
 * material its quantity and unit cost. One error per offending field, pointing at it
 * (/items/3/estimatedHours, /items/0/materials/2/quantity); an empty list means it is within them.
 */
export function checkAnalysisAgainstLimits(
  limits: RateCard['analysisLimits'],
  submission: { readonly items: readonly Pick<AnalysisItem, 'estimatedHours' | 'materials'>[] },
): FieldError[] {
  const euros = (cents: number) => `€${(cents / 100).toLocaleString('en-GB', { minimumFractionDigits: 2, maximumFractionDigits: 2 })}`;
  const errors: FieldError[] = [];
  submission.items.forEach((item, index) => {
    if (item.estimatedHours > limits.maxHoursPerItem) {
      errors.push({ pointer: `/items/${index}/estimatedHours`, message: `At most ${limits.maxHoursPerItem} hours per item (the rate card's limit)` });
    }
    item.materials.forEach((material, m) => {
      if (material.quantity > limits.maxMaterialQuantity) {
        errors.push({ pointer: `/items/${index}/materials/${m}/quantity`, message: `At most ${limits.maxMaterialQuantity} per material (the rate card's limit)` });
      }
      if (material.unitCostCents > limits.maxMaterialUnitCostCents) {
        errors.push({
          pointer: `/items/${index}/materials/${m}/unitCostCents`,
          message: `At most ${limits.maxMaterialUnitCostCents} cents (${euros(limits.maxMaterialUnitCostCents)}) per unit (the rate card's limit)`,
        });
      }
    });
  });
  return errors;
}

/** An analysis that does not cover the onboarding's incidents exactly once each cannot be priced. */
export class AnalysisMismatchError extends Error {
  constructor(readonly errors: FieldError[]) {
    super(`The analysis does not match the incidents: ${errors.map((error) => error.message).join('; ')}`);
    this.name = 'AnalysisMismatchError';
  }
}
