// The blang/semver v4 range grammar as Talos uses it (spec talos-extensions §2.4–2.5), with npm semver as the
// oracle on the ground both grammars share.
import fc from 'fast-check';
import semver from 'semver';
import { describe, expect, it } from 'vitest';
import {
  checkConstraint,
  isVersionRangeError,
  parseBlangVersion,
  parseVersionRange,
  trimConstraint,
} from '../../../src/extensions/index.js';

const runs = Number(process.env.FC_NUM_RUNS ?? 300);

function constraintError(constraint: string, talos = '1.0.0'): string | undefined {
  return checkConstraint(constraint, talos)?.message;
}

function satisfies(range: string, version: string): boolean {
  return parseVersionRange(range).test(parseBlangVersion(version));
}

describe('constraint parse errors (spec §2.5 table)', () => {
  it.each([
    ['foo', 'Could not get version from string: "foo"'],
    [
      '>= 1.0',
      'Could not parse Range ">=1.0": Could not parse version "1.0" in ">=1.0": No Major.Minor.Patch elements found',
    ],
    ['~> 1.0.0', 'Could not parse Range "~>1.0.0": Could not parse comparator "~>" in "~>1.0.0"'],
    ['|| >= 1.0.0', "First element in range is '||'"],
    ['>= 1.0.0 ||', "Last element in range is '||'"],
    [' ', "Last element in range is '||'"],
    ['*', "Last element in range is '||'"],
    ['\0 x', "Last element in range is '||'"],
    [
      '>= 01.0.0',
      'Could not parse Range ">=01.0.0": Could not parse version "01.0.0" in ">=01.0.0": Major number must not contain leading zeroes "01"',
    ],
  ])('%j → %s', (constraint, text) => {
    expect(constraintError(constraint)).toBe(`error parsing Talos version constraint: ${text}`);
  });

  it.each([
    ['>= V1.0.0', 'Could not parse Range ">=V1.0.0": Could not parse comparator ">=V" in ">=V1.0.0"'],
    [
      '>= 1.0.0-',
      'Could not parse Range ">=1.0.0-": Could not parse version "1.0.0-" in ">=1.0.0-": Prerelease is empty',
    ],
    [
      '1.0.0+',
      'Could not parse Range "1.0.0+": Could not parse version "1.0.0+" in "1.0.0+": Build meta data is empty',
    ],
    [
      '1..0',
      'Could not parse Range "1..0": Could not parse version "1..0" in "1..0": strconv.ParseUint: parsing "": invalid syntax',
    ],
    [
      '< 1.0.0-01',
      'Could not parse Range "<1.0.0-01": Could not parse version "1.0.0-01" in "<1.0.0-01": Numeric PreRelease version must not contain leading zeroes "01"',
    ],
    [
      '< 18446744073709551616.0.0',
      'Could not parse Range "<18446744073709551616.0.0": Could not parse version "18446744073709551616.0.0" in "<18446744073709551616.0.0": strconv.ParseUint: parsing "18446744073709551616": value out of range',
    ],
    [
      '1.2.3.4',
      'Could not parse Range "1.2.3.4": Could not parse version "1.2.3.4" in "1.2.3.4": Invalid character(s) found in patch number "3.4"',
    ],
    [
      '1.0.0_a',
      'Could not parse Range "1.0.0_a": Could not parse version "1.0.0_a" in "1.0.0_a": Invalid character(s) found in patch number "0_a"',
    ],
    // a token containing x is expanded as a wildcard even inside a pre-release; the equality case loses its version
    ['1.0.0-x', 'Could not get version from string: "<"'],
    // single-byte tokens before a space are dropped by blang's splitter; multi-byte ones are not
    ['é >= 1.0.0', 'Could not get version from string: "é"'],
  ])('%j → %s', (constraint, text) => {
    expect(constraintError(constraint)).toBe(`error parsing Talos version constraint: ${text}`);
  });

  it('reports wildcard expansion errors of any alternative before comparator errors of earlier ones', () => {
    expect(constraintError('~>1.0.0 || >=x')).toBe(
      'error parsing Talos version constraint: Could not get version from string: ">=x"',
    );
  });
});

