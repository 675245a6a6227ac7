// The blang/semver v4 `ParseRange` grammar Talos uses for `compatibility.talos.version`, written from its
// documented and observed behaviour (spec talos-extensions §2.5), quirks included: single-byte tokens before a
// space vanish, `x` anywhere in a token triggers wildcard expansion, an unknown operator on a wildcard is dropped.
import { type BlangVersion, compareBlangVersions, parseBlangVersion } from './blang-version.js';
import { isBlangVersionError } from './blang-version-error.js';
import { goAtoi, goIncrementInt64 } from './go-strconv.js';
import { VersionRangeError } from './version-range-error.js';

type Comparator = (c: number) => boolean;

const COMPARATORS: Readonly<Record<string, Comparator>> = {
  '': (c) => c === 0,
  '=': (c) => c === 0,
  '==': (c) => c === 0,
  '!': (c) => c !== 0,
  '!=': (c) => c !== 0,
  '>': (c) => c === 1,
  '>=': (c) => c >= 0,
  '<': (c) => c === -1,
  '<=': (c) => c <= 0,
};

interface Bound {
  readonly comparator: Comparator;
  readonly version: BlangVersion;
}

/** A parsed range: alternatives (OR) of bound lists (AND). */
export interface VersionRange {
  /** The text that was parsed. */
  readonly source: string;
  /** Whether `version` satisfies the range. Throws VersionRangeError `empty-alternative` where Go panics. */
  test(version: BlangVersion): boolean;
}

const SPACE = 0x20;
const PIPE = 0x7c;
const OR = '||';
const SURROGATE = /[\uD800-\uDFFF]/;

/** A token blang's splitter keeps: at least two bytes of UTF-8 (a lone ASCII character is dropped). */
function keptToken(token: string): boolean {
  return token.length >= 2 || (token.length === 1 && token.charCodeAt(0) >= 0x80);
}

/**
 * blang's splitAndTrim. Its length test counts bytes, so a one-character token survives only when it is not ASCII;
 * the scan itself runs on the string (every byte it looks for is ASCII), once, in linear time.
 */
function splitAndTrim(input: string): string[] {
  // what a Go string can hold: lone surrogates become U+FFFD, as a UTF-8 round trip makes them
  const s = SURROGATE.test(input) ? new TextDecoder().decode(new TextEncoder().encode(input)) : input;
  const result: string[] = [];
  let last = 0;
  let lastChar = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c === SPACE && lastChar !== 0x3e && lastChar !== 0x3c && lastChar !== 0x3d) {
      if (i - last === 2 && s.charCodeAt(last) === PIPE && s.charCodeAt(last + 1) === PIPE) result.push(OR);
      else {
        const token = s.slice(last, i);
        if (keptToken(token)) result.push(withoutSpaces(token));
      }
      last = i + 1;
    } else if (c !== SPACE) {
      lastChar = c;
    }
  }
  const rest = s.slice(last);
  if (keptToken(rest)) result.push(withoutSpaces(rest));
  return result;
}

function withoutSpaces(token: string): string {
  return token.includes(' ') ? token.replaceAll(' ', '') : token;
}

/** blang's checks on the token list before anything is built: something to compare, no `||` at either end. */
function checkOrPlacement(parts: readonly string[], source: string): void {
  if (parts.length === 0) throw new VersionRangeError({ kind: 'no-comparison', source });
  if (parts[0] === OR) throw new VersionRangeError({ kind: 'leading-or' });
  if (parts[parts.length - 1] === OR) throw new VersionRangeError({ kind: 'trailing-or' });
}

const DIGIT = /\p{Nd}/u;
const GO_SPACE =
  /^[\t\n\v\f\r \u0085\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]+|[\t\n\v\f\r \u0085\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]+$/gu;

/** Index of the first Unicode decimal digit (Go's unicode.IsDigit); ASCII is scanned directly, the rest by regex. */
function firstDigit(token: string): number {
  for (let i = 0; i < token.length; i++) {
    const c = token.charCodeAt(i);
    if (c >= 0x30 && c <= 0x39) return i;
    if (c >= 0x80) return token.search(DIGIT);
  }
  return -1;
}

function printableAscii(c: number): boolean {
  return c > 0x20 && c < 0x7f;
}

/** An operator needs Go's TrimSpace only when it starts or ends with something other than printable ASCII. */
function trimOperator(operator: string): string {
  if (operator === '') return operator;
  const plain = printableAscii(operator.charCodeAt(0)) && printableAscii(operator.charCodeAt(operator.length - 1));
  return plain ? operator : operator.replace(GO_SPACE, '');
}

