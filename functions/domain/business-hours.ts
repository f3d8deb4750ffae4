import { DUTCH_PUBLIC_HOLIDAYS, FIRST_HOLIDAY_YEAR, LAST_HOLIDAY_YEAR } from './dutch-public-holidays';

/**
 * The business-hours clock that SLA due times run on: Monday to Friday, 08:30–17:30
 * Europe/Amsterdam, closed on Dutch public holidays and on extra closed days from stage config.
 * Pure: every instant comes from the caller (a step's `$$.State.EnteredTime`, a route's
 * `requestContext.timeEpoch`, the scheduler's event time), never from the wall clock.
 *
 * Only holidays of type `public` close. date-holidays also lists observances, school and bank
 * days (Goede Vrijdag, Bevrijdingsdag outside lustrum years, Prinsjesdag, Sinterklaasavond,
 * Koninkrijksdag, Oudejaarsavond): those are working days. Koningsdag moves to 26 April when
 * 27 April is a Sunday, as date-holidays knows.
 */
export const OPENS_AT_MINUTE = 8 * 60 + 30;
export const CLOSES_AT_MINUTE = 17 * 60 + 30;
const MINUTE_MS = 60_000;
const OPEN_MS = OPENS_AT_MINUTE * MINUTE_MS;
const CLOSE_MS = CLOSES_AT_MINUTE * MINUTE_MS;
const ZONE = 'Europe/Amsterdam';

const partsFormat = new Intl.DateTimeFormat('en-GB', {
  timeZone: ZONE,
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
  hourCycle: 'h23',
});

interface LocalParts {
  /** YYYY-MM-DD in Amsterdam. */
  date: string;
  /** Milliseconds since local midnight. */
  msOfDay: number;
}

function localParts(instant: number): LocalParts {
  const parts = Object.fromEntries(partsFormat.formatToParts(new Date(instant)).map((p) => [p.type, p.value]));
  const ms = instant % 1000 < 0 ? (instant % 1000) + 1000 : instant % 1000;
  return {
    date: `${parts.year}-${parts.month}-${parts.day}`,
    msOfDay: ((Number(parts.hour) * 60 + Number(parts.minute)) * 60 + Number(parts.second)) * 1000 + ms,
  };
}

/** The instant of a local wall-clock time in Amsterdam; business hours never fall in a DST gap. */
function instantAt(date: string, msOfDay: number): number {
  const [year, month, day] = date.split('-').map(Number) as [number, number, number];
  const asUtc = Date.UTC(year, month - 1, day) + msOfDay;
  for (const offsetHours of [1, 2]) {
    const candidate = asUtc - offsetHours * 3_600_000;
    const back = localParts(candidate);
    if (back.date === date && back.msOfDay === msOfDay) return candidate;
  }
  throw new RangeError(`No instant for ${date} at ${msOfDay} ms in ${ZONE}`);
}

function nextDate(date: string): string {
  const [year, month, day] = date.split('-').map(Number) as [number, number, number];
  return new Date(Date.UTC(year, month - 1, day + 1)).toISOString().slice(0, 10);
}

const publicHolidayCache = new Map<number, Set<string>>();

/** Dutch public holidays (type `public` in date-holidays) of one year, as YYYY-MM-DD. */
export function dutchPublicHolidays(year: number): Set<string> {
  let days = publicHolidayCache.get(year);
  if (!days) {
    const dates = DUTCH_PUBLIC_HOLIDAYS[year];
    if (!dates) throw new RangeError(`Dutch public holidays are known for ${FIRST_HOLIDAY_YEAR}–${LAST_HOLIDAY_YEAR}, not ${year}: run npm run holidays`);
    days = new Set(dates);
    publicHolidayCache.set(year, days);
  }
  return days;
}

export interface BusinessCalendar {
  /** Whether the service desk works on this Amsterdam date (YYYY-MM-DD). */
  isOpenDay(date: string): boolean;
  /** The instant `minutes` of business time after `start` (ms since the epoch). */
  addBusinessMinutes(start: number, minutes: number): number;
  /** Business milliseconds between two instants (0 when `to` is not after `from`). */
  businessMsBetween(from: number, to: number): number;
  /** Whether an instant lies inside business hours (opening excluded, closing included). */
  isWithinBusinessHours(instant: number): boolean;
}

/** The stage's calendar: Dutch public holidays plus `extraClosedDays` (YYYY-MM-DD, e.g. 5 May in a lustrum year). */
export function businessCalendar(extraClosedDays: readonly string[] = []): BusinessCalendar {
  const extra = new Set(extraClosedDays);
  const isOpenDay = (date: string): boolean => {
    const weekday = new Date(`${date}T12:00:00Z`).getUTCDay();
    if (weekday === 0 || weekday === 6) return false;
    return !extra.has(date) && !dutchPublicHolidays(Number(date.slice(0, 4))).has(date);
  };

  return {
    isOpenDay,
    addBusinessMinutes(start, minutes) {
      if (!(minutes >= 0)) throw new RangeError('minutes must be zero or more');
      let remaining = Math.round(minutes * MINUTE_MS);
      let { date, msOfDay } = localParts(start);
      for (let guard = 0; guard < 20_000; guard++) {
        if (!isOpenDay(date) || msOfDay >= CLOSE_MS) {
          date = nextDate(date);
          msOfDay = OPEN_MS;
          continue;
        }
        if (msOfDay < OPEN_MS) msOfDay = OPEN_MS;
        const available = CLOSE_MS - msOfDay;
        if (remaining <= available) return instantAt(date, msOfDay + remaining);
        remaining -= available;
        date = nextDate(date);
        msOfDay = OPEN_MS;
      }
      throw new RangeError('Business time too far ahead');
    },
    businessMsBetween(from, to) {
      if (to <= from) return 0;
      const end = localParts(to);
      let { date, msOfDay } = localParts(from);
      let total = 0;
      for (let guard = 0; guard < 20_000; guard++) {
        const last = date === end.date;
        if (isOpenDay(date)) {
          const startMs = Math.max(msOfDay, OPEN_MS);
          const endMs = Math.min(last ? end.msOfDay : CLOSE_MS, CLOSE_MS);
          if (endMs > startMs) total += endMs - startMs;
        }
        if (last) return total;
        date = nextDate(date);
        msOfDay = 0;
      }
      throw new RangeError('Interval too long');
    },
    isWithinBusinessHours(instant) {
      const { date, msOfDay } = localParts(instant);
      return isOpenDay(date) && msOfDay > OPEN_MS && msOfDay <= CLOSE_MS;
    },
  };
}
