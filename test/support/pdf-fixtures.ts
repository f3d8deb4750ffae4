import type { Agreement } from '../../functions/domain/agreement';
import { MAX_ESTIMATED_HOURS, type AnalysisItem } from '../../functions/domain/analysis';
import type { DecisionEvidence } from '../../functions/domain/decision-evidence';
import type { Onboarding } from '../../functions/domain/onboarding';
import { priceAgreement } from '../../functions/domain/pricing';
import type { RateCard } from '../../functions/domain/rate-card';
import { COUNTS, TEXT_BOUNDS } from '../../functions/domain/size-budget';
import { DEFAULT_RATE_CARD, EXAMPLE_PROVIDER } from '../../infra/stage-config';

/** Agreements priced by the domain itself (figures add up), for the PDF tests and the size checks. */
type PdfOnboarding = Pick<Onboarding, 'id' | 'client' | 'incidents' | 'contacts'>;

const ONBOARDING_ID = 'onb-01JDW3Y8Q7ZK4M2N6P8R0T2V4X';

export function demoAgreement(overrides: { locale?: 'nl' | 'en'; contactName?: string; companyName?: string; rateCard?: RateCard } = {}): Agreement {
  const onboarding: PdfOnboarding = {
    id: ONBOARDING_ID,
    client: { companyName: overrides.companyName ?? 'Bakkerij De Korenschoof B.V.', kvkNumber: '12345678', vatNumber: 'NL123456789B01', locale: overrides.locale ?? 'nl' },
    contacts: [{ name: overrides.contactName ?? 'Sanne de Vries', email: 'sanne@korenschoof.example', role: 'primary' }],
    incidents: [
      { id: 'inc-01', title: 'Kassasysteem valt uit', description: 'Herstart vaak.', category: 'hardware', impact: 'high' },
      { id: 'inc-02', title: 'Wifi traag in het kantoor', description: "'s Middags traag.", category: 'network', impact: 'normal' },
    ],
  };
  const items: AnalysisItem[] = [
    {
      incidentId: 'inc-01',
      rootCause: 'De voeding van het kassasysteem is defect: bij piekbelasting zakt de spanning weg en herstart de kassa.',
      solution: 'Voeding vervangen door een exemplaar met voldoende vermogen en de kassa 30 minuten onder belasting testen.',
      actionType: 'replacement',
      estimatedHours: 2.5,
      requiredSkills: ['hardware'],
      priority: 'high',
      materials: [{ description: 'Voeding kassasysteem', quantity: 1, unitCostCents: 4950 }],
    },
    {
      incidentId: 'inc-02',
      rootCause: 'Het access point in de kantine zendt op hetzelfde kanaal als dat van de buren.',
      solution: 'Kanaalplan maken, twee access points bijplaatsen en de oude herconfigureren.',
      actionType: 'configuration',
      estimatedHours: 1.75,
      requiredSkills: ['netwerk'],
      priority: 'normal',
      materials: [{ description: 'Access point', quantity: 2, unitCostCents: 12900 }],
    },
  ];
  return priceAgreement({ onboarding, analysis: { version: 1, items }, rateCard: overrides.rateCard ?? DEFAULT_RATE_CARD, version: 2, provider: EXAMPLE_PROVIDER, now: new Date('2026-11-12T09:30:00.000Z') });
}

/*
 * Dutch-looking prose from a seeded generator: a few hundred words drawn with Zipf's law (a few
 * words often, most rarely), numbers, sentence lengths that vary. It deflates about as well as real
 * Dutch text does (about 2.5 bits a character, like docs/architecture.md), not as a repeated
 * phrase would: the size checks of the largest agreement stay honest.
 */
