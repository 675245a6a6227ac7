// RFC 3339 times, as scenarios and `sim --clock` take them: `2024-08-09T03:07:41Z`, `2024-08-09T05:07:41.5+02:00`.
// Every field is checked as Go's time.Parse checks it (a 30th of February or a 24th hour is refused, not carried
// into the next month or day as Date.parse does).

const RFC3339 = /^(\d{4})-(\d{2})-(\d{2})[Tt ](\d{2}):(\d{2}):(\d{2})(\.\d+)?(?:[Zz]|[+-](\d{2}):(\d{2}))$/;

function daysIn(year: number, month: number): number {
  // (Date.UTC takes years 0 to 99 for 1900 to 1999: the year is set on its own)
  const date = new Date(0);
  date.setUTCFullYear(year, month, 0);
  return date.getUTCDate();
}

/** Milliseconds since the epoch, or undefined for anything that is not an RFC 3339 time. */
export function parseRfc3339(text: string): number | undefined {
  const m = RFC3339.exec(text);
  if (m === null) return undefined;
  const [year, month, day, hour, minute, second, , offsetHour, offsetMinute] = m
    .slice(1)
    .map((f) => (f === undefined || f.startsWith('.') ? 0 : Number(f))) as number[];
  if (month === undefined || month < 1 || month > 12) return undefined;
  if (day === undefined || day < 1 || day > daysIn(year as number, month)) return undefined;
  if ((hour as number) > 23 || (minute as number) > 59 || (second as number) > 59) return undefined;
  if ((offsetHour as number) > 23 || (offsetMinute as number) > 59) return undefined;
  const ms = Date.parse(text);
  return Number.isNaN(ms) ? undefined : ms;
}
