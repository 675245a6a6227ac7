// go-toml v2's Encoder with SetIndentTables(true), as Talos writes the CRI config (marshaler.go): per table the
// key-values first, then the sub-tables; map keys in Go string order, struct fields in declaration order; strings
// as literal `'…'` unless they hold `'`, a newline or a control character; floats in 'f' format, never exponents;
// two spaces per table level; array-table headers are not indented (go-toml's own quirk).
import { compareGoStrings } from '../../src/gofmt/index.js';
import {
  TomlLocalDate,
  TomlLocalDateTime,
  TomlLocalTime,
  TomlOffsetDateTime,
  TomlStruct,
  TomlTable,
  type TomlValue,
} from './toml-value.js';

const INDENT = '  ';

/** Whether a string needs the quoted (basic) form: `'`, CR, LF or a byte go-toml calls invalid ASCII. */
function needsQuoting(v: string): boolean {
  for (const b of Buffer.from(v, 'utf8')) {
    if (b === 0x27 || b === 0x0d || b === 0x0a || (b < 0x20 && b !== 0x09) || b === 0x7f) return true;
  }
  return false;
}

function quoted(v: string): string {
  let out = '"';
  for (const b of Buffer.from(v, 'utf8')) {
    const named: Record<number, string> = {
      92: '\\\\',
      34: '\\"',
      8: '\\b',
      12: '\\f',
      10: '\\n',
      13: '\\r',
      9: '\\t',
    };
    if (named[b] !== undefined) out += named[b];
    else if (b <= 0x1f || b === 0x7f) out += `\\u00${b.toString(16).toUpperCase().padStart(2, '0')}`;
    else out += String.fromCharCode(b);
  }
  // bytes were appended one by one: decode them back as UTF-8
  return Buffer.from(`${out}"`, 'latin1').toString('utf8');
}

function encodeString(v: string): string {
  return needsQuoting(v) ? quoted(v) : `'${v}'`;
}

function encodeKey(k: string): string {
  if (k === '') return "''";
  if (/^[A-Za-z0-9_-]+$/.test(k)) return k;
  return k.includes("'") || needsQuoting(k) ? quoted(k) : `'${k}'`;
}

/** strconv.AppendFloat(f, 'f', -1 or 1, 64): shortest round-trip digits, no exponent. */
function encodeFloat(f: number): string {
  if (Number.isNaN(f)) return 'nan';
  if (f === Number.POSITIVE_INFINITY) return 'inf';
  if (f === Number.NEGATIVE_INFINITY) return '-inf';
  if (Math.trunc(f) === f) {
    const int = Object.is(f, -0) ? '-0' : BigInt(f).toString();
    return `${int}.0`;
  }
  const [mantissa = '', exp = '0'] = Math.abs(f).toExponential().split('e');
  const digits = mantissa.replace('.', '');
  const point = Number(exp) + 1;
  const body =
    point <= 0
      ? `0.${'0'.repeat(-point)}${digits}`
      : point >= digits.length
        ? digits + '0'.repeat(point - digits.length)
        : `${digits.slice(0, point)}.${digits.slice(point)}`;
  return (f < 0 ? '-' : '') + body;
}

const isTableLike = (v: TomlValue | undefined): v is TomlTable | TomlStruct =>
  v instanceof TomlTable || v instanceof TomlStruct;

/** A non-empty array whose every element is a table encodes as an array of tables. */
const isArrayTable = (v: TomlValue): v is readonly (TomlTable | TomlStruct)[] =>
  Array.isArray(v) && v.length > 0 && v.every(isTableLike);

/** An entry of a table: its key, and whether it is written as a sub-table (or array of tables). */
function entriesOf(v: TomlTable | TomlStruct): { kvs: [string, TomlValue][]; tables: [string, TomlValue][] } {
  const kvs: [string, TomlValue][] = [];
  const tables: [string, TomlValue][] = [];
  const all: [string, TomlValue][] =
    v instanceof TomlTable
      ? [...v.entries]
      : v.fields.filter((f): f is [string, TomlValue] => f[1] !== undefined).map(([k, x]) => [k, x]);
  for (const [k, x] of all) (isTableLike(x) || isArrayTable(x) ? tables : kvs).push([k, x]);
  if (v instanceof TomlTable) {
    kvs.sort((a, b) => compareGoStrings(a[0], b[0]));
    tables.sort((a, b) => compareGoStrings(a[0], b[0]));
  }
  return { kvs, tables };
}

function inlineValue(v: TomlValue): string {
  if (typeof v === 'string') return encodeString(v);
  if (typeof v === 'bigint') return v.toString();
  if (typeof v === 'number') return encodeFloat(v);
  if (typeof v === 'boolean') return v ? 'true' : 'false';
  if (v instanceof TomlOffsetDateTime || v instanceof TomlLocalDateTime) return v.toString();
  if (v instanceof TomlLocalDate || v instanceof TomlLocalTime) return v.toString();
  if (Array.isArray(v)) return v.length === 0 ? '[]' : `[${v.map(inlineValue).join(', ')}]`;
  const { kvs, tables } = entriesOf(v as TomlTable | TomlStruct);
  // inside a key-value every table is inline, so nothing is a "table" here
  const all = [...kvs, ...tables];
  if (v instanceof TomlTable) all.sort((a, b) => compareGoStrings(a[0], b[0]));
  return `{${all.map(([k, x]) => `${encodeKey(k)} = ${inlineValue(x)}`).join(', ')}}`;
}

class Encoder {
  out = '';

  table(v: TomlTable | TomlStruct, path: readonly string[], indent: number, header: boolean): void {
    let level = indent;
    if (header && path.length > 0) {
      this.out += `${INDENT.repeat(indent)}[${path.map(encodeKey).join('.')}]\n`;
      level++;
    }
    const { kvs, tables } = entriesOf(v);
    for (const [k, x] of kvs) this.out += `${INDENT.repeat(level)}${encodeKey(k)} = ${inlineValue(x)}\n`;
    let first = true;
    for (const [k, x] of tables) {
      if (!first || kvs.length > 0) this.out += '\n';
      first = false;
      if (isArrayTable(x)) this.arrayTable(x, [...path, k], level);
      else this.table(x as TomlTable | TomlStruct, [...path, k], level, true);
    }
  }

  private arrayTable(items: readonly (TomlTable | TomlStruct)[], path: readonly string[], indent: number): void {
    const header = `[[${path.map(encodeKey).join('.')}]]\n`;
    for (const [i, item] of items.entries()) {
      if (i > 0) this.out += '\n';
      this.out += header;
      this.table(item, path, indent + 1, false);
    }
  }
}

/** `toml.NewEncoder(w).SetIndentTables(true).Encode(v)` for a table or a struct. */
export function encodeToml(v: TomlTable | TomlStruct): string {
  const e = new Encoder();
  e.table(v, [], 0, true);
  return e.out;
}
