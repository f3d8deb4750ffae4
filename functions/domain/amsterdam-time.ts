/** The instant a calendar day ends in Amsterdam (its next midnight), whatever the DST offset. */
export function endOfAmsterdamDay(yyyyMmDd: string): Date {
  const [year, month, day] = yyyyMmDd.split('-').map(Number) as [number, number, number];
  // Next midnight in Amsterdam is 22:00 or 23:00 UTC on the day itself (UTC+2 summer, UTC+1 winter).
  for (const utcHour of [22, 23]) {
    const candidate = new Date(Date.UTC(year, month - 1, day, utcHour));
    const hour = new Intl.DateTimeFormat('en-GB', { hour: '2-digit', hourCycle: 'h23', timeZone: 'Europe/Amsterdam' }).format(candidate);
    if (hour === '00') return candidate;
  }
  throw new RangeError(`Cannot find the end of ${yyyyMmDd} in Europe/Amsterdam`);
}
