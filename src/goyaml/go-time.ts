// Go's time.Time as far as go-yaml and encoding/json show it: a wall-clock reading with nanoseconds and a
// fixed UTC offset. JS Dates carry neither nanoseconds nor an offset, so timestamps read back from YAML
// (`2015-02-24T18:19:39.123456789-03:00`) need this type to print again exactly as Go prints them.

export interface GoTimeFields {
  readonly year: number;
  /** 1–12 */
  readonly month: number;
  readonly day: number;
  readonly hour: number;
  readonly minute: number;
  readonly second: number;
  readonly nanosecond: number;
  /** Seconds east of UTC. */
  readonly offsetSeconds: number;
  /** `utc`: the UTC location (printed `UTC` by `String()`); `fixed`: a fabricated zone from a numeric offset. */
  readonly zone: 'utc' | 'fixed';
}

const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31] as const;

function isLeap(year: number): boolean {
  return year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0);
}

function daysIn(month: number, year: number): number {
  if (month === 2 && isLeap(year)) return 29;
  return DAYS_IN_MONTH[month - 1] ?? 0;
}

function pad(n: number, width: number): string {
  return String(n).padStart(width, '0');
}

// One or two digits, like Go's getnum(value, false) for the layout elements `1`, `2`, `15`, `4`, `5`.
const NUM = '(\\d\\d?)';
const FRACTION = '(?:[.,](\\d+))?';
const ZONE = '(?:(Z)|([+-])(\\d\\d):(\\d\\d))';
// The four layouts go-yaml tries, in order (RFC 3339 with `T` or `t`, space-separated without zone, date only).
const LAYOUTS: readonly RegExp[] = [
  new RegExp(`^(\\d{4})-${NUM}-${NUM}[Tt]${NUM}:${NUM}:${NUM}${FRACTION}${ZONE}$`),
  new RegExp(`^(\\d{4})-${NUM}-${NUM} ${NUM}:${NUM}:${NUM}${FRACTION}$`),
  new RegExp(`^(\\d{4})-${NUM}-${NUM}$`),
];

export class GoTime implements GoTimeFields {
  readonly year: number;
  readonly month: number;
  readonly day: number;
  readonly hour: number;
  readonly minute: number;
  readonly second: number;
  readonly nanosecond: number;
  readonly offsetSeconds: number;
  readonly zone: 'utc' | 'fixed';

  constructor(fields: GoTimeFields) {
    this.year = fields.year;
    this.month = fields.month;
    this.day = fields.day;
    this.hour = fields.hour;
    this.minute = fields.minute;
    this.second = fields.second;
    this.nanosecond = fields.nanosecond;
    this.offsetSeconds = fields.offsetSeconds;
    this.zone = fields.zone;
  }

  /** The UTC reading of a valid Date (millisecond precision). */
  static fromDate(date: Date): GoTime {
    return new GoTime({
      year: date.getUTCFullYear(),
      month: date.getUTCMonth() + 1,
      day: date.getUTCDate(),
      hour: date.getUTCHours(),
      minute: date.getUTCMinutes(),
      second: date.getUTCSeconds(),
      nanosecond: date.getUTCMilliseconds() * 1_000_000,
      offsetSeconds: 0,
      zone: 'utc',
    });
  }

  /**
   * go-yaml's timestamp resolution of a plain scalar (`2024-01-01`, `2024-08-09T03:07:41Z`,
   * `2024-8-9 3:7:41.5`), or undefined when the text is not one of its accepted forms or not a valid date.
   */
  static parseYamlTimestamp(text: string): GoTime | undefined {
    for (const layout of LAYOUTS) {
      const m = layout.exec(text);
      if (m === null) continue;
      const num = (i: number): number => Number(m[i] ?? '0');
      const year = num(1);
      const month = num(2);
      const day = num(3);
      const hour = num(4);
      const minute = num(5);
      const second = num(6);
      if (month < 1 || month > 12 || day < 1 || day > daysIn(month, year)) return undefined;
      if (hour > 23 || minute > 59 || second > 59) return undefined;
      // Go keeps at most nine fraction digits and ignores the rest.
      const nanosecond = Number((m[7] ?? '').slice(0, 9).padEnd(9, '0'));
      let offsetSeconds = 0;
      let zone: 'utc' | 'fixed' = 'utc';
      if (m[9] !== undefined) {
        const hh = Number(m[10]);
        const mm = Number(m[11]);
        if (hh > 24 || mm > 60) return undefined;
        offsetSeconds = (m[9] === '-' ? -1 : 1) * (hh * 3600 + mm * 60);
        zone = 'fixed';
      }
      return new GoTime({ year, month, day, hour, minute, second, nanosecond, offsetSeconds, zone });
    }
    return undefined;
  }

  /** The same instant as a Date (nanoseconds below the millisecond are dropped). */
  toDate(): Date {
    const date = new Date(0);
    date.setUTCFullYear(this.year, this.month - 1, this.day);
    date.setUTCHours(this.hour, this.minute, this.second, Math.floor(this.nanosecond / 1_000_000));
    return new Date(date.getTime() - this.offsetSeconds * 1000);
  }

  /** `t.Format(time.RFC3339Nano)`: go-yaml's and encoding/json's text of a time. */
  toRfc3339Nano(): string {
    return `${this.datePart()}T${this.clockPart()}${this.fraction()}${this.rfc3339Offset()}`;
  }

  /** `t.String()`: `2024-08-09 03:07:41 +0000 UTC` (used by `%v`). */
  toGoString(): string {
    const numeric = this.numericOffset();
    const name = this.zone === 'utc' ? 'UTC' : numeric;
    return `${this.datePart()} ${this.clockPart()}${this.fraction()} ${numeric} ${name}`;
  }

  private datePart(): string {
    const year = this.year < 0 ? `-${pad(-this.year, 4)}` : pad(this.year, 4);
    return `${year}-${pad(this.month, 2)}-${pad(this.day, 2)}`;
  }

  private clockPart(): string {
    return `${pad(this.hour, 2)}:${pad(this.minute, 2)}:${pad(this.second, 2)}`;
  }

  private fraction(): string {
    if (this.nanosecond === 0) return '';
    return `.${pad(this.nanosecond, 9).replace(/0+$/, '')}`;
  }

  private rfc3339Offset(): string {
    if (this.offsetSeconds === 0) return 'Z';
    const abs = Math.abs(this.offsetSeconds);
    return `${this.offsetSeconds < 0 ? '-' : '+'}${pad(Math.floor(abs / 3600), 2)}:${pad(Math.floor(abs / 60) % 60, 2)}`;
  }

  private numericOffset(): string {
    const abs = Math.abs(this.offsetSeconds);
    return `${this.offsetSeconds < 0 ? '-' : '+'}${pad(Math.floor(abs / 3600), 2)}${pad(Math.floor(abs / 60) % 60, 2)}`;
  }
}
