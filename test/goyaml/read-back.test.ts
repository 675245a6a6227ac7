import { describe, expect, it } from 'vitest';
import { float64, GoMap, GoTime, OrderedMapping, readBack, untagged } from '../../src/goyaml/index.js';

function entries(value: unknown): Record<string, unknown> {
  if (!(value instanceof GoMap)) throw new Error('expected a GoMap');
  return Object.fromEntries(value.entries());
}

describe('readBack: yaml.Unmarshal(yaml.Marshal(v)) into any', () => {
  it('re-types untagged metadata values by the resolver (spec §7)', () => {
    const doc = new OrderedMapping([
      [untagged('id'), untagged('0')],
      [untagged('owner'), untagged('')],
      [untagged('a'), untagged('true')],
      [untagged('b'), untagged('1.0')],
      [untagged('d'), untagged('2024-01-01')],
      [untagged('e'), untagged('0x10')],
      [untagged('f'), untagged('modules.dep')],
    ]);
    const out = entries(readBack(doc, 'rc6'));
    expect(out.id).toBe(0n);
    expect(out.owner).toBeNull();
    expect(out.a).toBe(true);
    expect(out.b).toBe(1);
    expect((out.d as GoTime).toRfc3339Nano()).toBe('2024-01-01T00:00:00Z');
    expect(out.e).toBe(16n);
    expect(out.f).toBe('modules.dep');
  });

  it('keeps Go strings strings, because the encoder quoted the ambiguous ones', () => {
    const out = entries(readBack({ a: '1.0', b: 'true', c: '', d: '2024-01-01', e: 'yes', f: '<<' }, 'v3'));
    expect(out).toEqual({ a: '1.0', b: 'true', c: '', d: '2024-01-01', e: 'yes', f: '<<' });
  });

  it('types numbers, times and nulls like Go', () => {
    const out = entries(
      readBack({ i: 3, f: float64(1e6), g: 0.5, t: new Date(Date.UTC(2024, 7, 9)), n: null, l: [1, 'x'] }),
    );
    expect(out.i).toBe(3n);
    expect(out.f).toBe(1e6);
    expect(out.g).toBe(0.5);
    expect(out.t).toBeInstanceOf(GoTime);
    expect(out.n).toBeNull();
    expect(out.l).toEqual([1n, 'x']);
  });

  it('loses the first line of a literal that starts with a line break in v3.0.1 only', () => {
    expect(readBack('\nfoo\n', 'v3')).toBe('foo\n');
    expect(readBack('\n', 'v3')).toBe('');
    expect(readBack('\nfoo\n', 'rc3')).toBe('\nfoo\n');
    expect(readBack('\nfoo\n', 'rc6')).toBe('\nfoo\n');
  });

  it('marks a mapping whose keys are not all strings as map[interface {}]interface {}', () => {
    const out = readBack(
      new OrderedMapping([
        [untagged('1'), 'one'],
        ['two', 2],
      ]),
      'rc6',
    ) as GoMap;
    expect(out.hasStringKeys).toBe(false);
    expect(out.goTypeName).toBe('map[interface {}]interface {}');
    expect(out.lookup('1')).toEqual({ found: false });
    expect(out.lookup('two')).toEqual({ found: true, value: 2n });
  });
});
