import { canonicalJson, sha256Hex } from '../functions/domain/canonical-json';
import { intakeSchema } from '../functions/domain/intake';
import { priceAgreement } from '../functions/domain/pricing';
import { compare, ratio, type Stats } from './harness';
import { contentOf, draftInput, intakeBody } from './inputs';
import type { Section } from './report-types';

const ROUNDS = 60;
const TARGET_ROUND_MS = 20;

/** The domain's hot paths, pure functions, no I/O. */
export async function benchDomain(): Promise<Section> {
  const options = { rounds: ROUNDS, warmupRounds: 5, opsPerRound: 'auto' as const, targetRoundMs: TARGET_ROUND_MS };

  // Pricing: the whole DraftAgreement use case minus storage (lines, totals, rate-card snapshot, hash).
  const one = draftInput(1);
  const many = draftInput(25);
  const agreement25 = priceAgreement(many);
  if (priceAgreement(one).lines.length !== 1 || agreement25.lines.length !== 25) throw new Error('pricing inputs are not what they claim');
  const pricing = await compare(
    [
      { name: 'draft-1', run: () => priceAgreement(one) },
      { name: 'draft-25', run: () => priceAgreement(many) },
    ],
    options,
  );

  // The canonical document hash against the cheapest way to serialise the same content.
  const content = contentOf(agreement25);
  if (sha256Hex(canonicalJson(content)) !== agreement25.documentHash) throw new Error('hash input differs from what pricing hashed');
  const hashing = await compare(
    [
      { name: 'stringify', run: () => JSON.stringify(content) },
      { name: 'canonical', run: () => canonicalJson(content) },
      { name: 'hash', run: () => sha256Hex(canonicalJson(content)) },
    ],
    options,
  );

  // Intake validation: every field of every incident through zod (trim, regex, enums, refinements).
  const intake1 = intakeBody(1);
  const intake25 = intakeBody(25);
  for (const body of [intake1, intake25]) {
    const parsed = intakeSchema.safeParse(body);
    if (!parsed.success) throw new Error(`bench intake is invalid: ${parsed.error.message}`);
  }
  const intake = await compare(
    [
      { name: 'intake-1', run: () => intakeSchema.safeParse(intake1) },
      { name: 'intake-25', run: () => intakeSchema.safeParse(intake25) },
    ],
    options,
  );

  const bytes = Buffer.byteLength(JSON.stringify(content));
  const get = (map: Map<string, Stats>, name: string) => map.get(name)!;
  return {
    title: 'Domain hot paths (no I/O)',
    method:
      `Pure functions in this process. Each group is one comparison: ${ROUNDS} interleaved rounds after 5 warm-up rounds, ` +
      `each round a batch calibrated to about ${TARGET_ROUND_MS} ms; a sample is the batch time divided by its size.`,
    rows: [
      { label: 'priceAgreement, 1 incident', measures: 'Price a 1-item analysis into an agreement (lines, VAT, rate-card snapshot, document hash).', stats: get(pricing, 'draft-1'), kind: 'latency' },
      { label: 'priceAgreement, 25 incidents', measures: 'The same for the maximum intake: 25 items, a third with materials.', stats: get(pricing, 'draft-25'), kind: 'latency' },
      { label: 'JSON.stringify, 25-line agreement', measures: `Plain serialisation of the agreement's content (${bytes} bytes): the baseline.`, stats: get(hashing, 'stringify'), kind: 'latency' },
      { label: 'canonicalJson, 25-line agreement', measures: 'Sorted-key canonical JSON of the same content, without hashing.', stats: get(hashing, 'canonical'), kind: 'latency' },
      { label: 'canonicalJson + sha256Hex', measures: 'The document hash as pricing computes it (documentHashOf).', stats: get(hashing, 'hash'), kind: 'latency' },
      { label: 'intakeSchema.safeParse, 1 incident', measures: 'Validate a complete intake with one incident (two contacts).', stats: get(intake, 'intake-1'), kind: 'latency' },
      { label: 'intakeSchema.safeParse, 25 incidents', measures: 'Validate the largest allowed intake (25 incidents).', stats: get(intake, 'intake-25'), kind: 'latency' },
    ],
    ratios: [
      {
        label: 'pricing 25 / 1 incidents',
        ratio: ratio(get(pricing, 'draft-25'), get(pricing, 'draft-1')),
        meaning:
          'How pricing scales with the analysis. About 25× would be purely per line; it stays well under because of a fixed part (validity date, rate-card snapshot, and the canonical hash of the header and snapshot, which is most of a 1-line draft).',
      },
      {
        label: 'canonical hash / JSON.stringify',
        ratio: ratio(get(hashing, 'hash'), get(hashing, 'stringify')),
        meaning: 'The price of a hash that is stable regardless of key order, over the cheapest serialisation.',
      },
      {
        label: 'canonicalJson / JSON.stringify',
        ratio: ratio(get(hashing, 'canonical'), get(hashing, 'stringify')),
        meaning: 'Of that, the part spent on canonical serialisation (sorting keys, refusing lossy values) rather than SHA-256.',
      },
      {
        label: 'intake 25 / 1 incidents',
        ratio: ratio(get(intake, 'intake-25'), get(intake, 'intake-1')),
        meaning: 'How validation scales with the number of incidents (client and contacts are a fixed part).',
      },
    ],
  };
}
