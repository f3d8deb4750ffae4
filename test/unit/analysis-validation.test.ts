import { describe, expect, it } from 'vitest';
import { analysisSubmissionSchema, MAX_MATERIALS_PER_ANALYSIS, MAX_MATERIALS_PER_ITEM } from '../../functions/domain/analysis';
import { AnalysisMismatchError, checkAnalysisAgainstIncidents, checkAnalysisAgainstLimits } from '../../functions/domain/analysis-validation';
import { DEFAULT_ANALYSIS_LIMITS } from '../../functions/domain/rate-card';
import { fieldErrorsFromZod } from '../../functions/runtime/http/zod-errors';

const incidents = ['inc-01', 'inc-02', 'inc-03'];
const submission = (...ids: string[]) => ({ items: ids.map((incidentId) => ({ incidentId })) });

describe('checkAnalysisAgainstIncidents', () => {
  it('accepts every incident analysed once, in any order', () => {
    expect(checkAnalysisAgainstIncidents(incidents, submission('inc-03', 'inc-01', 'inc-02'))).toEqual([]);
  });

  it('accepts a submission parsed by the analysis schema', () => {
    const parsed = analysisSubmissionSchema.parse({
      items: [
        {
          incidentId: 'inc-01',
          rootCause: 'Versleten voeding',
          solution: 'Voeding vervangen',
          actionType: 'replacement',
          estimatedHours: 1.5,
          requiredSkills: ['hardware'],
          priority: 'high',
        },
      ],
    });
    expect(checkAnalysisAgainstIncidents(['inc-01'], parsed)).toEqual([]);
  });

  it('points at an item for an incident the onboarding does not have', () => {
    expect(checkAnalysisAgainstIncidents(incidents, submission('inc-01', 'inc-02', 'inc-09', 'inc-03'))).toEqual([
      { pointer: '/items/2/incidentId', message: 'Unknown incident inc-09' },
    ]);
  });

  it('points at the repeat when an incident is analysed twice', () => {
    expect(checkAnalysisAgainstIncidents(incidents, submission('inc-01', 'inc-02', 'inc-03', 'inc-01'))).toEqual([
      { pointer: '/items/3/incidentId', message: 'inc-01 is analysed twice' },
    ]);
  });

  it('counts further repeats', () => {
    expect(checkAnalysisAgainstIncidents(['inc-01'], submission('inc-01', 'inc-01', 'inc-01'))).toEqual([
      { pointer: '/items/1/incidentId', message: 'inc-01 is analysed twice' },
      { pointer: '/items/2/incidentId', message: 'inc-01 is analysed 3 times' },
    ]);
  });

  it('lists every missing incident once, in the onboarding’s order, at /items', () => {
    expect(checkAnalysisAgainstIncidents(incidents, submission('inc-01'))).toEqual([
      { pointer: '/items', message: 'Missing analysis for inc-02, inc-03' },
    ]);
  });

  it('reports item errors in item order, then what is missing', () => {
    expect(checkAnalysisAgainstIncidents(incidents, submission('inc-07', 'inc-02', 'inc-02', 'inc-08'))).toEqual([
      { pointer: '/items/0/incidentId', message: 'Unknown incident inc-07' },
      { pointer: '/items/2/incidentId', message: 'inc-02 is analysed twice' },
      { pointer: '/items/3/incidentId', message: 'Unknown incident inc-08' },
      { pointer: '/items', message: 'Missing analysis for inc-01, inc-03' },
    ]);
  });

  it('does not count an unknown id as a repeat of itself', () => {
    expect(checkAnalysisAgainstIncidents(['inc-01'], submission('inc-01', 'inc-09', 'inc-09'))).toEqual([
      { pointer: '/items/1/incidentId', message: 'Unknown incident inc-09' },
      { pointer: '/items/2/incidentId', message: 'Unknown incident inc-09' },
    ]);
  });
});