describe('constraint evaluation', () => {
  it('evaluates against the core version: v1.10.0-beta.1 satisfies >= v1.10.0 and fails < v1.10.0', () => {
    expect(constraintError('>= v1.10.0', 'v1.10.0-beta.1')).toBeUndefined();
    expect(constraintError('< v1.10.0', 'v1.10.0-beta.1')).toBe(
      "version constraint < v1.10.0 can't be satisfied with Talos version 1.10.0-beta.1",
    );
  });

  it('accepts the one real constraint without v and with a pre-release (metal-agent)', () => {
    expect(constraintError('>= 1.9.0-alpha.0', '1.9.0')).toBeUndefined();
    expect(constraintError('>= 1.9.0-alpha.0', '1.8.4')).toMatch(/can't be satisfied with Talos version 1\.8\.4$/);
  });

  it('strips only a lowercase v directly before a digit', () => {
    expect(trimConstraint('>= v1.0.0 || vv2.0.0 || v.1')).toBe('>= 1.0.0 || v2.0.0 || v.1');
    expect(trimConstraint('v1v2')).toBe('12');
  });

  it('trims in one pass exactly as upstream’s loop that rebuilds the string for each v', () => {
    // upstream's trim, kept here as the reference: quadratic, and it skips the character moved into place
    const upstream = (constraint: string): string => {
      let s = constraint;
      for (let i = 0; i < s.length; i++) {
        const next = s.charCodeAt(i + 1);
        if (s[i] === 'v' && next >= 0x30 && next <= 0x39) s = s.slice(0, i) + s.slice(i + 1);
      }
      return s;
    };
    fc.assert(
      fc.property(fc.string({ unit: fc.constantFrom('v', 'V', '1', '0', '.', ' ', '|', 'x', 'é') }), (c) => {
        expect(trimConstraint(c)).toBe(upstream(c));
      }),
      { numRuns: runs },
    );
  });

  it('splits tokens by their UTF-8 length, as Go strings hold them (lone surrogates become U+FFFD)', () => {
    expect(constraintError('\uD800 >= 1.0.0')).toBe(
      'error parsing Talos version constraint: Could not get version from string: "\uFFFD"',
    );
    expect(constraintError('>=  1.0.0   <  2.0.0', '1.5.0')).toBeUndefined();
    expect(constraintError('\u00e9')).toBe(
      'error parsing Talos version constraint: Could not get version from string: "é"',
    );
  });

  it('ignores a single-character token and treats AND/OR with AND binding tighter', () => {
    expect(satisfies('>1.0.0 <2.0.0 || >3.0.0 !4.2.1', '1.2.3')).toBe(true);
    expect(satisfies('>1.0.0 <2.0.0 || >3.0.0 !4.2.1', '4.2.1')).toBe(false);
    expect(satisfies('>1.0.0 <2.0.0 || >3.0.0 !4.2.1', '2.1.1')).toBe(false);
    expect(satisfies('a >=1.0.0', '1.0.0')).toBe(true);
  });

  it.each([
    ['>= 1.x', '1.0.0', true],
    ['>= 1.x', '0.9.9', false],
    ['1.2.x', '1.2.9', true],
    ['1.2.x', '1.3.0', false],
    ['> 1.2.x', '1.3.0', true],
    ['> 1.2.x', '1.2.9', false],
    ['<= 1.x', '1.99.0', true],
    ['<= 1.x', '2.0.0', false],
    // quirks: `!= 1.x` expands to the AND `<1.0.0 >=2.0.0`, which nothing satisfies; an unknown operator on a
    // wildcard is dropped (equality); `1.x.x` counts as a patch wildcard; `!` alone is a one-byte token, dropped
    ['!= 1.x', '1.5.0', false],
    ['!= 1.x', '2.0.0', false],
    ['!= 1.x', '0.1.0', false],
    ['~> 1.x', '1.0.0', true],
    ['~> 1.x', '1.0.1', false],
    ['<= 1.x.x', '1.1.0', false],
    ['== 1.0.0', '1.0.0', true],
    ['!1.0.0', '1.0.0', false],
    ['! 1.0.0', '1.0.0', true],
  ])('%j with %s is %s', (range, version, expected) => {
    expect(satisfies(trimConstraint(range), version)).toBe(expected);
  });

  it('reports, instead of panicking, an empty alternative reached during evaluation', () => {
    expect(constraintError('>= 1.0.0 || || < 0.1.0', '1.0.0')).toBeUndefined();
    expect(constraintError('>= 2.0.0 || || < 0.1.0', '1.0.0')).toBe(
      'error evaluating Talos version constraint >= 2.0.0 || || < 0.1.0: runtime error: invalid memory address or nil pointer dereference',
    );
  });

  it('orders pre-releases below their release and numeric identifiers below alphanumeric ones', () => {
    expect(satisfies('< 1.10.0', '1.10.0-alpha.0')).toBe(true);
    expect(satisfies('> 1.0.0-alpha.1', '1.0.0-alpha.beta')).toBe(true);
    expect(satisfies('> 1.0.0-alpha', '1.0.0-alpha.1')).toBe(true);
    expect(satisfies('= 1.0.0+build.1', '1.0.0')).toBe(true);
    expect(satisfies('< 18446744073709551615.0.0', '18446744073709551614.0.0')).toBe(true);
  });
});

describe('constraint grammar properties', () => {
  it('only ever throws its typed error while parsing arbitrary strings', () => {
    const alphabet = fc.constantFrom(...' <>=!|~^vVx.-+0123456789abé\t'.split(''), ' || ', '1.2.3', '1.x', 'v1.0.0');
    fc.assert(
      fc.property(
        fc.oneof(
          fc.string(),
          fc.array(alphabet, { maxLength: 24 }).map((a) => a.join('')),
        ),
        (s) => {
          try {
            const range = parseVersionRange(trimConstraint(s));
            try {
              range.test(parseBlangVersion('1.2.3'));
            } catch (err) {
              if (!isVersionRangeError(err) || err.kind !== 'empty-alternative') throw err;
            }
          } catch (err) {
            if (!isVersionRangeError(err)) throw err;
          }
        },
      ),
      { numRuns: runs },
    );
  });

  // a small pool, so tested versions often equal a bound and every operator's edge is exercised
  const num = fc.integer({ min: 0, max: 2 });
  const release = fc.tuple(num, num, num).map(([a, b, c]) => `${a}.${b}.${c}`);
  const pre = fc.constantFrom('', '-alpha.0', '-beta.1', '-rc.2', '-1');
  const comparator = fc
    .tuple(
      fc.constantFrom('<', '<=', '>', '>=', '=', ''),
      fc.constantFrom('', ' '),
      fc.constantFrom('', 'v'),
      release,
      pre,
    )
    .map(([op, sp, v, ver, p]) => `${op}${op === '' ? '' : sp}${v}${ver}${p}`);
  const range = fc
    .array(fc.array(comparator, { minLength: 1, maxLength: 3 }), { minLength: 1, maxLength: 3 })
    .map((alts) => alts.map((a) => a.join(' ')).join(' || '));

  it('agrees with npm semver.satisfies on the common ground, for release versions', () => {
    fc.assert(
      fc.property(range, release, (r, v) => {
        expect(satisfies(trimConstraint(r), v)).toBe(semver.satisfies(v, r));
      }),
      { numRuns: runs },
    );
  });
});
