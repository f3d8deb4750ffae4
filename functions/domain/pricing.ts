import type { Agreement, AgreementLine, AgreementTotals } from './agreement';
import type { AnalysisItem } from './analysis';
import { AnalysisMismatchError, checkAnalysisAgainstIncidents } from './analysis-validation';
import { canonicalJson, sha256Hex } from './canonical-json';
import { primaryContact, type Onboarding, type ReleaseHoldReason } from './onboarding';
import type { ProviderIdentity } from './provider';
import { storedRateCardSchema, type Priority, type RateCard } from './rate-card';

/*
 * Money is integer euro cents throughout. Every division happens once, at the end, in BigInt, and
 * rounds half up (amounts are never negative, so half up and half away from zero agree).
 */

const MINUTES_PER_QUARTER_HOUR = 15;
const MINUTES_PER_HOUR = 60n;
const PERCENT = 100n;

/** Estimated hours (quarter-hour steps) in minutes, rounded up to a whole number of billing blocks. */
export function billableMinutes(estimatedHours: number, minimumBillableMinutes: number): number {
  const quarterHours = estimatedHours * 4; // exact: a multiple of 0.25 times 4 is an integer in binary too
  if (!Number.isSafeInteger(quarterHours) || quarterHours < 0) {
    throw new RangeError(`Estimated hours must be a non-negative multiple of 0.25, not ${estimatedHours}`);
  }
  requireCount('minimumBillableMinutes', minimumBillableMinutes, 1);
  const minutes = quarterHours * MINUTES_PER_QUARTER_HOUR;
  const remainder = minutes % minimumBillableMinutes;
  return remainder === 0 ? minutes : minutes + minimumBillableMinutes - remainder;
}

/** minutes × hourly rate × surcharge% / (60 × 100), rounded half up to the cent. */
export function labourCents(billableMinutes: number, hourlyRateCents: number, surchargePercent: number): number {
  requireCount('billableMinutes', billableMinutes);
  requireCount('hourlyRateCents', hourlyRateCents);
  requireCount('surchargePercent', surchargePercent);
  return divideRoundingHalfUp(
    BigInt(billableMinutes) * BigInt(hourlyRateCents) * BigInt(surchargePercent),
    MINUTES_PER_HOUR * PERCENT,
  );
}

/** One agreement line: labour at the item's priority, plus materials passed on at cost. */
export function priceLine(item: AnalysisItem, incidentTitle: string, rateCard: RateCard): AgreementLine {
  const { surchargePercent } = rateCard.priorities[item.priority];
  const minutes = billableMinutes(item.estimatedHours, rateCard.minimumBillableMinutes);
  const labour = labourCents(minutes, rateCard.hourlyRateCents, surchargePercent);
  const materials = item.materials.map(({ description, quantity, unitCostCents }) => ({
    description,
    quantity,
    unitCostCents,
    totalCents: multiplyCents(quantity, unitCostCents),
  }));
  const materialsCents = sumCents(materials.map((material) => material.totalCents));
  return {
    incidentId: item.incidentId,
    title: incidentTitle,
    rootCause: item.rootCause,
    solution: item.solution,
    actionType: item.actionType,
    priority: item.priority,
    estimatedHours: item.estimatedHours,
    billableMinutes: minutes,
    hourlyRateCents: rateCard.hourlyRateCents,
    surchargePercent,
    labourCents: labour,
    materials,
    materialsCents,
    totalCents: sumCents([labour, materialsCents]),
  };
}

/** VAT is computed once on the total, as on a Dutch invoice, not per line (which could differ by cents). */
export function totalsOf(lines: readonly Pick<AgreementLine, 'totalCents'>[], vatPercent: number): AgreementTotals {
  requireCount('vatPercent', vatPercent);
  const exclVatCents = sumCents(lines.map((line) => line.totalCents));
  const vatCents = divideRoundingHalfUp(BigInt(exclVatCents) * BigInt(vatPercent), PERCENT);
  return { exclVatCents, vatPercent, vatCents, inclVatCents: sumCents([exclVatCents, vatCents]) };
}

