// blang/semver v4 versions as its range grammar sees them: the strict parser (`semver.Parse`) with its exact
// errors, and its precedence. Numbers are uint64 in Go, so they are bigints here: a constraint such as
// `< 99999999999999999999.0.0` must parse exactly as upstream, beyond what npm `semver` can represent.
import { BlangVersionError, type BlangVersionPart } from './blang-version-error.js';
import { goParseUint } from './go-strconv.js';

export type BlangPrerelease =
  | { readonly numeric: true; readonly value: bigint }
  | { readonly numeric: false; readonly value: string };

export interface BlangVersion {
  readonly major: bigint;
  readonly minor: bigint;
  readonly patch: bigint;
  readonly pre: readonly BlangPrerelease[];
  readonly build: readonly string[];
}

const NUMBERS = /^[0-9]*$/;
const SHORT_NUMBER = /^(?:0|[1-9][0-9]*)$/;
// shared by every version without pre-release or build parts (versions are never modified)
const NONE: readonly string[] = Object.freeze([]);
const NO_PRERELEASE: readonly BlangPrerelease[] = Object.freeze([]);
const ALPHANUM = /^[0-9A-Za-z-]*$/;

function hasLeadingZeroes(s: string): boolean {
  return s.length > 1 && s[0] === '0';
}

/** Version numbers repeat; sharing the bigint of each small one keeps large ranges from allocating one per part. */
const SMALL_BIGINTS: bigint[] = [];
const SMALL_LIMIT = 1 << 16;

function smallBigInt(n: number): bigint {
  if (n >= SMALL_LIMIT) return BigInt(n);
  let b = SMALL_BIGINTS[n];
  if (b === undefined) {
    b = BigInt(n);
    SMALL_BIGINTS[n] = b;
  }
  return b;
}

function parseNumber(s: string, part: BlangVersionPart): bigint {
  // the common case, a short plain number, without the checks' intermediate objects
  if (s.length > 0 && s.length < 16 && SHORT_NUMBER.test(s)) return smallBigInt(Number(s));
  if (!NUMBERS.test(s)) throw new BlangVersionError({ kind: 'invalid-character', part, value: s });
  if (hasLeadingZeroes(s)) throw new BlangVersionError({ kind: 'leading-zeroes', part, value: s });
  const n = goParseUint(s);
  if (!n.ok) throw new BlangVersionError({ kind: 'number-syntax', text: n.error });
  return n.value;
}

function parsePrerelease(s: string): BlangPrerelease {
  if (s === '') throw new BlangVersionError({ kind: 'empty-prerelease' });
  if (NUMBERS.test(s)) {
    if (hasLeadingZeroes(s)) throw new BlangVersionError({ kind: 'leading-zeroes', part: 'prerelease', value: s });
    const n = goParseUint(s);
    if (!n.ok) throw new BlangVersionError({ kind: 'number-syntax', text: n.error });
    return { numeric: true, value: n.value };
  }
  if (!ALPHANUM.test(s)) throw new BlangVersionError({ kind: 'invalid-character', part: 'prerelease', value: s });
  return { numeric: false, value: s };
}

/** blang's `semver.Parse`: full `X.Y.Z[-pre][+build]`, no `v`, no leading zeroes. Throws BlangVersionError. */
export function parseBlangVersion(s: string): BlangVersion {
  if (s.length === 0) throw new BlangVersionError({ kind: 'empty' });
  const first = s.indexOf('.');
  const second = first < 0 ? -1 : s.indexOf('.', first + 1);
  if (second < 0) throw new BlangVersionError({ kind: 'missing-elements' });
  const major = parseNumber(s.slice(0, first), 'major');
  const minor = parseNumber(s.slice(first + 1, second), 'minor');
  let patchStr = s.slice(second + 1);
  let build: readonly string[] = NONE;
  let prerelease: readonly string[] = NONE;
  const buildIndex = patchStr.indexOf('+');
  if (buildIndex !== -1) {
    build = patchStr.slice(buildIndex + 1).split('.');
    patchStr = patchStr.slice(0, buildIndex);
  }
  const preIndex = patchStr.indexOf('-');
  if (preIndex !== -1) {
    prerelease = patchStr.slice(preIndex + 1).split('.');
    patchStr = patchStr.slice(0, preIndex);
  }
  const patch = parseNumber(patchStr, 'patch');
  const pre = prerelease.length === 0 ? NO_PRERELEASE : prerelease.map(parsePrerelease);
  for (const b of build) {
    if (b === '') throw new BlangVersionError({ kind: 'empty-build' });
    if (!ALPHANUM.test(b)) throw new BlangVersionError({ kind: 'invalid-character', part: 'build', value: b });
  }
  return { major, minor, patch, pre, build };
}

function sign(a: bigint | number, b: bigint | number): number {
  return a === b ? 0 : a > b ? 1 : -1;
}

function comparePrerelease(a: BlangPrerelease, b: BlangPrerelease): number {
  if (a.numeric && b.numeric) return sign(a.value, b.value);
  if (a.numeric !== b.numeric) return a.numeric ? -1 : 1;
  // both alphanumeric ASCII: JavaScript comparison equals Go's byte comparison
  return a.value === b.value ? 0 : a.value > b.value ? 1 : -1;
}

/** blang's `Version.Compare`: semver precedence; build metadata is ignored. */
export function compareBlangVersions(a: BlangVersion, b: BlangVersion): number {
  const core = sign(a.major, b.major) || sign(a.minor, b.minor) || sign(a.patch, b.patch);
  if (core !== 0) return core;
  if (a.pre.length === 0 || b.pre.length === 0) return sign(b.pre.length, a.pre.length);
  const n = Math.min(a.pre.length, b.pre.length);
  for (let i = 0; i < n; i++) {
    const c = comparePrerelease(a.pre[i] as BlangPrerelease, b.pre[i] as BlangPrerelease);
    if (c !== 0) return c;
  }
  return sign(a.pre.length, b.pre.length);
}

/** blang's `Version.String()`: no `v`, pre-release and build included. */
export function formatBlangVersion(v: BlangVersion): string {
  let s = `${v.major}.${v.minor}.${v.patch}`;
  if (v.pre.length > 0) s += `-${v.pre.map((p) => String(p.value)).join('.')}`;
  if (v.build.length > 0) s += `+${v.build.join('.')}`;
  return s;
}
