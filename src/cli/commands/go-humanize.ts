// dustin/go-humanize v1.0.1 (talosctl's dependency from v1.5; v1.0.0 formats these two the same): SI byte sizes and
// relative times, as `talosctl ls -lH` prints them.
import { goFixed } from './go-fixed.js';

const SIZES = ['B', 'kB', 'MB', 'GB', 'TB', 'PB', 'EB'];

/** humanize.Bytes: `0 B`, `999 B`, `4.1 kB`, `12 kB`, `1.2 MB`. */
export function humanizeBytes(size: number): string {
  if (size < 10) return `${size} B`;
  const e = Math.floor(Math.log(size) / Math.log(1000));
  const val = Math.floor((size / 1000 ** e) * 10 + 0.5) / 10;
  return `${goFixed(val, val < 10 ? 1 : 0)} ${SIZES[e]}`;
}

const SECOND = 1000;
const MINUTE = 60 * SECOND;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;
const WEEK = 7 * DAY;
const MONTH = 30 * DAY;
const YEAR = 12 * MONTH;
const LONG_TIME = 37 * YEAR;

// [below this difference, format, divide the difference by] (defaultMagnitudes)
const MAGNITUDES: readonly (readonly [number, string, number])[] = [
  [SECOND, 'now', SECOND],
  [2 * SECOND, '1 second %s', 1],
  [MINUTE, '%d seconds %s', SECOND],
  [2 * MINUTE, '1 minute %s', 1],
  [HOUR, '%d minutes %s', MINUTE],
  [2 * HOUR, '1 hour %s', 1],
  [DAY, '%d hours %s', HOUR],
  [2 * DAY, '1 day %s', 1],
  [WEEK, '%d days %s', DAY],
  [2 * WEEK, '1 week %s', 1],
  [MONTH, '%d weeks %s', WEEK],
  [2 * MONTH, '1 month %s', 1],
  [YEAR, '%d months %s', MONTH],
  [18 * MONTH, '1 year %s', 1],
  [2 * YEAR, '2 years %s', 1],
  [LONG_TIME, '%d years %s', YEAR],
  [Number.POSITIVE_INFINITY, 'a long while %s', 1],
];

/** humanize.Time(then) at `now` (both in ms): `3 weeks ago`, `now`, `2 hours from now`, `a long while ago`. */
export function humanizeTime(thenMs: number, nowMs: number): string {
  const future = thenMs > nowMs;
  const label = future ? 'from now' : 'ago';
  const diff = Math.abs(nowMs - thenMs);
  const [, format, divide] = MAGNITUDES.find(([below]) => below > diff) as (typeof MAGNITUDES)[number];
  return format.replace('%d', String(Math.trunc(diff / divide))).replace('%s', label);
}