export interface PriceAgreementInput {
  onboarding: Pick<Onboarding, 'id' | 'client' | 'incidents' | 'contacts'>;
  analysis: { version: number; items: AnalysisItem[] };
  rateCard: RateCard;
  /** The agreement version being drafted: one more than the last (a change request or a release drafts a new one). */
  version: number;
  provider: ProviderIdentity;
  now: Date;
}

/**
 * Prices an analysis into an immutable agreement version, with lines in the onboarding's incident
 * order and a hash over its canonical content. Throws AnalysisMismatchError unless the analysis
 * covers every incident exactly once (the API checks this too; the workflow must not trust it).
 */
export function priceAgreement({ onboarding, analysis, rateCard, version, provider, now }: PriceAgreementInput): Agreement {
  const mismatches = checkAnalysisAgainstIncidents(
    onboarding.incidents.map((incident) => incident.id),
    analysis,
  );
  if (mismatches.length > 0) throw new AnalysisMismatchError(mismatches);

  const itemsByIncident = new Map(analysis.items.map((item) => [item.incidentId, item]));
  const lines = onboarding.incidents.map((incident) => priceLine(itemsByIncident.get(incident.id)!, incident.title, rateCard));
  const { companyName, kvkNumber, vatNumber, locale } = onboarding.client;
  const contact = primaryContact(onboarding);

  const content: Omit<Agreement, 'documentHash'> = {
    onboardingId: onboarding.id,
    version,
    analysisVersion: analysis.version,
    createdAt: now.toISOString(),
    validUntil: agreementValidUntil(now, rateCard.validityDays),
    // Absent optional fields stay absent (not undefined), so the stored item matches what was hashed.
    client: {
      companyName,
      ...(kvkNumber !== undefined && { kvkNumber }),
      ...(vatNumber !== undefined && { vatNumber }),
      locale,
      contact: { name: contact.name, email: contact.email },
    },
    provider: structuredClone(provider),
    lines,
    totals: totalsOf(lines, rateCard.vatPercent),
    responseTimes: responseTimesOf(rateCard),
    resolutionTimes: resolutionTimesOf(rateCard),
    invoicing: { ...rateCard.invoicing },
    minimumBillableMinutes: rateCard.minimumBillableMinutes,
    rateCard: structuredClone(rateCard),
  };
  return { ...content, documentHash: documentHashOf(content) };
}

/**
 * Why an offer must wait for a person before it reaches the client: its total incl. VAT is above
 * the review threshold of the card it was priced with, or a line asks for more than the card's
 * analysis limits allow (POST /analysis refuses that against the current card; the snapshot may
 * differ). A released version is never held again.
 */
export function releaseHoldReasons(agreement: Agreement): ReleaseHoldReason[] {
  if (agreement.release) return [];
  const card = storedRateCardSchema.parse(agreement.rateCard);
  const limits = card.analysisLimits;
  const reasons: ReleaseHoldReason[] = [];
  if (agreement.totals.inclVatCents > card.reviewAboveCents) reasons.push('above-review-threshold');
  const beyond = agreement.lines.some(
    (line) =>
      line.estimatedHours > limits.maxHoursPerItem ||
      line.materials.some((m) => m.quantity > limits.maxMaterialQuantity || m.unitCostCents > limits.maxMaterialUnitCostCents),
  );
  if (beyond) reasons.push('beyond-analysis-limits');
  return reasons;
}

/**
 * The released version: the held one's lines, totals and rate-card snapshot unchanged, drafted anew
 * at the release, so the client's validity window starts now, with a new hash.
 */
