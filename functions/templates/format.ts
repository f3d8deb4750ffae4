import type { ActionType } from '../domain/analysis';
import type { Locale } from '../domain/intake';
import type { Priority, RateCard } from '../domain/rate-card';

/** nl-NL by default (clients are Dutch unless they chose English); English readers get British conventions (day month year, € before). */
const INTL_TAG: Record<Locale, string> = { nl: 'nl-NL', en: 'en-GB' };

const euroFormats: Record<Locale, Intl.NumberFormat> = {
  nl: new Intl.NumberFormat(INTL_TAG.nl, { style: 'currency', currency: 'EUR' }),
  en: new Intl.NumberFormat(INTL_TAG.en, { style: 'currency', currency: 'EUR' }),
};

/**
 * "€\u00a01.234,56" (nl) / "€1,234.56" (en) from integer cents. The amount is handed to Intl as a
 * decimal string built with BigInt, so no float ever rounds a cent. Intl's no-break space (U+00A0)
 * after the euro sign is kept everywhere (page, e-mail HTML and text, PDF), so an amount never
 * wraps between "€" and its digits.
 */
export function formatEuro(cents: number, locale: Locale): string {
  if (!Number.isSafeInteger(cents)) throw new RangeError(`Not a whole number of cents: ${cents}`);
  const magnitude = BigInt(Math.abs(cents));
  const decimal = `${cents < 0 ? '-' : ''}${magnitude / 100n}.${String(magnitude % 100n).padStart(2, '0')}`;
  return euroFormats[locale].format(decimal as `${number}`);
}

/** "26 november 2026" / "26 November 2026" from a calendar date (YYYY-MM-DD); no time zone shifts it. */
export function formatDate(yyyyMmDd: string, locale: Locale): string {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(yyyyMmDd);
  if (!match) throw new RangeError(`Not a YYYY-MM-DD date: ${yyyyMmDd}`);
  const date = new Date(Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3])));
  return date.toLocaleDateString(INTL_TAG[locale], { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' });
}

/** "26 november 2026" from an ISO instant, as the day it was in Amsterdam. */
export function formatInstantDate(iso: string, locale: Locale): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) throw new RangeError(`Not an ISO timestamp: ${iso}`);
  return date.toLocaleDateString(INTL_TAG[locale], { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'Europe/Amsterdam' });
}

/** "2,5" / "2.5": at most two decimals, so 20-minute blocks read 0,33 rather than 0,3333. */
export function formatNumber(value: number, locale: Locale): string {
  return new Intl.NumberFormat(INTL_TAG[locale], { maximumFractionDigits: 2 }).format(value);
}

/** "2,5 uur" / "2.5 hours" ("uur" is also the Dutch plural). */
export function formatHours(hours: number, locale: Locale): string {
  const number = formatNumber(hours, locale);
  if (locale === 'nl') return `${number} uur`;
  return `${number} ${hours === 1 ? 'hour' : 'hours'}`;
}

/** "2,5 uur" from minutes: billable time reads in the same unit as the hourly rate. */
export function formatMinutesAsHours(minutes: number, locale: Locale): string {
  return formatHours(minutes / 60, locale);
}

/** "4 werkuren" / "4 business hours". */
export function formatBusinessHours(hours: number, locale: Locale): string {
  if (locale === 'nl') return `${formatNumber(hours, locale)} ${hours === 1 ? 'werkuur' : 'werkuren'}`;
  return `${formatNumber(hours, locale)} business ${hours === 1 ? 'hour' : 'hours'}`;
}

/** "21%": integer percentages as stored on the rate card. */
export function formatPercent(percent: number, locale: Locale): string {
  return new Intl.NumberFormat(INTL_TAG[locale], { style: 'percent', maximumFractionDigits: 2 }).format(percent / 100);
}

/**
 * A priority's surcharge on the hourly rate, from the rate card's multiplier in percent (125 = rate
 * × 1.25): "+25\u00a0%" (nl, the Dutch no-break space before %) / "+25%" (en), and "" when the
 * multiplier is 100, so a line without a surcharge shows just its rate.
 */
export function formatSurcharge(surchargePercent: number, locale: Locale): string {
  const surcharge = surchargePercent - 100;
  if (surcharge === 0) return '';
  const number = new Intl.NumberFormat(INTL_TAG[locale], { maximumFractionDigits: 2, signDisplay: 'always' }).format(surcharge);
  return locale === 'nl' ? `${number}\u00a0%` : `${number}%`;
}

/** "€ 95,00 +25 %" or just "€ 95,00": an hourly rate, then its priority's surcharge when it has one. */
export function formatRateWithSurcharge(hourlyRateCents: number, surchargePercent: number, locale: Locale): string {
  const rate = formatEuro(hourlyRateCents, locale);
  const surcharge = formatSurcharge(surchargePercent, locale);
  return surcharge ? `${rate} ${surcharge}` : rate;
}

/** "15 minuten" / "15 minutes". */
export function formatMinutes(minutes: number, locale: Locale): string {
  if (locale === 'nl') return `${formatNumber(minutes, locale)} ${minutes === 1 ? 'minuut' : 'minuten'}`;
  return `${formatNumber(minutes, locale)} ${minutes === 1 ? 'minute' : 'minutes'}`;
}

/** "14 dagen" / "14 days". */
export function formatDays(days: number, locale: Locale): string {
  if (locale === 'nl') return `${days} ${days === 1 ? 'dag' : 'dagen'}`;
  return `${days} ${days === 1 ? 'day' : 'days'}`;
}

export const PRIORITY_LABELS: Record<Locale, Record<Priority, string>> = {
  nl: { critical: 'Kritiek', high: 'Hoog', normal: 'Normaal', low: 'Laag' },
  en: { critical: 'Critical', high: 'High', normal: 'Normal', low: 'Low' },
};

export const ACTION_TYPE_LABELS: Record<Locale, Record<ActionType, string>> = {
  nl: { repair: 'Reparatie', update: 'Update', configuration: 'Configuratiewijziging', replacement: 'Vervanging', other: 'Overig' },
  en: { repair: 'Repair', update: 'Update', configuration: 'Configuration change', replacement: 'Replacement', other: 'Other' },
};

type InvoicingFrequency = RateCard['invoicing']['frequency'];

export const INVOICING_FREQUENCY_LABELS: Record<Locale, Record<InvoicingFrequency, string>> = {
  nl: { monthly: 'Maandelijks', quarterly: 'Per kwartaal', 'per-ticket': 'Per ticket' },
  en: { monthly: 'Monthly', quarterly: 'Quarterly', 'per-ticket': 'Per ticket' },
};

/** The client's three choices on the agreement page (POST /agreements/{token}). */
export const DECISIONS = ['approve', 'decline', 'request-changes'] as const;
export type Decision = (typeof DECISIONS)[number];

/** What was decided, as a past participle: "Goedgekeurd" / "Approved". */
export const DECISION_OUTCOME_LABELS: Record<Locale, Record<Decision, string>> = {
  nl: { approve: 'Goedgekeurd', decline: 'Afgewezen', 'request-changes': 'Wijzigingen aangevraagd' },
  en: { approve: 'Approved', decline: 'Declined', 'request-changes': 'Changes requested' },
};

/** The choice as a verb, for the form and e-mails: "Goedkeuren" / "Approve". */
export const DECISION_CHOICE_LABELS: Record<Locale, Record<Decision, string>> = {
  nl: { approve: 'Goedkeuren', decline: 'Afwijzen', 'request-changes': 'Wijzigingen aanvragen' },
  en: { approve: 'Approve', decline: 'Decline', 'request-changes': 'Request changes' },
};
