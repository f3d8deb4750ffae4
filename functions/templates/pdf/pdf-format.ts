import type { Locale } from '../../domain/intake';

/**
 * "12 november 2026 om 11:30" / "12 November 2026 at 11:30": an instant as it was in Amsterdam;
 * to the second for evidence.
 */
export function formatAmsterdamDateTime(iso: string, locale: Locale, options: { seconds?: boolean } = {}): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) throw new RangeError(`Not an ISO timestamp: ${iso}`);
  const tag = locale === 'nl' ? 'nl-NL' : 'en-GB';
  const day = date.toLocaleDateString(tag, { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'Europe/Amsterdam' });
  const time = date.toLocaleTimeString(tag, {
    hour: '2-digit',
    minute: '2-digit',
    ...(options.seconds ? { second: '2-digit' } : {}),
    hour12: false,
    timeZone: 'Europe/Amsterdam',
  });
  return locale === 'nl' ? `${day} om ${time}` : `${day} at ${time}`;
}