describe('AnalysisMismatchError', () => {
  it('is named and carries the field errors', () => {
    const errors = [{ pointer: '/items', message: 'Missing analysis for inc-02' }];
    const error = new AnalysisMismatchError(errors);
    expect(error).toBeInstanceOf(Error);
    expect(error.name).toBe('AnalysisMismatchError');
    expect(error.errors).toEqual(errors);
    expect(error.message).toContain('Missing analysis for inc-02');
  });
});

describe('checkAnalysisAgainstLimits (the rate card’s analysisLimits)', () => {
  const limits = { maxHoursPerItem: 8, maxMaterialQuantity: 10, maxMaterialUnitCostCents: 50_000 };
  const material = (quantity: number, unitCostCents: number) => ({ description: 'Onderdeel', quantity, unitCostCents });

  it('accepts an analysis at the limits exactly', () => {
    expect(checkAnalysisAgainstLimits(limits, { items: [{ estimatedHours: 8, materials: [material(10, 50_000)] }] })).toEqual([]);
  });

  it('points at every field above them, in item and material order', () => {
    const errors = checkAnalysisAgainstLimits(limits, {
      items: [
        { estimatedHours: 2, materials: [material(1, 100), material(11, 100), material(10, 50_001)] },
        { estimatedHours: 1, materials: [] },
        { estimatedHours: 1, materials: [] },
        { estimatedHours: 8.25, materials: [material(20, 60_000)] },
      ],
    });
    expect(errors).toEqual([
      { pointer: '/items/0/materials/1/quantity', message: "At most 10 per material (the rate card's limit)" },
      { pointer: '/items/0/materials/2/unitCostCents', message: "At most 50000 cents (€500.00) per unit (the rate card's limit)" },
      { pointer: '/items/3/estimatedHours', message: "At most 8 hours per item (the rate card's limit)" },
      { pointer: '/items/3/materials/0/quantity', message: "At most 10 per material (the rate card's limit)" },
      { pointer: '/items/3/materials/0/unitCostCents', message: "At most 50000 cents (€500.00) per unit (the rate card's limit)" },
    ]);
  });

  it('the defaults a card without limits reads as', () => {
    expect(checkAnalysisAgainstLimits(DEFAULT_ANALYSIS_LIMITS, { items: [{ estimatedHours: 40.25, materials: [] }] }).map((e) => e.pointer)).toEqual(['/items/0/estimatedHours']);
  });
});

describe('analysis schema: counts that keep the items small', () => {
  const item = (incidentId: string, materials: number) => ({
    incidentId,
    rootCause: 'Oorzaak',
    solution: 'Oplossing',
    actionType: 'repair',
    estimatedHours: 1,
    requiredSkills: ['netwerk'],
    priority: 'normal',
    materials: Array.from({ length: materials }, () => ({ description: 'Kabel', quantity: 1, unitCostCents: 100 })),
  });
  const errorsOf = (body: unknown) => {
    const result = analysisSubmissionSchema.safeParse(body);
    return result.success ? [] : fieldErrorsFromZod(result.error);
  };

  it(`at most ${MAX_MATERIALS_PER_ITEM} materials per item`, () => {
    expect(errorsOf({ items: [item('inc-01', MAX_MATERIALS_PER_ITEM)] })).toEqual([]);
    expect(errorsOf({ items: [item('inc-01', MAX_MATERIALS_PER_ITEM + 1)] })).toEqual([{ pointer: '/items/0/materials', message: `At most ${MAX_MATERIALS_PER_ITEM} materials per item` }]);
  });

  it(`at most ${MAX_MATERIALS_PER_ANALYSIS} materials over the analysis`, () => {
    const full = Array.from({ length: MAX_MATERIALS_PER_ANALYSIS / MAX_MATERIALS_PER_ITEM }, (_, i) => item(`inc-${String(i + 1).padStart(2, '0')}`, MAX_MATERIALS_PER_ITEM));
    expect(errorsOf({ items: full })).toEqual([]);
    expect(errorsOf({ items: [...full, item('inc-20', 1)] })).toEqual([{ pointer: '/items', message: `At most ${MAX_MATERIALS_PER_ANALYSIS} materials in one analysis` }]);
  });
});