function splitComparatorVersion(token: string): [operator: string, version: string] {
  const i = firstDigit(token);
  if (i === -1) throw new VersionRangeError({ kind: 'no-version', token });
  return [trimOperator(token.slice(0, i)), token.slice(i)];
}

/** The wildcard position blang infers from the number of dot-separated parts, when the last part is `x`. */
function wildcardType(version: string): 'minor' | 'patch' | 'none' {
  const parts = version.split('.');
  if (parts[parts.length - 1] !== 'x') return 'none';
  return parts.length === 2 ? 'minor' : parts.length === 3 ? 'patch' : 'none';
}

function flattenWildcard(version: string): string {
  const v = version.replace('.x.x', '.x').replace('.x', '.0');
  return v.split('.').length === 2 ? `${v}.0` : v;
}

function increment(version: string, index: 0 | 1): string {
  const parts = version.split('.');
  const n = goAtoi(parts[index] ?? '');
  if (n === undefined) return '';
  parts[index] = String(goIncrementInt64(n));
  return parts.join('.');
}

function expandWildcard(token: string): string[] {
  const [operator, version] = splitComparatorVersion(token);
  const type = wildcardType(version);
  const flat = flattenWildcard(version);
  const out: string[] = [];
  let resultOperator = '';
  let bump = false;
  switch (operator) {
    case '>':
      resultOperator = '>=';
      bump = true;
      break;
    case '>=':
      resultOperator = '>=';
      break;
    case '<':
      resultOperator = '<';
      break;
    case '<=':
      resultOperator = '<';
      bump = true;
      break;
    case '':
    case '=':
    case '==':
      out.push(`>=${flat}`);
      resultOperator = '<';
      bump = true;
      break;
    case '!=':
    case '!':
      out.push(`<${flat}`);
      resultOperator = '>=';
      bump = true;
      break;
  }
  let resultVersion = '';
  if (!bump) resultVersion = flat;
  else if (type === 'patch') resultVersion = increment(flat, 1);
  else if (type === 'minor') resultVersion = increment(flat, 0);
  out.push(resultOperator + resultVersion);
  return out;
}

function buildBound(token: string): Bound {
  const [operator, versionText] = splitComparatorVersion(token);
  const comparator = COMPARATORS[operator];
  if (comparator === undefined) throw new VersionRangeError({ kind: 'invalid-comparator', token, operator });
  try {
    return { comparator, version: parseBlangVersion(versionText) };
  } catch (err) {
    if (!isBlangVersionError(err)) throw err;
    throw new VersionRangeError({ kind: 'invalid-version', token, version: versionText, reason: err.message });
  }
}

function satisfiesAll(bounds: readonly Bound[], from: number, to: number, version: BlangVersion): boolean {
  for (let i = from; i < to; i++) {
    const b = bounds[i] as Bound;
    if (!b.comparator(compareBlangVersions(version, b.version))) return false;
  }
  return true;
}

/**
 * Parses a range exactly as blang/semver v4 `ParseRange` does (after Talos's `v` stripping, which is not done
 * here). Throws VersionRangeError with blang's texts.
 */
export function parseVersionRange(source: string): VersionRange {
  const parts = splitAndTrim(source);
  checkOrPlacement(parts, source);
  // blang expands every wildcard of every alternative before it builds any bound, so expansion errors come first
  const expansions = new Map<number, string[]>();
  for (let i = 0; i < parts.length; i++) {
    const t = parts[i] as string;
    if (t !== OR && t.includes('x')) expansions.set(i, expandWildcard(t));
  }
  // every bound in one array, alternative k ending at ends[k]: no array per alternative, so ranges of tens of
  // thousands of alternatives stay cheap
  const bounds: Bound[] = [];
  const ends: number[] = [];
  for (let i = 0; i < parts.length; i++) {
    const t = parts[i] as string;
    if (t === OR) {
      ends.push(bounds.length);
      continue;
    }
    const expanded = expansions.get(i);
    if (expanded === undefined) bounds.push(buildBound(t));
    else for (const e of expanded) bounds.push(buildBound(e));
  }
  ends.push(bounds.length);
  return {
    source,
    test(version: BlangVersion): boolean {
      let from = 0;
      for (const to of ends) {
        if (from === to) throw new VersionRangeError({ kind: 'empty-alternative' });
        if (satisfiesAll(bounds, from, to, version)) return true;
        from = to;
      }
      return false;
    },
  };
}
