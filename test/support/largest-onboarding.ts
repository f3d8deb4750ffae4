import { analysisSubmissionSchema, type AnalysisSubmission } from '../../functions/domain/analysis';
import { intakeSchema, type Intake } from '../../functions/domain/intake';
import { ASSUMED, COUNTS, TEXT_BOUNDS, type TextBoundName } from '../../functions/domain/size-budget';
import { utf8Bytes, type TextBound } from '../../functions/domain/text-fields';

/*
 * The largest onboarding the API allows: every list at its count bound, every free text at its
 * UTF-8 byte bound, written with multi-byte characters (2-, 3- and 4-byte ones), every optional
 * field present. Built through the API's own schemas, so it is exactly what a request may carry.
 */

/** Multi-byte prose: 16 bytes in 8 UTF-16 code units (Ż ó ł ć: 2 bytes, €: 3, 😀: 4, space: 1). */
const PROSE = 'Żółć€😀 ';

/**
 * Text of exactly `bound.bytes` UTF-8 bytes within `bound.chars` characters, starting with `seed`
 * (so no two are alike). Where the byte bound is more than twice the character bound, only
 * 3-byte "€" reaches it.
 */
export function atByteBound(bound: TextBound, seed = ''): string {
  if (bound.bytes > 2 * bound.chars) {
    const rest = bound.bytes % 3;
    return '€'.repeat(Math.floor(bound.bytes / 3)) + (rest === 2 ? 'é' : rest === 1 ? 'a' : '');
  }
  let value = seed ? `${seed} ` : '';
  while (utf8Bytes(value) + utf8Bytes(PROSE) <= bound.bytes - 1) value += PROSE;
  value = value.trimEnd();
  while (utf8Bytes(value) + 2 <= bound.bytes && value.length < bound.chars - 1) value += 'é';
  while (utf8Bytes(value) < bound.bytes) value += 'a';
  if (utf8Bytes(value) !== bound.bytes || value.length > bound.chars) throw new Error(`Could not fill ${JSON.stringify(bound)}`);
  return value;
}

export const maxText = (name: TextBoundName, seed = ''): string => atByteBound(TEXT_BOUNDS[name], seed);

/** The largest intake: 20 contacts, 25 incidents, every text at its byte bound. */
export function largestIntake(): Intake {
  return intakeSchema.parse({
    client: { companyName: maxText('companyName', 'Bedrijf'), kvkNumber: '12345678', vatNumber: 'NL123456789B01', locale: 'nl' },
    contacts: Array.from({ length: COUNTS.contacts }, (_, i) => ({
      name: maxText('contactName', `Contact ${i}`),
      email: `${'c'.repeat(200)}.${String(i).padStart(2, '0')}@${'d'.repeat(40)}.example`,
      phone: '+31 (20) 123-45678',
      role: i === 0 ? 'primary' : i % 2 ? 'billing' : 'technical',
    })),
    expectations: { summary: maxText('expectationsSummary', 'Verwachting') },
    incidents: Array.from({ length: COUNTS.incidents }, (_, i) => ({
      title: maxText('incidentTitle', `Incident ${i}`),
      description: maxText('incidentDescription', `Beschrijving ${i}`),
      category: maxText('incidentCategory', `Categorie ${i}`),
      impact: 'critical',
      affectedUsers: 1_000_000,
    })),
  });
}

/**
 * The largest analysis for incidents inc-01 … inc-25: every text at its byte bound, 10 skills per
 * item, materials as many as allowed (20 per item, 100 over the analysis), numbers at their
 * largest the rate card's default limits allow.
 */
export function largestAnalysis(limits = { maxHoursPerItem: 40, maxMaterialQuantity: 100, maxMaterialUnitCostCents: 500_000 }): AnalysisSubmission {
  let materialsLeft = COUNTS.materialsPerAnalysis;
  return analysisSubmissionSchema.parse({
    items: Array.from({ length: COUNTS.incidents }, (_, i) => {
      const materials = Math.min(COUNTS.materialsPerItem, materialsLeft);
      materialsLeft -= materials;
      return {
        incidentId: `inc-${String(i + 1).padStart(2, '0')}`,
        rootCause: maxText('rootCause', `Oorzaak ${i}`),
        solution: maxText('solution', `Oplossing ${i}`),
        actionType: 'configuration',
        estimatedHours: limits.maxHoursPerItem - 0.25,
        requiredSkills: Array.from({ length: COUNTS.skillsPerItem }, (_, s) => maxText('skill', `Vaardigheid ${i}.${s}`)),
        priority: 'critical',
        materials: Array.from({ length: materials }, (_, m) => ({
          description: maxText('materialDescription', `Materiaal ${i}.${m}`),
          quantity: limits.maxMaterialQuantity,
          unitCostCents: limits.maxMaterialUnitCostCents - 1,
        })),
      };
    }),
    notes: maxText('analysisNotes', 'Notities'),
  });
}

/** A Step Functions task token at its largest. */
export const largestTaskToken = (seed: string): string => `${seed}-`.padEnd(ASSUMED.taskTokenBytes, 'T');
