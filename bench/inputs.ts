import type * as z from 'zod';
import type { Agreement } from '../functions/domain/agreement';
import type { AnalysisItem } from '../functions/domain/analysis';
import type { intakeSchema } from '../functions/domain/intake';
import type { Onboarding } from '../functions/domain/onboarding';
import type { Priority } from '../functions/domain/rate-card';
import type { PriceAgreementInput } from '../functions/domain/pricing';
import { DEFAULT_RATE_CARD, EXAMPLE_PROVIDER } from '../infra/stage-config';
import { validIntake } from '../test/support/fixtures';

/*
 * Inputs shaped as the tests build them (test/support/fixtures.ts, test/unit/pricing.test.ts):
 * realistic Dutch text, every optional field that a real intake or analysis tends to carry.
 */

type IntakeInput = z.input<typeof intakeSchema>;

const PRIORITIES: readonly Priority[] = ['critical', 'high', 'normal', 'low'];
const CATEGORIES = ['hardware', 'network', 'software', 'accounts'] as const;
const ACTIONS = ['repair', 'update', 'configuration', 'replacement', 'other'] as const;

const incidentId = (n: number) => `inc-${String(n).padStart(2, '0')}`;

function incident(n: number) {
  return {
    title: `Storing ${n}: kassasysteem valt uit`,
    description: `De kassa in filiaal ${n} herstart meerdere keren per dag, vooral bij drukte.\nSinds de update van vorige week.`,
    category: CATEGORIES[n % CATEGORIES.length]!,
    impact: PRIORITIES[n % PRIORITIES.length]!,
    ...(n % 2 === 0 && { affectedUsers: 4 + n }),
  };
}

/** A complete, valid intake body (the tests' fixture) with `incidentCount` incidents (1…25). */
export function intakeBody(incidentCount: number): IntakeInput {
  return validIntake({ incidents: Array.from({ length: incidentCount }, (_, i) => incident(i + 1)) });
}

/** The stored onboarding's part that pricing reads, with `incidentCount` incidents. */
export function onboardingFor(incidentCount: number): Pick<Onboarding, 'id' | 'client' | 'incidents' | 'contacts'> {
  return {
    id: 'onb-01JQ0000000000000000000000',
    contacts: [{ role: 'primary', name: 'Jan de Vries', email: 'jan@korenschoof.example' }],
    client: { companyName: 'Bakkerij De Korenschoof B.V.', kvkNumber: '12345678', vatNumber: 'NL123456789B01', locale: 'nl' },
    incidents: Array.from({ length: incidentCount }, (_, i) => ({ id: incidentId(i + 1), ...incident(i + 1) })),
  };
}

/** One analysis item per incident; every third carries two materials, hours in quarter hours. */
export function analysisFor(incidentCount: number): { version: number; items: AnalysisItem[] } {
  const items = Array.from({ length: incidentCount }, (_, i): AnalysisItem => {
    const n = i + 1;
    return {
      incidentId: incidentId(n),
      rootCause: 'Defecte voeding in de kassa',
      solution: 'Voeding vervangen en firmware bijwerken',
      actionType: ACTIONS[n % ACTIONS.length]!,
      estimatedHours: 0.25 * ((n % 12) + 1),
      requiredSkills: ['hardware', 'kassasystemen'],
      priority: PRIORITIES[n % PRIORITIES.length]!,
      materials:
        n % 3 === 0
          ? [
              { description: 'Voeding', quantity: 1, unitCostCents: 4900 },
              { description: 'Netwerkkabel', quantity: 3, unitCostCents: 799 },
            ]
          : [],
    };
  });
  // Given in reverse order, as the pricing test does: pricing re-orders lines by incident.
  return { version: 1, items: items.reverse() };
}

/** A full priceAgreement input with `incidentCount` incidents, on the stage's default rate card. */
export function draftInput(incidentCount: number): PriceAgreementInput {
  return {
    onboarding: onboardingFor(incidentCount),
    analysis: analysisFor(incidentCount),
    rateCard: DEFAULT_RATE_CARD,
    version: 1,
    provider: EXAMPLE_PROVIDER,
    now: new Date('2025-06-10T09:00:00Z'),
  };
}

/** An agreement's hashed content: every field but documentHash. */
export function contentOf(agreement: Agreement): Omit<Agreement, 'documentHash'> {
  const { documentHash: _omit, ...content } = agreement;
  return content;
}
