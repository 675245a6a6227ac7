// Talos's config merge (pkg/machinery/config/merge.Merge) applied, as internal/pkg/toml does, to decoded TOML
// documents (`map[string]any`): for a key both sides have, values of different Go types are an error; tables merge
// key by key (in place); arrays concatenate (left then right); strings, integers and floats are replaced unless the
// right one is Go's zero value ("", 0, 0.0 — but -0.0 is not zero); booleans are always replaced; local dates and
// times merge field by field (zero fields keep the left ones); two offset date-times cannot merge (time.Time's
// unexported fields). A key only the right side has is taken as it is.
import {
  goTypeName,
  TomlLocalDate,
  TomlLocalDateTime,
  TomlLocalTime,
  TomlOffsetDateTime,
  TomlTable,
  type TomlValue,
} from './toml-value.js';

/** A merge the Talos merge refuses, with its text (`merge map key map[string]interface {}[a]: …`). */
export class TomlMergeError extends Error {
  override readonly name = 'TomlMergeError';
  readonly kind = 'merge' as const;
}

const MAP_TYPE = 'map[string]interface {}';

function field(struct: string, name: string, reason: string): never {
  throw new TomlMergeError(`merge field ${struct}.${name}: ${reason}`);
}

/** Go's struct merge of int fields: a zero right field keeps the left one. */
function ints(left: number, right: number): number {
  return right === 0 ? left : right;
}

function mergeDate(l: TomlLocalDate, r: TomlLocalDate): TomlLocalDate {
  return new TomlLocalDate(ints(l.year, r.year), ints(l.month, r.month), ints(l.day, r.day));
}

function mergeTime(l: TomlLocalTime, r: TomlLocalTime): TomlLocalTime {
  return new TomlLocalTime(
    ints(l.hour, r.hour),
    ints(l.minute, r.minute),
    ints(l.second, r.second),
    ints(l.nanosecond, r.nanosecond),
    ints(l.precision, r.precision),
  );
}

/** merge(v, rightV) for two values of the same dynamic type; returns the merged value. */
function mergeValue(left: TomlValue, right: TomlValue): TomlValue {
  if (left instanceof TomlTable && right instanceof TomlTable) {
    mergeTables(left, right);
    return left;
  }
  if (Array.isArray(left) && Array.isArray(right)) return right.length === 0 ? left : [...left, ...right];
  if (typeof left === 'string') return right === '' ? left : right;
  if (typeof left === 'bigint') return right === 0n ? left : right;
  if (typeof left === 'number') return right === 0 && !Object.is(right, -0) ? left : right;
  if (typeof left === 'boolean') return right;
  if (left instanceof TomlLocalDate && right instanceof TomlLocalDate) return mergeDate(left, right);
  if (left instanceof TomlLocalTime && right instanceof TomlLocalTime) return mergeTime(left, right);
  if (left instanceof TomlLocalDateTime && right instanceof TomlLocalDateTime) {
    return new TomlLocalDateTime(mergeDate(left.date, right.date), mergeTime(left.time, right.time));
  }
  if (left instanceof TomlOffsetDateTime) {
    // reflect refuses to set time.Time's unexported `wall` field; %v prints the left value
    return field('time.Time', 'wall', `merge not possible, left ${left.wall} is not settable`);
  }
  throw new TomlMergeError(`merge not implemented for ${goTypeName(left)}`);
}

/** Merges `right` into `left` in place (merge.Merge(left, right) for two map[string]any). */
export function mergeTables(left: TomlTable, right: TomlTable): void {
  for (const [k, r] of right.entries) {
    const l = left.entries.get(k);
    if (l === undefined) {
      left.entries.set(k, r);
      continue;
    }
    const lt = goTypeName(l);
    const rt = goTypeName(r);
    try {
      if (lt !== rt) throw new TomlMergeError(`merge type mismatch left ${lt} right ${rt}`);
      left.entries.set(k, mergeValue(l, r));
    } catch (err) {
      if (!(err instanceof TomlMergeError)) throw err;
      throw new TomlMergeError(`merge map key ${MAP_TYPE}[${k}]: ${err.message}`);
    }
  }
}
