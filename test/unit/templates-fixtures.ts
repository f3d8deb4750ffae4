import type { Agreement } from '../../functions/domain/agreement';
import type { Onboarding } from '../../functions/domain/onboarding';
import type { ProviderIdentity } from '../../functions/domain/provider';
import type { RateCard } from '../../functions/domain/rate-card';
import { TEST_RATE_CARD } from '../support/rate-card';

/** Text that must always come out as text: markup, both quotes and an ampersand. */
export const HOSTILE = `<script>alert(1)</script> "'&`;
export const HOSTILE_ESCAPED = '&lt;script&gt;alert(1)&lt;/script&gt; &quot;&#39;&amp;';

export const rateCard: RateCard = { ...TEST_RATE_CARD, validityDays: 14 };

/** The provider as stage config would give it (hand-written, so expectations need no lookup). */
export const PROVIDER: ProviderIdentity = {
  legalName: 'Break & Fix Utrecht B.V.',
  address: { street: 'Oudegracht 100', postalCode: '3511 AX', city: 'Utrecht', country: 'Nederland' },
  kvkNumber: '87654321',
  vatId: 'NL864201357B01',
  iban: 'NL91ABNA0417164300',
  termsUrl: 'https://breakfix.example/algemene-voorwaarden?v=2&lang=nl',
};

/** The analyst's findings on the first line; the second line has none, as on a version drafted before they were shown. */
export const ROOT_CAUSE = 'De voeding van de kassa is defect.';
export const SOLUTION = 'Voeding vervangen.\nDaarna de kassa een dag testen.';

/** A priced agreement with two lines, as DraftAgreement would store it (figures add up). */
export function sampleAgreement(
  overrides: { companyName?: string; locale?: 'nl' | 'en'; title?: string; version?: number; rootCause?: string; solution?: string; provider?: ProviderIdentity | null } = {},
): Agreement {
  const provider = overrides.provider === undefined ? PROVIDER : overrides.provider;
  return {
    onboardingId: 'onb-01JDW3Y8Q7ZK4M2N6P8R0T2V4X',
    version: overrides.version ?? 1,
    analysisVersion: 1,
    createdAt: '2026-11-12T09:30:00.000Z',
    validUntil: '2026-11-26',
    client: {
      companyName: overrides.companyName ?? 'Bakkerij De Korenschoof B.V.',
      kvkNumber: '12345678',
      vatNumber: 'NL123456789B01',
      locale: overrides.locale ?? 'nl',
      contact: { name: 'Sanne de Vries', email: 'sanne@korenschoof.example' },
    },
    ...(provider ? { provider } : {}),
    lines: [
      {
        incidentId: 'inc-01',
        title: overrides.title ?? 'Kassasysteem valt uit',
        rootCause: overrides.rootCause ?? ROOT_CAUSE,
        solution: overrides.solution ?? SOLUTION,
        actionType: 'repair',
        priority: 'high',
        estimatedHours: 2.5,
        billableMinutes: 150,
        hourlyRateCents: 9500,
        surchargePercent: 125,
        labourCents: 29688,
        materials: [{ description: 'Voeding kassasysteem', quantity: 1, unitCostCents: 4950, totalCents: 4950 }],
        materialsCents: 4950,
        totalCents: 34638,
      },
      {
        incidentId: 'inc-02',
        title: 'Wifi traag in het kantoor',
        actionType: 'configuration',
        priority: 'normal',
        estimatedHours: 1.75,
        billableMinutes: 105,
        hourlyRateCents: 9500,
        surchargePercent: 100,
        labourCents: 16625,
        materials: [{ description: 'Access point', quantity: 2, unitCostCents: 12900, totalCents: 25800 }],
        materialsCents: 25800,
        totalCents: 42425,
      },
    ],
    totals: { exclVatCents: 77063, vatPercent: 21, vatCents: 16183, inclVatCents: 93246 },
    responseTimes: { critical: 4, high: 8, normal: 16, low: 40 },
    invoicing: rateCard.invoicing,
    minimumBillableMinutes: 15,
    rateCard,
    documentHash: '9f2c4e1a7b3d5f6081a2c3e4f5061728394a5b6c7d8e9f00112233445566778a',
  };
}

/** The onboarding the agreement belongs to. */
export function sampleOnboarding(overrides: { companyName?: string; locale?: 'nl' | 'en'; contactName?: string } = {}): Onboarding {
  return {
    id: 'onb-01JDW3Y8Q7ZK4M2N6P8R0T2V4X',
    status: 'AGREEMENT_SENT',
    version: 7,
    createdAt: '2026-11-10T13:05:00.000Z',
    updatedAt: '2026-11-12T09:30:00.000Z',
    accountManager: { sub: '11111111-1111-4111-8111-111111111111', email: 'am@breakfix.example' },
    client: { companyName: overrides.companyName ?? 'Bakkerij De Korenschoof B.V.', locale: overrides.locale ?? 'nl' },
    contacts: [{ name: overrides.contactName ?? 'Sanne de Vries', email: 'sanne@korenschoof.example', role: 'primary' }],
    expectations: { summary: 'Snelle hulp bij storingen.' },
    incidents: [
      { id: 'inc-01', title: 'Kassasysteem valt uit', description: 'Herstart vaak.', category: 'hardware', impact: 'high' },
      { id: 'inc-02', title: 'Wifi traag in het kantoor', description: "'s Middags traag.", category: 'network', impact: 'normal' },
    ],
    analysisRound: 1,
    changeRequests: [],
  };
}
