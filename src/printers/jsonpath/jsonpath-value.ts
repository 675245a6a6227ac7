// Values the JSONPath evaluator passes around: the Go values of a decoded document, plus two things Go's
// reflection adds — the bytes of a string (`uint8`, from `*` or `..` over a string) and the zero Value
// (what `FindResults(nil)` walks, e.g. the body of a range with no results).

import { compareGoStrings } from '../../gofmt/index.js';
import { formatFloat, GoMap, GoTime, type GoValue } from '../../goyaml/index.js';

/** One byte of a string, as Go's reflection yields it. */
export class GoByte {
  readonly value: number;
  constructor(value: number) {
    this.value = value;
  }
}

/** reflect's zero Value ("no value"), distinct from a nil interface (null) found inside a map or list. */
export const NO_VALUE: unique symbol = Symbol('no value');

export type JsonPathValue = GoValue | GoByte | typeof NO_VALUE;

const MAX_INT64 = (1n << 63n) - 1n;

export function isGoList(value: JsonPathValue): value is readonly GoValue[] {
  return Array.isArray(value);
}

/** Go's type name of a non-nil value, as `%v` of a reflect.Type prints it. */
export function goTypeName(value: JsonPathValue): string {
  if (value instanceof GoMap) return value.goTypeName;
  if (value instanceof GoTime) return 'time.Time';
  if (value instanceof GoByte) return 'uint8';
  if (isGoList(value)) return '[]interface {}';
  switch (typeof value) {
    case 'string':
      return 'string';
    case 'bigint':
      return value > MAX_INT64 ? 'uint64' : 'int';
    case 'number':
      return 'float64';
    case 'boolean':
      return 'bool';
    default:
      return '<nil>';
  }
}

/** fmt's `%v`. */
export function goFormat(value: JsonPathValue): string {
  if (value === NO_VALUE) return '<invalid reflect.Value>';
  if (value === null) return '<nil>';
  if (value instanceof GoMap) {
    const keys = [...value.keys()].sort(compareGoStrings);
    return `map[${keys.map((k) => `${k}:${goFormat(entryOf(value, k))}`).join(' ')}]`;
  }
  if (value instanceof GoTime) return value.toGoString();
  if (value instanceof GoByte) return String(value.value);
  if (isGoList(value)) return `[${value.map(goFormat).join(' ')}]`;
  if (typeof value === 'number') return formatFloat(value);
  return String(value);
}

function entryOf(map: GoMap, key: string): GoValue {
  for (const [k, v] of map.entries()) if (k === key) return v;
  return null;
}

/** Values of a map in the order the evaluator visits them: sorted by key (Go's order is random). */
export function mapValues(map: GoMap): GoValue[] {
  return [...map.entries()].sort((a, b) => compareGoStrings(a[0], b[0])).map(([, v]) => v);
}

/** The bytes of a string's UTF-8 form. */
export function stringBytes(text: string): GoByte[] {
  return Array.from(new TextEncoder().encode(text), (b) => new GoByte(b));
}
