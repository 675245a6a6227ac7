// `-o json` and `-o yaml` must describe the same data. The YAML is read with npm yaml's YAML 1.2 core schema;
// inputs avoid the documented cases where Go's resolver types differently (timestamps it normalises, `0755`
// octal, `1_000`, `1e400`, `-0`) and values JSON refuses (NaN, ±Inf).
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { float64, YAML_FLAVOURS } from '../../src/goyaml/index.js';
import type { PrintableResource } from '../../src/printers/index.js';
import { capture, metadata } from './fixtures.js';

const numRuns = Number(process.env.FC_NUM_RUNS ?? 100);

/** Texts go-yaml types differently from YAML 1.2 core (underscores in numbers, `.5`-style floats, dates). */
const goOnlyTyping = (s: string): boolean => /^[-+]?\.?[0-9]/.test(s.replaceAll('_', '')) || /^[0-9]{4}-/.test(s);

const word = fc
  .string({ unit: fc.constantFrom(...Array.from('abz019 .-_:#,\'"<>&\n\té😀')), maxLength: 14 })
  .filter((s) => !goOnlyTyping(s) && !(s.includes('\n') && /^[ \n]/.test(s)) && s !== '__proto__');

const metaValue = fc.oneof(
  word,
  fc.constantFrom(
    '0',
    '1',
    '42',
    '-3',
    '1.0',
    '0.5',
    'true',
    'False',
    '',
    'null',
    '~',
    'yes',
    'off',
    'modules.dep',
    'v1.2.3',
    '2024-08-09T03:07:41Z',
  ),
);

const { spec } = fc.letrec((tie) => ({
  spec: fc.oneof({ depthSize: 'small' }, tie('leaf'), tie('list'), tie('object')),
  leaf: fc.oneof(
    word,
    fc.integer(),
    fc.boolean(),
    fc.constant(null),
    fc
      .double({ noNaN: true, noDefaultInfinity: true })
      .filter((d) => !Object.is(d, -0))
      .map(float64),
  ),
  list: fc.array(tie('spec'), { maxLength: 3 }),
  object: fc.dictionary(word, tie('spec'), { maxKeys: 3 }),
}));

const resource = fc.record({
  id: metaValue,
  // (keys that read back as non-strings make Go's JSON encoder fail: tested in json-writer.test.ts)
  labels: fc.dictionary(word, metaValue, { maxKeys: 3 }),
  annotations: fc.dictionary(word, metaValue, { maxKeys: 2 }),
  finalizers: fc.array(metaValue, { maxLength: 2 }),
  spec,
});

type Generated = typeof resource extends fc.Arbitrary<infer T> ? T : never;

function toResource(r: Generated): PrintableResource {
  return {
    metadata: metadata({
      id: r.id,
      owner: '',
      labels: new Map(Object.entries(r.labels)),
      annotations: new Map(Object.entries(r.annotations)),
      finalizers: r.finalizers,
    }),
    spec: r.spec,
  };
}

/** Go's JSON text for parsed data: keys sorted by UTF-8 bytes, HTML-safe escapes, 4-space indent. */
function goStyleJson(value: unknown): string {
  const sorted = (v: unknown): unknown => {
    if (Array.isArray(v)) return v.map(sorted);
    if (v !== null && typeof v === 'object') {
      const keys = Object.keys(v).sort((a, b) => Buffer.compare(Buffer.from(a), Buffer.from(b)));
      return Object.fromEntries(keys.map((k) => [k, sorted((v as Record<string, unknown>)[k])]));
    }
    return v;
  };
  return JSON.stringify(sorted(value), null, 4)
    .replace(/</g, '\\u003c')
    .replace(/>/g, '\\u003e')
    .replace(/&/g, '\\u0026')
    .replace(/\u2028/g, '\\u2028')
    .replace(/\u2029/g, '\\u2029');
}

describe('-o json and -o yaml agree', () => {
  for (const flavour of YAML_FLAVOURS) {
    it(`${flavour}: JSON.parse(json) equals the YAML read with npm yaml`, () => {
      fc.assert(
        fc.property(resource, (r) => {
          const printable = toResource(r);
          const json = capture('json', { flavour });
          json.writer.writeResource('172.20.0.2', printable);
          const yaml = capture('yaml', { flavour });
          yaml.writer.writeResource('172.20.0.2', printable);
          const fromJson = JSON.parse(json.text());
          expect(fromJson).toEqual(parse(yaml.text(), { schema: 'core' }));
          if (!/"-?\d+"\s*:/.test(json.text())) expect(json.text()).toBe(`${goStyleJson(fromJson)}\n`);
        }),
        { numRuns },
      );
    });
  }
});