export function redraftForRelease(held: Agreement, input: { version: number; now: Date; releasedBy: string }): Agreement {
  const { documentHash: _heldHash, ...heldContent } = held;
  const content: Omit<Agreement, 'documentHash'> = {
    ...structuredClone(heldContent),
    version: input.version,
    createdAt: input.now.toISOString(),
    validUntil: agreementValidUntil(input.now, held.rateCard.validityDays),
    release: { heldVersion: held.version, releasedAt: input.now.toISOString(), releasedBy: input.releasedBy },
  };
  return { ...content, documentHash: documentHashOf(content) };
}

/** True when the agreement's content still hashes to its documentHash (nothing changed since drafting). */
export function verifyDocumentHash(agreement: Agreement): boolean {
  const { documentHash, ...content } = agreement;
  return documentHash === documentHashOf(content);
}

/** SHA-256 hex of the canonical JSON of an agreement's content (every field but documentHash). */
export function documentHashOf(content: Omit<Agreement, 'documentHash'>): string {
  return sha256Hex(canonicalJson(content));
}

const amsterdamDate = new Intl.DateTimeFormat('en-CA', {
  timeZone: 'Europe/Amsterdam',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
});

/**
 * The calendar date in Amsterdam on which `now` falls, plus validityDays, as YYYY-MM-DD. The day
 * count runs on dates, not on 24-hour periods, so a DST change in between moves nothing.
 */
export function agreementValidUntil(now: Date, validityDays: number): string {
  if (Number.isNaN(now.getTime())) throw new RangeError('now is not a valid date');
  requireCount('validityDays', validityDays);
  const parts = amsterdamDate.formatToParts(now);
  const part = (type: Intl.DateTimeFormatPartTypes) => Number(parts.find((p) => p.type === type)!.value);
  // Date.UTC carries day overflow into months and years, and UTC has no DST.
  return new Date(Date.UTC(part('year'), part('month') - 1, part('day') + validityDays)).toISOString().slice(0, 10);
}

function responseTimesOf({ priorities }: RateCard): Record<Priority, number> {
  return {
    critical: priorities.critical.responseTimeBusinessHours,
    high: priorities.high.responseTimeBusinessHours,
    normal: priorities.normal.responseTimeBusinessHours,
    low: priorities.low.responseTimeBusinessHours,
  };
}

function resolutionTimesOf({ priorities }: RateCard): Record<Priority, number> {
  return {
    critical: priorities.critical.resolutionTimeBusinessHours,
    high: priorities.high.resolutionTimeBusinessHours,
    normal: priorities.normal.resolutionTimeBusinessHours,
    low: priorities.low.resolutionTimeBusinessHours,
  };
}

/**
 * The resolution times an agreement promised: its own, or, for a version drafted before they
 * existed, what its rate-card snapshot reads as (the defaults). The snapshot is never rewritten.
 */
export function resolutionTimesFor(agreement: Pick<Agreement, 'resolutionTimes' | 'rateCard'>): Record<Priority, number> {
  return agreement.resolutionTimes ?? resolutionTimesOf(storedRateCardSchema.parse(agreement.rateCard));
}

function divideRoundingHalfUp(numerator: bigint, denominator: bigint): number {
  return toCents((2n * numerator + denominator) / (2n * denominator));
}

function multiplyCents(quantity: number, unitCents: number): number {
  requireCount('quantity', quantity);
  requireCount('unitCostCents', unitCents);
  return toCents(BigInt(quantity) * BigInt(unitCents));
}

function sumCents(amounts: readonly number[]): number {
  amounts.forEach((amount) => requireCount('amount in cents', amount));
  return toCents(amounts.reduce((sum, amount) => sum + BigInt(amount), 0n));
}

/** Refuses amounts a JavaScript number cannot hold exactly, rather than storing a rounded one. */
function toCents(amount: bigint): number {
  if (amount > BigInt(Number.MAX_SAFE_INTEGER)) throw new RangeError(`${amount} cents is too large to hold exactly`);
  return Number(amount);
}

function requireCount(name: string, value: number, minimum = 0): void {
  if (!Number.isSafeInteger(value) || value < minimum) throw new RangeError(`${name} must be a whole number ≥ ${minimum}, not ${value}`);
}