const VOCABULARY = (
  'de het een en van in is op te dat voor met niet zijn aan er ook als bij door om maar dan nog of tot uit na over ' +
  'naar wordt worden werd kan moet heeft hebben was zal zou al meer geen alle deze dit die wat wanneer omdat waardoor ' +
  'kassa printer netwerk server switch router firewall configuratie update storing oorzaak oplossing klant medewerker ' +
  'kantoor verbinding instelling herstart voeding schijf back-up wachtwoord account licentie gebruiker werkplek laptop ' +
  'beeldscherm toetsenbord stuurprogramma versie melding controle vervangen geïnstalleerd getest gemeten onderzocht ' +
  'vastgesteld ingericht gecontroleerd bijgewerkt overgezet logbestand foutmelding certificaat domein adres poort ' +
  'kabel patchpaneel accesspoint kanaal signaal bereik vertraging pakketverlies bandbreedte provider glasvezel modem ' +
  'telefooncentrale toestel headset vergaderruimte projector scanner etiketprinter pinautomaat betaalterminal bonprinter ' +
  'lade cassette toner papier sensor ventilator temperatuur koeling stof behuizing moederbord geheugen processor ' +
  'opslag partitie bestandssysteem rechten groep beleid aanmelding tweestapsverificatie sleutel versleuteling ' +
  'mailbox agenda synchronisatie cloud abonnement factuur leverancier garantie reparatie onderdeel levering planning ' +
  'ochtend middag avond week maand dinsdag donderdag vrijdag spits piek belasting capaciteit gebruik overzicht rapport ' +
  'afspraak contact locatie vestiging magazijn winkel filiaal balie keuken bakkerij oven weegschaal koelcel alarm ' +
  'camera opname beveiliging toegang pas lezer deur slot schakelaar stekker stopcontact groepenkast stroomstoring ' +
  'noodstroom accu batterij lader adapter dock monitor resolutie driver firmware patch release handleiding procedure ' +
  'stappen daarna vervolgens eerst tenslotte opnieuw direct tijdelijk structureel regelmatig soms vaak zelden altijd ' +
  'mogelijk waarschijnlijk duidelijk onduidelijk traag snel stabiel instabiel defect verouderd nieuw oud extra ' +
  'voldoende onvoldoende juist onjuist handmatig automatisch centraal lokaal extern intern draadloos bekabeld ' +
  'beheer monitoring waarschuwing drempel grens schema taak dienst proces service wachtrij database tabel index query'
).split(' ');
const CUMULATIVE = (() => {
  const weights = VOCABULARY.map((_, rank) => 1 / (rank + 1.5) ** 1.2);
  const total = weights.reduce((a, b) => a + b, 0);
  let sum = 0;
  return weights.map((w) => (sum += w / total));
})();

export function prose(length: number, seed: number): string {
  let state = (seed * 2654435761) >>> 0 || 1;
  const next = () => {
    state ^= state << 13;
    state >>>= 0;
    state ^= state >>> 17;
    state ^= state << 5;
    state >>>= 0;
    return state / 2 ** 32;
  };
  const word = () => {
    const r = next();
    if (r < 0.01) return String(Math.floor(next() * 10_000));
    let low = 0;
    let high = CUMULATIVE.length - 1;
    while (low < high) {
      const mid = (low + high) >> 1;
      if (CUMULATIVE[mid]! < r) low = mid + 1;
      else high = mid;
    }
    return VOCABULARY[low]!;
  };
  let out = '';
  let sentence = 0;
  let sentenceLength = 6 + Math.floor(next() * 14);
  while (out.length < length) {
    // Real prose repeats itself (phrases, names, terms): now and then a few recent words again.
    let w = word();
    const recent = out.split(' ');
    if (recent.length > 40 && next() < 0.06) {
      const from = recent.length - 40 + Math.floor(next() * 30);
      w = recent.slice(from, from + 3 + Math.floor(next() * 3)).join(' ').replace(/[.,]/g, '');
    }
    if (sentence === 0) w = w[0]!.toUpperCase() + w.slice(1);
    sentence++;
    const end = sentence >= sentenceLength;
    out += `${out === '' ? '' : ' '}${w}${end ? '.' : next() < 0.06 ? ',' : ''}`;
    if (end) {
      sentence = 0;
      sentenceLength = 6 + Math.floor(next() * 14);
    }
  }
  return `${out.slice(0, length - 1).trimEnd()}.`.padStart(length, 'X');
}

