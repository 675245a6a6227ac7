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

const encoder = new TextEncoder();
const decoder = new TextDecoder();
const SPACE = 0x20;
const NO_SPLIT_AFTER = new Set([0x3e, 0x3c, 0x3d]); // > < =

/** blang's splitAndTrim, on UTF-8 bytes because its length test counts bytes. */
function splitAndTrim(s: string): string[] {
  const bytes = encoder.encode(s);
  const result: string[] = [];
  let last = 0;
  let lastChar = 0;
  for (let i = 0; i < bytes.length; i++) {
    const b = bytes[i] as number;
    if (b === SPACE && !NO_SPLIT_AFTER.has(lastChar)) {
      if (last < i - 1) result.push(decoder.decode(bytes.subarray(last, i)));
      last = i + 1;
    } else if (b !== SPACE) {
      lastChar = b;
    }
  }
  if (last < bytes.length - 1) result.push(decoder.decode(bytes.subarray(last)));
  return result.map((t) => t.replaceAll(' ', ''));
}

function splitOrParts(parts: readonly string[]): string[][] {
  const groups: string[][] = [];
  let last = 0;
  parts.forEach((p, i) => {
    if (p !== '||') return;
    if (i === 0) throw new VersionRangeError({ kind: 'leading-or' });
    groups.push(parts.slice(last, i));
    last = i + 1;
  });
  if (last === parts.length) throw new VersionRangeError({ kind: 'trailing-or' });
  groups.push(parts.slice(last));
  return groups;
}

const DIGIT = /\p{Nd}/u;
const GO_SPACE =
  /^[\t\n\v\f\r \u0085\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]+|[\t\n\v\f\r \u0085\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]+$/gu;

function splitComparatorVersion(token: string): [operator: string, version: string] {
  const i = token.search(DIGIT);
  if (i === -1) throw new VersionRangeError({ kind: 'no-version', token });
  return [token.slice(0, i).replace(GO_SPACE, ''), token.slice(i)];
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

/**
 * Parses a range exactly as blang/semver v4 `ParseRange` does (after Talos's `v` stripping, which is not done
 * here). Throws VersionRangeError with blang's texts.
 */
export function parseVersionRange(source: string): VersionRange {
  const groups = splitOrParts(splitAndTrim(source));
  const expanded = groups.map((g) => g.flatMap((t) => (t.includes('x') ? expandWildcard(t) : [t])));
  const alternatives = expanded.map((g) => g.map(buildBound));
  return {
    source,
    test(version: BlangVersion): boolean {
      for (const bounds of alternatives) {
        if (bounds.length === 0) throw new VersionRangeError({ kind: 'empty-alternative' });
        if (bounds.every((b) => b.comparator(compareBlangVersions(version, b.version)))) return true;
      }
      return false;
    },
  };
}
