// The Go values go-toml v2 decodes TOML into when the target is `map[string]any` (and the values the Talos merge and
// the encoder work on): table → map[string]interface {}, array → []interface {}, integer → int64 (bigint here),
// float → float64 (number), string, bool, offset date-time → time.Time, local date-time/date/time →
// toml.LocalDateTime/LocalDate/LocalTime. TomlStruct stands for a Go struct the encoder writes in field order.

export type TomlValue =
  | string
  | bigint
  | number
  | boolean
  | TomlTable
  | TomlStruct
  | readonly TomlValue[]
  | TomlOffsetDateTime
  | TomlLocalDateTime
  | TomlLocalDate
  | TomlLocalTime;

/** A Go map[string]interface {}: the encoder sorts its keys. */
export class TomlTable {
  readonly entries: Map<string, TomlValue>;
  constructor(entries: Iterable<readonly [string, TomlValue]> = []) {
    this.entries = new Map(entries);
  }
}

/** A Go struct: the encoder keeps its field order (tags as keys); undefined fields (nil pointers) are skipped. */
export class TomlStruct {
  constructor(readonly fields: readonly (readonly [string, TomlValue | undefined])[]) {}
}

/** toml.LocalDate */
export class TomlLocalDate {
  constructor(
    readonly year: number,
    readonly month: number,
    readonly day: number,
  ) {}

  toString(): string {
    return `${pad(this.year, 4)}-${pad(this.month, 2)}-${pad(this.day, 2)}`;
  }
}

/** toml.LocalTime; precision = the number of fraction digits written (0: as few as needed). */
export class TomlLocalTime {
  constructor(
    readonly hour: number,
    readonly minute: number,
    readonly second: number,
    readonly nanosecond: number,
    readonly precision: number,
  ) {}

  toString(): string {
    let s = `${pad(this.hour, 2)}:${pad(this.minute, 2)}:${pad(this.second, 2)}`;
    const frac = `.${pad(this.nanosecond, 9)}`;
    if (this.precision > 0) s += frac.slice(0, this.precision + 1);
    // strings.Trim(".%09d", "0"): the dot stops the trim on the left
    else if (this.nanosecond > 0) s += frac.replace(/0+$/, '');
    return s;
  }
}

/** toml.LocalDateTime (a struct embedding LocalDate and LocalTime). */
export class TomlLocalDateTime {
  constructor(
    readonly date: TomlLocalDate,
    readonly time: TomlLocalTime,
  ) {}

  toString(): string {
    return `${this.date}T${this.time}`;
  }
}

/** time.Time with a fixed offset; printed as RFC 3339 (with nanoseconds only when there are some). */
export class TomlOffsetDateTime {
  constructor(
    readonly date: TomlLocalDate,
    readonly time: TomlLocalTime,
    /** Minutes east of UTC. */
    readonly offsetMinutes: number,
  ) {}

  /** time.Time's `wall` field for a parsed time (no monotonic reading): its nanoseconds. */
  get wall(): number {
    return this.time.nanosecond;
  }

  toString(): string {
    const t = this.time;
    let s = `${this.date}T${pad(t.hour, 2)}:${pad(t.minute, 2)}:${pad(t.second, 2)}`;
    if (t.nanosecond > 0) s += `.${pad(t.nanosecond, 9).replace(/0+$/, '')}`;
    if (this.offsetMinutes === 0) return `${s}Z`;
    const abs = Math.abs(this.offsetMinutes);
    return `${s}${this.offsetMinutes < 0 ? '-' : '+'}${pad(Math.floor(abs / 60), 2)}:${pad(abs % 60, 2)}`;
  }
}

function pad(n: number, width: number): string {
  return String(n).padStart(width, '0');
}

/** Go's dynamic type name of a decoded value, as reflect prints it in the Talos merge's errors. */
export function goTypeName(v: TomlValue): string {
  if (typeof v === 'string') return 'string';
  if (typeof v === 'bigint') return 'int64';
  if (typeof v === 'number') return 'float64';
  if (typeof v === 'boolean') return 'bool';
  if (Array.isArray(v)) return '[]interface {}';
  if (v instanceof TomlTable) return 'map[string]interface {}';
  if (v instanceof TomlOffsetDateTime) return 'time.Time';
  if (v instanceof TomlLocalDateTime) return 'toml.LocalDateTime';
  if (v instanceof TomlLocalDate) return 'toml.LocalDate';
  if (v instanceof TomlLocalTime) return 'toml.LocalTime';
  return 'struct';
}
