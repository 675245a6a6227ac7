// go-yaml's implicit typing of scalars (internal/libyaml/resolver.go, v4 rc.6), reduced to what decoding into
// strings and structs needs: which tag a scalar resolves to. Values are never converted: Go stores the scalar's
// text in a string field whatever its tag (except null, which leaves the field alone, and timestamps, which fail).

export const STR = '!!str';
export const INT = '!!int';
export const FLOAT = '!!float';
export const BOOL = '!!bool';
export const NULL = '!!null';
export const TIMESTAMP = '!!timestamp';
export const BINARY = '!!binary';
export const MERGE = '!!merge';
export const MAP = '!!map';
export const SEQ = '!!seq';

const YAML_TAG_PREFIX = 'tag:yaml.org,2002:';

/** go-yaml's shortTag: `tag:yaml.org,2002:int` → `!!int`. */
export function shortTag(tag: string): string {
  return tag.startsWith(YAML_TAG_PREFIX) ? `!!${tag.slice(YAML_TAG_PREFIX.length)}` : tag;
}

const MAPPED: ReadonlyMap<string, string> = new Map([
  ...['true', 'True', 'TRUE', 'false', 'False', 'FALSE'].map((s) => [s, BOOL] as const),
  ...['', '~', 'null', 'Null', 'NULL'].map((s) => [s, NULL] as const),
  ...['.nan', '.NaN', '.NAN', '.inf', '.Inf', '.INF', '+.inf', '+.Inf', '+.INF', '-.inf', '-.Inf', '-.INF'].map(
    (s) => [s, FLOAT] as const,
  ),
  ['-0', FLOAT],
  ['-0.0', FLOAT],
  ['<<', MERGE],
]);

const MAX_INT64 = (1n << 63n) - 1n;
const MAX_UINT64 = (1n << 64n) - 1n;

/** Go's strconv.ParseInt(s, 0, 64) / ParseUint(s, 0, 64) succeeding on `s` (underscores already removed). */
function isGoInteger(s: string): boolean {
  const m = /^([+-]?)(0[xX][0-9a-fA-F]+|0[bB][01]+|0[oO][0-7]+|0[0-7]*|[1-9][0-9]*)$/.exec(s);
  if (m === null) return false;
  const body = m[2] as string;
  const lower = body.toLowerCase();
  const magnitude =
    lower.startsWith('0x') || lower.startsWith('0b') || lower.startsWith('0o')
      ? BigInt(lower)
      : body.length > 1 && body.startsWith('0')
        ? BigInt(`0o${body.slice(1)}`)
        : BigInt(body);
  if (m[1] === '-') return magnitude <= MAX_INT64 + 1n;
  return magnitude <= MAX_UINT64;
}

const YAML_STYLE_FLOAT = /^[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?$/;

function isFiniteFloat(s: string): boolean {
  return Number.isFinite(Number(s));
}

function daysIn(year: number, month: number): number {
  return [
    31,
    year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0) ? 29 : 28,
    31,
    30,
    31,
    30,
    31,
    31,
    30,
    31,
    30,
    31,
  ][month - 1] as number;
}

const TIMESTAMP_FORMS =
  /^(\d{4})-(\d{1,2})-(\d{1,2})(?:[Tt](\d{1,2}):(\d{1,2}):(\d{1,2})(?:\.\d+)?(?:Z|[+-]\d{2}:\d{2})| (\d{1,2}):(\d{1,2}):(\d{1,2})(?:\.\d+)?)?$/;

/** go-yaml's parseTimestamp with its four layouts (date, RFC 3339 with `T`/`t`, space-separated without zone). */
function isTimestamp(s: string): boolean {
  const m = TIMESTAMP_FORMS.exec(s);
  if (m === null) return false;
  const [year, month, day] = [Number(m[1]), Number(m[2]), Number(m[3])];
  if (month < 1 || month > 12 || day < 1 || day > daysIn(year, month)) return false;
  const h = m[4] ?? m[7];
  const min = m[5] ?? m[8];
  const sec = m[6] ?? m[9];
  return h === undefined || (Number(h) < 24 && Number(min) < 60 && Number(sec) < 60);
}

function implicitTag(s: string, timestamps: boolean): string {
  const mapped = MAPPED.get(s);
  if (mapped !== undefined) return mapped;
  const c = s[0] ?? '';
  if (c === '.') return /^\.[0-9]+(?:[eE][-+]?[0-9]+)?$/.test(s) && isFiniteFloat(s) ? FLOAT : STR;
  if (!/[0-9+-]/.test(c)) return STR;
  if (timestamps && isTimestamp(s)) return TIMESTAMP;
  const plain = s.replaceAll('_', '');
  if (isGoInteger(plain)) return INT;
  if (YAML_STYLE_FLOAT.test(plain) && isFiniteFloat(plain)) return FLOAT;
  return STR;
}

const RESOLVABLE = new Set(['', STR, BOOL, INT, FLOAT, NULL, TIMESTAMP]);

/**
 * The tag go-yaml gives a scalar. `explicitTag` is the short tag written in the document ('' when none);
 * `plain` says whether the scalar is unquoted (quoted and block scalars are strings). Returns `{ mismatch }` when an
 * explicit tag contradicts the text (`!!int foo`), which go-yaml reports as a resolver failure.
 */
export function resolveScalarTag(
  explicitTag: string,
  text: string,
  plain: boolean,
): { readonly tag: string } | { readonly mismatch: string } {
  if (explicitTag === '' && !plain) return { tag: STR };
  if (!RESOLVABLE.has(explicitTag)) return { tag: explicitTag };
  if (explicitTag === STR) return { tag: STR };
  const resolved = implicitTag(text, explicitTag === '' || explicitTag === TIMESTAMP);
  if (explicitTag === '' || explicitTag === resolved) return { tag: resolved };
  if (explicitTag === FLOAT && resolved === INT) return { tag: FLOAT };
  return { mismatch: `cannot construct ${resolved} \`${text}\` as a ${explicitTag}` };
}
