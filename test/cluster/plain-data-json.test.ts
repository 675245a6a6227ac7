// Plain data through JSON text and back: equal to what went in, down to key order, undefined properties, -0, NaN,
// Dates, Maps and byte arrays; objects that look like the encoding's tags stay objects; anything else is refused.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { PlainDataError, plainDataFromJson, plainDataToJson } from '../../src/cluster/plain-data-json.js';

const key = fc.oneof(fc.string(), fc.constantFrom('~', '__proto__', 'constructor', '0', '10'));
const { data } = fc.letrec((tie) => ({
  data: fc.oneof(
    { depthSize: 'small' },
    fc.string(),
    fc.double(),
    fc.integer(),
    fc.boolean(),
    fc.constant(null),
    fc.constant(undefined),
    fc.bigInt(),
    fc.date({ noInvalidDate: false }),
    fc.uint8Array({ maxLength: 8 }),
    fc.array(tie('data'), { maxLength: 4 }),
    fc.dictionary(key, tie('data'), { maxKeys: 4 }),
    fc.array(fc.tuple(tie('data'), tie('data')), { maxLength: 3 }).map((pairs) => new Map(pairs)),
  ),
}));

/** Equality that tells -0 from 0, NaN from null, an undefined property from a missing one, and keeps key order. */
function same(a: unknown, b: unknown): boolean {
  if (typeof a !== 'object' || a === null || typeof b !== 'object' || b === null) return Object.is(a, b);
  if (Object.getPrototypeOf(a) !== Object.getPrototypeOf(b)) return false;
  if (a instanceof Date) return Object.is(a.getTime(), (b as Date).getTime());
  if (a instanceof Uint8Array) return Buffer.from(a).equals(Buffer.from(b as Uint8Array));
  if (a instanceof Map) return same([...a], [...(b as Map<unknown, unknown>)]);
  if (Array.isArray(a)) return a.length === (b as unknown[]).length && a.every((x, i) => same(x, (b as unknown[])[i]));
  const ka = Reflect.ownKeys(a);
  const kb = Reflect.ownKeys(b);
  return ka.length === kb.length && ka.every((k, i) => k === kb[i] && same((a as never)[k], (b as never)[k]));
}

describe('plain data as JSON', () => {
  it('comes back as it went in', () => {
    fc.assert(
      fc.property(data, (value) => {
        expect(same(plainDataFromJson(plainDataToJson(value)), value)).toBe(true);
      }),
      { numRuns: 500 },
    );
  });

  it('is JSON that needs no tag for strings, finite numbers, booleans, null, arrays and ordinary objects', () => {
    expect(plainDataToJson({ a: [1, 'x', true, null], b: { c: 2.5 } })).toBe('{"a":[1,"x",true,null],"b":{"c":2.5}}');
  });

  it('refuses what is not plain data, and a cycle', () => {
    class Spec {}
    const cycle: Record<string, unknown> = {};
    cycle.self = cycle;
    for (const value of [new Spec(), { f: () => 1 }, [Symbol('s')], cycle, new Set([1])]) {
      expect(() => plainDataToJson(value)).toThrow(PlainDataError);
    }
  });

  it('refuses an object graph that shares so much that writing it out would not end (a DAG of 2^30 paths)', () => {
    let shared: unknown = 'leaf';
    for (let i = 0; i < 30; i++) shared = [shared, shared];
    expect(() => plainDataToJson(shared)).toThrow('not plain data: more than 4000000 values');
  });

  it('refuses an unknown tag', () => {
    expect(() => plainDataFromJson('{"~":["?"]}')).toThrow('not plain data: unknown tag "?"');
  });
});
