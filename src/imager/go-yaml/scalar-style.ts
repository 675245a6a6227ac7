// How go-yaml chooses the style of a Go string it encodes (spec go-yaml-and-jsonpath §3.1–3.4): the style the
// encoder requests (which depends on whether the text would read back as another type), the emitter's character
// analysis, and the final downgrade from plain to single to double quotes.
import type { GoYamlFlavour } from './go-yaml-flavour.js';

export type ScalarStyle = 'plain' | 'single' | 'double' | 'literal';

const YAML11_BOOLS = new Set('y Y yes Yes YES on On ON n N no No NO off Off OFF'.split(' '));
const RESOLVED_WORDS = new Set('true True TRUE false False FALSE ~ null Null NULL'.split(' '));
const SPECIAL_FLOATS = new Set('.nan .NaN .NAN .inf .Inf .INF +.inf +.Inf +.INF -.inf -.Inf -.INF'.split(' '));
const BASE60 = /^[-+]?[0-9][0-9_]*(?::[0-5]?[0-9])+(?:\.[0-9_]*)?$/;
const FLOAT = /^[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?$/;
const DOT_FLOAT = /^\.[0-9]+(?:[eE][-+]?[0-9]+)?$/;
const INT = /^([+-]?)(0[xX][0-9a-fA-F]+|0[bB][01]+|0[oO][0-7]+|0[0-7]*|[1-9][0-9]*)$/;
const TIMESTAMP =
  /^(\d{4})-(\d{1,2})-(\d{1,2})(?:(?:[Tt](\d{1,2}):(\d{1,2}):(\d{1,2})(?:[.,]\d+)?(?:Z|[+-]\d{2}:\d{2}))|(?: (\d{1,2}):(\d{1,2}):(\d{1,2})(?:[.,]\d+)?))?$/;

const MAX_INT64 = (1n << 63n) - 1n;
const MAX_UINT64 = (1n << 64n) - 1n;

/** strconv.ParseInt(s, 0, 64) or ParseUint(s, 0, 64) succeeds. */
function isGoInteger(s: string): boolean {
  const m = INT.exec(s);
  if (m === null) return false;
  const sign = m[1] as string;
  const body = m[2] as string;
  const lower = body.toLowerCase();
  const digits =
    lower.startsWith('0x') || lower.startsWith('0b') || lower.startsWith('0o')
      ? BigInt(lower)
      : body.length > 1 && body.startsWith('0')
        ? BigInt(`0o${body.slice(1)}`)
        : BigInt(body);
  if (sign === '-') return digits <= MAX_INT64 + 1n;
  if (sign === '+') return digits <= MAX_INT64;
  return digits <= MAX_UINT64;
}

function daysIn(year: number, month: number): number {
  if (month === 2) return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0 ? 29 : 28;
  return [4, 6, 9, 11].includes(month) ? 30 : 31;
}

/** One of go-yaml's timestamp layouts parses the whole text (time.Parse validates every field). */
function isTimestamp(s: string): boolean {
  const m = TIMESTAMP.exec(s);
  if (m === null) return false;
  const [year, month, day] = [Number(m[1]), Number(m[2]), Number(m[3])];
  if (month < 1 || month > 12 || day < 1 || day > daysIn(year, month)) return false;
  const [h, mi, se] = m[4] !== undefined ? [m[4], m[5], m[6]] : [m[7], m[8], m[9]];
  if (h === undefined) return true;
  return Number(h) <= 23 && Number(mi) <= 59 && Number(se) <= 59;
}

/** go-yaml's resolver would give the plain text another tag than `!!str` (spec §3.2). */
export function readsBackAsNonString(s: string, flavour: GoYamlFlavour): boolean {
  if (s === '') return true;
  const c = s[0] as string;
  if ('yYnNtTfFoO~'.includes(c) || (c === '<' && flavour !== 'v3' && flavour !== 'rc3')) {
    return RESOLVED_WORDS.has(s) || (s === '<<' && flavour !== 'v3' && flavour !== 'rc3');
  }
  if (c === '.') return SPECIAL_FLOATS.has(s) || (DOT_FLOAT.test(s) && Number.isFinite(Number(s)));
  if (c === '+' || c === '-' || (c >= '0' && c <= '9')) {
    if (SPECIAL_FLOATS.has(s)) return true;
    if (isTimestamp(s)) return true;
    const plain = s.replaceAll('_', '');
    if (isGoInteger(plain)) return true;
    return FLOAT.test(plain) && Number.isFinite(Number(plain));
  }
  return false;
}

function isYaml11Special(s: string): boolean {
  const c = s[0] ?? '';
  return YAML11_BOOLS.has(s) || ('+-0123456789'.includes(c) && c !== '' && s.includes(':') && BASE60.test(s));
}

/** Step A: the style the encoder asks for. */
function requestedStyle(s: string, flavour: GoYamlFlavour): ScalarStyle {
  if (s.includes('\n')) {
    if (flavour === 'v3') return 'literal';
    return [...s].length >= 2 && /\S/u.test(s) ? 'literal' : 'double';
  }
  if (flavour === 'rc6') {
    if (s === '<<' || isYaml11Special(s)) return 'single';
    return readsBackAsNonString(s, flavour) ? 'double' : 'plain';
  }
  if (readsBackAsNonString(s, flavour) || isYaml11Special(s) || (s === '<<' && flavour !== 'v3')) return 'double';
  return 'plain';
}

const BREAKS = new Set([0x0a, 0x0d, 0x85, 0x2028, 0x2029]);
const FIRST_INDICATORS = new Set([...'#,[]{}&*!|>\'"%@`']);

/** go-yaml's is_printable, on code points: what it may write without escaping. */
export function isGoYamlPrintable(cp: number): boolean {
  return (
    cp === 0x0a ||
    (cp >= 0x20 && cp <= 0x7e) ||
    (cp >= 0xa0 && cp <= 0xd7ff) ||
    (cp >= 0xe000 && cp <= 0xfffd && cp !== 0xfeff)
  );
}

interface Analysis {
  readonly plain: boolean;
  readonly single: boolean;
  readonly literal: boolean;
}

/** Step C: what the characters of the text allow (spec §3.3). */
function analyse(s: string): Analysis {
  const cps = [...s].map((ch) => ch.codePointAt(0) as number);
  const isBlank = (i: number) => i >= cps.length || cps[i] === 0x20 || cps[i] === 0x09;
  const isBreak = (i: number) => i < cps.length && BREAKS.has(cps[i] as number);
  let indicator = s.startsWith('---') || s.startsWith('...');
  let lineBreaks = false;
  let special = false;
  let tab = false;
  let spaceBreak = false;
  let breakSpace = false;
  for (let i = 0; i < cps.length; i++) {
    const cp = cps[i] as number;
    const ch = String.fromCodePoint(cp);
    if (i === 0) {
      if (FIRST_INDICATORS.has(ch)) indicator = true;
      if ((ch === '?' || ch === ':' || ch === '-') && isBlank(1)) indicator = true;
    } else {
      if (ch === ':' && isBlank(i + 1)) indicator = true;
      if (ch === '#' && (cps[i - 1] === 0x20 || cps[i - 1] === 0x09 || isBreak(i - 1))) indicator = true;
    }
    if (cp === 0x09) tab = true;
    else if (!isGoYamlPrintable(cp)) special = true;
    if (BREAKS.has(cp)) lineBreaks = true;
    if (cp === 0x20 && isBreak(i + 1)) spaceBreak = true;
    if (isBreak(i) && cps[i + 1] === 0x20) breakSpace = true;
  }
  const first = cps[0];
  const last = cps[cps.length - 1];
  const leadingSpace = first === 0x20;
  const trailingSpace = last === 0x20;
  const leadingBreak = first !== undefined && BREAKS.has(first);
  const trailingBreak = last !== undefined && BREAKS.has(last);
  return {
    plain:
      cps.length > 0 &&
      !indicator &&
      !leadingSpace &&
      !trailingSpace &&
      !leadingBreak &&
      !trailingBreak &&
      !lineBreaks &&
      !tab &&
      !special &&
      !breakSpace,
    single: !tab && !special && !spaceBreak && !breakSpace,
    literal: !trailingSpace && !spaceBreak && !special,
  };
}

/** The style go-yaml writes a Go string in, as a mapping value or sequence item (never a key). */
export function scalarStyle(s: string, flavour: GoYamlFlavour): ScalarStyle {
  const requested = requestedStyle(s, flavour);
  const allowed = analyse(s);
  // the literal writer below only handles `\n` line breaks; go-yaml's output for the rarer breaks is garbage-like
  const exoticBreak = /[\r\u0085\u2028\u2029]/u.test(s);
  switch (requested) {
    case 'literal':
      return allowed.literal && !exoticBreak ? 'literal' : 'double';
    case 'double':
      return 'double';
    case 'plain':
      if (allowed.plain) return 'plain';
      return allowed.single ? 'single' : 'double';
    case 'single':
      return allowed.single ? 'single' : 'double';
  }
}
