// go-yaml's resolver: what a *plain* scalar's text means when read back (resolve.go). Used both to decide
// whether a Go string may be written plain (it must read back as a string) and to type read-back values.
import type { FlavourTraits } from './flavour.js';
import { GoTime } from './go-time.js';

export type ResolvedTag = 'null' | 'bool' | 'int' | 'float' | 'timestamp' | 'str' | 'merge';

export type Resolved =
  | { readonly tag: 'null'; readonly value: null }
  | { readonly tag: 'bool'; readonly value: boolean }
  | { readonly tag: 'int'; readonly value: bigint }
  | { readonly tag: 'float'; readonly value: number }
  | { readonly tag: 'timestamp'; readonly value: GoTime }
  | { readonly tag: 'str'; readonly value: string }
  | { readonly tag: 'merge'; readonly value: string };

const WORDS: ReadonlyMap<string, Resolved> = new Map<string, Resolved>([
  ...['true', 'True', 'TRUE'].map((w) => [w, { tag: 'bool', value: true }] as const),
  ...['false', 'False', 'FALSE'].map((w) => [w, { tag: 'bool', value: false }] as const),
  ...['', '~', 'null', 'Null', 'NULL'].map((w) => [w, { tag: 'null', value: null }] as const),
  ...['.nan', '.NaN', '.NAN'].map((w) => [w, { tag: 'float', value: Number.NaN }] as const),
  ...['.inf', '.Inf', '.INF', '+.inf', '+.Inf', '+.INF'].map(
    (w) => [w, { tag: 'float', value: Number.POSITIVE_INFINITY }] as const,
  ),
  ...['-.inf', '-.Inf', '-.INF'].map((w) => [w, { tag: 'float', value: Number.NEGATIVE_INFINITY }] as const),
]);

const MAX_INT64 = (1n << 63n) - 1n;
const MIN_INT64 = -(1n << 63n);
const MAX_UINT64 = (1n << 64n) - 1n;

// strconv.ParseInt/ParseUint with base 0 (underscores already removed by the resolver).
const GO_INT = /^([+-]?)(?:0[xX]([0-9a-fA-F]+)|0[oO]([0-7]+)|0[bB]([01]+)|0([0-7]+)|([1-9][0-9]*|0))$/;

function parseGoInteger(text: string): { readonly value: bigint; readonly signed: boolean } | undefined {
  const m = GO_INT.exec(text);
  if (m === null) return undefined;
  const [, sign, hex, octal, binary, legacyOctal, decimal] = m;
  let magnitude: bigint;
  if (hex !== undefined) magnitude = BigInt(`0x${hex}`);
  else if (octal !== undefined) magnitude = BigInt(`0o${octal}`);
  else if (binary !== undefined) magnitude = BigInt(`0b${binary}`);
  else if (legacyOctal !== undefined) magnitude = BigInt(`0o${legacyOctal}`);
  else magnitude = BigInt(decimal ?? '0');
  const value = sign === '-' ? -magnitude : magnitude;
  if (value >= MIN_INT64 && value <= MAX_INT64) return { value, signed: true };
  // ParseUint accepts no sign at all
  if (sign === '' && value <= MAX_UINT64) return { value, signed: false };
  return undefined;
}

// go-yaml's yamlStyleFloat, applied after removing underscores.
const YAML_FLOAT = /^[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?$/;
// strconv.ParseFloat for text starting with `.`: digits may be separated by single underscores.
const DOT_FLOAT = /^\.[0-9]+(?:_[0-9]+)*(?:[eE][-+]?[0-9]+(?:_[0-9]+)*)?$/;

/** Go's ParseFloat result for syntactically valid decimal text: an error (undefined) on overflow to ±Inf. */
function finiteFloat(text: string): number | undefined {
  const value = Number(text.replaceAll('_', ''));
  return Number.isFinite(value) ? value : undefined;
}

function hintOf(text: string, traits: FlavourTraits): 'S' | 'D' | 'M' | '.' | undefined {
  if (text === '') return 'M';
  const c = text[0] as string;
  if (c === '+' || c === '-') return 'S';
  if (c >= '0' && c <= '9') return 'D';
  if ('yYnNtTfFoO~'.includes(c) || (c === '<' && traits.mergeKeyResolves)) return 'M';
  if (c === '.') return '.';
  return undefined;
}

/** The value of a plain scalar with this text, as `yaml.Unmarshal` into `any` decodes it. */
export function resolvePlain(text: string, traits: FlavourTraits): Resolved {
  const str: Resolved = { tag: 'str', value: text };
  const hint = hintOf(text, traits);
  if (hint === undefined) return str;
  const word = WORDS.get(text);
  if (word !== undefined) return word;
  if (traits.negativeZeroIsFloat && (text === '-0' || text === '-0.0')) return { tag: 'float', value: -0 };
  if (traits.mergeKeyResolves && text === '<<') return { tag: 'merge', value: text };
  if (hint === '.') {
    if (!DOT_FLOAT.test(text)) return str;
    const value = finiteFloat(text);
    return value === undefined ? str : { tag: 'float', value };
  }
  if (hint === 'M') return str;
  const time = GoTime.parseYamlTimestamp(text);
  if (time !== undefined) return { tag: 'timestamp', value: time };
  const plain = text.replaceAll('_', '');
  const int = parseGoInteger(plain);
  if (int !== undefined) return { tag: 'int', value: int.value };
  if (YAML_FLOAT.test(plain)) {
    const value = finiteFloat(plain);
    if (value !== undefined) return { tag: 'float', value };
  }
  return str;
}

/** Whether a Go string written plain would read back as something else (and so must be quoted). */
export function readsAsNonString(text: string, traits: FlavourTraits): boolean {
  return resolvePlain(text, traits).tag !== 'str';
}
