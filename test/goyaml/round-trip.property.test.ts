// Independent check of quoting, escaping, folding and layout: every document the encoder writes is parsed
// back with npm `yaml` and must give the original data. Known go-yaml quirks are kept out of the inputs:
// U+2028/U+2029 (raw line breaks inside quotes), multi-line strings that start with a space or a line break
// (go-yaml writes an indentation digit its own parser misreads under sequences, and v3.0.1 drops a leading
// line break — both covered by vectors), and float-looking strings that overflow (`1e400`: string for
// go-yaml, Infinity for npm yaml).
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { encode, float64, marshal, readBack, YAML_FLAVOURS } from '../../src/goyaml/index.js';

const numRuns = Number(process.env.FC_NUM_RUNS ?? 150);

const chars = fc.oneof(
  { weight: 6, arbitrary: fc.constantFrom(...'abcxyz019 .-_:#,?!@&*|>\'"%`[]{}~<=/\\') },
  { weight: 2, arbitrary: fc.constantFrom(' ', '\n', '\t') },
  {
    weight: 1,
    arbitrary: fc.constantFrom(
      'é',
      '你',
      '😀',
      '\u00a0',
      '\u007f',
      '\u0000',
      '\u001b',
      '\u0085',
      '\r',
      '\ufeff',
      '\u0090',
    ),
  },
);

const text = fc
  .array(chars, { maxLength: 24 })
  .map((cs) => cs.join(''))
  .filter((s) => !(s.includes('\n') && (s.startsWith(' ') || s.startsWith('\n'))))
  .filter((s) => !/^[-+]?(\.\d+|\d+(\.\d*)?)[eE][-+]?\d{3,}$/.test(s.replaceAll('_', '')));

const longText = fc
  .array(fc.constantFrom('word', 'a', 'longerword', ' ', '  ', '\t', '"', "'", ': ', '- '), {
    minLength: 20,
    maxLength: 60,
  })
  .map((parts) => `x${parts.join('')}x`);

const key = fc.oneof(text, fc.constantFrom('k'.repeat(130), 'a\nb', 'true', '', '<<')).filter((k) => k !== '__proto__');

const leaf = fc.oneof(
  text,
  longText,
  fc.integer(),
  fc.boolean(),
  fc.constant(null),
  fc.double({ noNaN: false }).filter((d) => !Object.is(d, -0)),
);

const { tree } = fc.letrec((tie) => ({
  tree: fc.oneof({ depthSize: 'small' }, leaf, tie('array'), tie('object')),
  array: fc.array(tie('tree'), { maxLength: 4 }),
  object: fc.dictionary(key, tie('tree'), { maxKeys: 4 }),
}));

/** The data npm `yaml` should read back: floats as written by Go (`float64(5)` → `5`), other leaves as is. */
function expected(value: unknown): unknown {
  if (typeof value === 'number') return Number.isInteger(value) ? BigInt(value) : value;
  if (Array.isArray(value)) return value.map(expected);
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, expected(v)]));
  }
  return value;
}

function normalise(value: unknown): unknown {
  if (typeof value === 'number') return Number.isInteger(value) ? BigInt(value) : value;
  if (Array.isArray(value)) return value.map(normalise);
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, normalise(v)]));
  }
  return value;
}

function readWithNpmYaml(doc: string): unknown {
  return normalise(parse(doc, { intAsBigInt: true, uniqueKeys: false }));
}

describe('every emitted document reads back to the original data (npm yaml as oracle)', () => {
  for (const flavour of YAML_FLAVOURS) {
    it(`${flavour}: Marshal and NewEncoder().Encode`, () => {
      fc.assert(
        fc.property(tree, (value) => {
          expect(readWithNpmYaml(marshal(value, flavour))).toEqual(expected(value));
          expect(readWithNpmYaml(encode(value, flavour))).toEqual(expected(value));
        }),
        { numRuns },
      );
    });
  }

  it('loses the first line break of a literal only in v3.0.1, exactly as readBack models it', () => {
    const line = fc.string({ unit: fc.constantFrom('a', 'b', '#', ':', '-', '\t', 'é'), minLength: 1, maxLength: 6 });
    const leadingBreak = fc
      .tuple(
        fc.array(fc.constant('\n'), { minLength: 1, maxLength: 3 }),
        fc.array(line, { maxLength: 3 }),
        fc.boolean(),
      )
      .map(([breaks, lines, end]) => `${breaks.join('')}${lines.join('\n')}${end ? '\n' : ''}`);
    fc.assert(
      fc.property(leadingBreak, (text) => {
        for (const flavour of YAML_FLAVOURS) {
          const back = parse(marshal({ k: text }, flavour)).k;
          expect(back).toBe(flavour === 'v3' ? text.slice(1) : text);
          expect(readBack(text, flavour)).toBe(back);
        }
      }),
      { numRuns },
    );
  });

  it('keeps YAML 1.1 booleans and base-60 numbers strings for YAML 1.1 readers', () => {
    const words = ['y', 'Y', 'yes', 'on', 'Off', 'n', 'NO', '12:30', '1:20:30.5', '-1:30'];
    for (const flavour of YAML_FLAVOURS) {
      const doc = marshal({ words }, flavour);
      expect(parse(doc, { version: '1.1' })).toEqual({ words });
    }
  });

  it('reads Go floats back as the same numbers', () => {
    fc.assert(
      fc.property(fc.double({ noNaN: true }), (d) => {
        const back = parse(marshal({ f: float64(d) }), { version: '1.1' }).f;
        expect(Object.is(Number(back), d) || (d === 0 && Number(back) === 0)).toBe(true);
      }),
      { numRuns },
    );
  });
});
