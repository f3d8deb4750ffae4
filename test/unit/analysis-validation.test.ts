import { describe, expect, it } from 'vitest';
import { analysisSubmissionSchema } from '../../functions/domain/analysis';
import { AnalysisMismatchError, checkAnalysisAgainstIncidents } from '../../functions/domain/analysis-validation';

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
