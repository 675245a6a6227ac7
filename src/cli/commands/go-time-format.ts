// The time layouts the node commands print: talosctl ls's LASTMOD (`Jan _2 15:04:05`, `Jan _2 2006 15:04`) and
// time.Time's String() (talosctl upgrade's STARTED) in the client's zone, and machined's RFC3339Nano kmsg timestamps
// (the node runs UTC).

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

interface Fields {
  readonly year: number;
  readonly month: number;
  readonly day: number;
  readonly hour: number;
  readonly minute: number;
  readonly second: number;
}

const pad2 = (n: number): string => String(n).padStart(2, '0');

/**
 * The zone Go's time.Local is for an environment: TZ unset, the system's (here: the JavaScript runtime's); TZ empty
 * or `UTC`, UTC; a leading `:` is dropped; an unknown zone falls back to UTC, as Go does.
 */
export function goLocalZone(env: Readonly<Record<string, string | undefined>>): string {
  const tz = env.TZ;
  if (tz === undefined) return Intl.DateTimeFormat().resolvedOptions().timeZone;
  const name = tz.startsWith(':') ? tz.slice(1) : tz;
  if (name === '' || name === 'UTC') return 'UTC';
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: name });
    return name;
  } catch {
    return 'UTC';
  }
}

/** One formatter per zone: making one costs more than formatting a long listing's worth of times. */
const formatters = new Map<string, Intl.DateTimeFormat>();

function formatterFor(timeZone: string): Intl.DateTimeFormat {
  let formatter = formatters.get(timeZone);
  if (formatter === undefined) {
    formatter = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      era: 'short',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
    formatters.set(timeZone, formatter);
  }
  return formatter;
}

function fieldsIn(ms: number, timeZone: string): Fields {
  const parts = formatterFor(timeZone).formatToParts(new Date(ms));
  const get = (type: Intl.DateTimeFormatPartTypes) => Number(parts.find((p) => p.type === type)?.value ?? 0);
  const bc = parts.find((p) => p.type === 'era')?.value === 'BC';
  return {
    year: bc ? 1 - get('year') : get('year'),
    month: get('month'),
    day: get('day'),
    hour: get('hour'),
    minute: get('minute'),
    second: get('second'),
  };
}

const goYear = (year: number): string =>
  year < 0 ? `-${String(-year).padStart(4, '0')}` : String(year).padStart(4, '0');

/** `Jan _2 15:04:05` (recent) or `Jan _2 2006 15:04`, the day padded with a space. */
export function formatLastMod(ms: number, timeZone: string, recent: boolean): string {
  const f = fieldsIn(ms, timeZone);
  const head = `${MONTHS[f.month - 1]} ${String(f.day).padStart(2, ' ')}`;
  return recent
    ? `${head} ${pad2(f.hour)}:${pad2(f.minute)}:${pad2(f.second)}`
    : `${head} ${goYear(f.year)} ${pad2(f.hour)}:${pad2(f.minute)}`;
}

/** time.RFC3339Nano in UTC of a time given in nanoseconds since the epoch (a bigint): trailing zeros trimmed. */
export function formatRfc3339Nano(ns: bigint): string {
  const second = ns >= 0n ? ns / 1_000_000_000n : -((-ns + 999_999_999n) / 1_000_000_000n);
  const nanos = Number(ns - second * 1_000_000_000n);
  const f = fieldsIn(Number(second) * 1000, 'UTC');
  const fraction = nanos === 0 ? '' : `.${String(nanos).padStart(9, '0').replace(/0+$/, '')}`;
  return `${goYear(f.year)}-${pad2(f.month)}-${pad2(f.day)}T${pad2(f.hour)}:${pad2(f.minute)}:${pad2(f.second)}${fraction}Z`;
}

/** Minutes east of UTC of `timeZone` at `ms`. */
function offsetMinutes(ms: number, timeZone: string): number {
  const f = fieldsIn(ms, timeZone);
  const asUtc = Date.UTC(f.year, f.month - 1, f.day, f.hour, f.minute, f.second);
  return Math.round((asUtc - Math.floor(ms / 1000) * 1000) / 60_000);
}

/**
 * The zone abbreviation Go prints for `timeZone` at `ms`, from tzdata: `UTC`, else the short name the JavaScript
 * runtime gives in American or British English (`EDT`, `CEST`, `BST`); where neither has one, the numeric form Go
 * prints for zones whose tzdata abbreviation is numeric (`+03`, `-0330`). Best effort: ICU's names are not tzdata's
 * (Asia/Tokyo's `JST` comes out as `+09`).
 */
function zoneAbbreviation(ms: number, timeZone: string, offset: number): string {
  if (timeZone === 'UTC') return 'UTC';
  for (const locale of ['en-US', 'en-GB']) {
    const name =
      new Intl.DateTimeFormat(locale, { timeZone, timeZoneName: 'short' })
        .formatToParts(new Date(ms))
        .find((p) => p.type === 'timeZoneName')?.value ?? '';
    if (name !== '' && !name.startsWith('GMT')) return name;
    if (name === 'GMT' && offset === 0) return 'GMT';
  }
  const sign = offset < 0 ? '-' : '+';
  const abs = Math.abs(offset);
  const minutes = abs % 60;
  return `${sign}${pad2(Math.floor(abs / 60))}${minutes === 0 ? '' : pad2(minutes)}`;
}

/**
 * Go's time.Time String() in `timeZone` (`2006-01-02 15:04:05.999999999 -0700 MST`), without the monotonic clock
 * reading (` m=+0.000123456`) a time.Now() of the client adds: it is the client process's uptime, which a simulation
 * has no value for.
 */
export function formatGoTimeString(ms: number, timeZone: string): string {
  const f = fieldsIn(ms, timeZone);
  const whole = Math.floor(ms);
  const micros = Math.min(999_999, Math.round((ms - Math.floor(whole / 1000) * 1000) * 1000));
  const fraction =
    micros === 0
      ? ''
      : `.${String(micros * 1000)
          .padStart(9, '0')
          .replace(/0+$/, '')}`;
  const offset = offsetMinutes(ms, timeZone);
  const sign = offset < 0 ? '-' : '+';
  const abs = Math.abs(offset);
  return (
    `${goYear(f.year)}-${pad2(f.month)}-${pad2(f.day)} ${pad2(f.hour)}:${pad2(f.minute)}:${pad2(f.second)}${fraction} ` +
    `${sign}${pad2(Math.floor(abs / 60))}${pad2(abs % 60)} ${zoneAbbreviation(ms, timeZone, offset)}`
  );
}