export interface AgreementSize {
  /** Characters of every root cause and every solution. */
  findingChars: number;
  /** Materials over the whole agreement, at most `materialsPerLine` on a line. */
  materials: number;
  materialsPerLine: number;
  materialChars: number;
  textChars: number;
}

/**
 * The largest agreement the domain's bounds allow (functions/domain/size-budget.ts): 25 lines,
 * every text at its bound (in ASCII, the most glyphs a byte bound lets through), every material
 * the analysis may have, the largest hours and amounts.
 */
export const LARGEST_ALLOWED: AgreementSize = {
  findingChars: Math.min(TEXT_BOUNDS.rootCause.chars, TEXT_BOUNDS.rootCause.bytes, TEXT_BOUNDS.solution.chars, TEXT_BOUNDS.solution.bytes),
  materials: COUNTS.materialsPerAnalysis,
  materialsPerLine: COUNTS.materialsPerItem,
  materialChars: Math.min(TEXT_BOUNDS.materialDescription.chars, TEXT_BOUNDS.materialDescription.bytes),
  textChars: Math.min(TEXT_BOUNDS.incidentTitle.chars, TEXT_BOUNDS.incidentTitle.bytes),
};

export function largestAgreement(size: AgreementSize = LARGEST_ALLOWED): Agreement {
  const incidents = Array.from({ length: COUNTS.incidents }, (_, i) => ({
    id: `inc-${String(i + 1).padStart(2, '0')}`,
    title: prose(size.textChars, 1000 + i),
    description: 'x',
    category: 'hardware',
    impact: 'high' as const,
  }));
  const onboarding: PdfOnboarding = {
    id: ONBOARDING_ID,
    client: { companyName: prose(size.textChars, 7), kvkNumber: '12345678', vatNumber: 'NL123456789B01', locale: 'nl' },
    contacts: [{ name: prose(size.textChars, 8), email: `${'a'.repeat(64)}@${'b'.repeat(180)}.example`, role: 'primary' }],
    incidents,
  };
  let materialsLeft = size.materials;
  const items: AnalysisItem[] = incidents.map((incident, i) => {
    const count = Math.min(size.materialsPerLine, materialsLeft);
    materialsLeft -= count;
    return {
      incidentId: incident.id,
      rootCause: prose(size.findingChars, 2000 + i),
      solution: prose(size.findingChars, 3000 + i),
      actionType: 'repair',
      estimatedHours: MAX_ESTIMATED_HOURS,
      requiredSkills: ['hardware'],
      priority: 'critical',
      materials: Array.from({ length: count }, (_, m) => ({ description: prose(size.materialChars, 10_000 + i * 100 + m), quantity: 10_000, unitCostCents: 10_000_000 })),
    };
  });
  return priceAgreement({ onboarding, analysis: { version: 1, items }, rateCard: DEFAULT_RATE_CARD, version: 1, provider: EXAMPLE_PROVIDER, now: new Date('2026-11-12T09:30:00.000Z') });
}

export function sampleEvidence(agreement: Agreement, overrides: Partial<DecisionEvidence> = {}): DecisionEvidence {
  return {
    onboardingId: agreement.onboardingId,
    agreementVersion: agreement.version,
    decision: 'approve',
    name: 'Sanne de Vries',
    at: '2026-11-13T14:05:09.000Z',
    ip: '203.0.113.42',
    userAgent: 'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36',
    documentHash: agreement.documentHash,
    linkPurpose: 'agreement-decision',
    offerPdfSha256: 'ab'.repeat(32),
    retainUntil: '2033-11-13T14:05:09.000Z',
    ...overrides,
  };
}
