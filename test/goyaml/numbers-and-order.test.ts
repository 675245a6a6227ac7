import { describe, expect, it } from 'vitest';
import { compareNatural, encode, formatFloat } from '../../src/goyaml/index.js';

describe("Go float formatting (strconv 'g', -1)", () => {
  it.each([
    [1, '1'],
    [0.1, '0.1'],
    [1e6, '1e+06'],
    [1234567, '1.234567e+06'],
    [123456, '123456'],
    [0.0001, '0.0001'],
    [1e-5, '1e-05'],
    [1.5e-7, '1.5e-07'],
    [1e21, '1e+21'],
    [1e100, '1e+100'],
    [-2.5, '-2.5'],
    [-0, '-0'],
    [Number.NaN, 'NaN'],
    [Number.POSITIVE_INFINITY, '+Inf'],
    [Number.NEGATIVE_INFINITY, '-Inf'],
    [5e-324, '5e-324'],
    [1.7976931348623157e308, '1.7976931348623157e+308'],
  ])('%s → %s', (value, text) => {
    expect(formatFloat(value)).toBe(text);
  });

  it('writes non-finite floats the YAML way', () => {
    expect(encode([Number.NaN, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY, 2.5], 'v3')).toBe(
      '- .nan\n- .inf\n- -.inf\n- 2.5\n',
    );
  });

  it('writes integral numbers and bigints as Go ints', () => {
    expect(encode({ a: -0, b: 2 ** 53, c: 18446744073709551615n }, 'v3')).toBe(
      'a: 0\nb: 9007199254740992\nc: 18446744073709551615\n',
    );
  });
});

describe('Go map key order (natural order, spec §3.8)', () => {
  it.each([
    ['a2', 'a10'],
    ['A', 'a'],
    ['a-b', 'a_b'],
    ['x1', 'xa'],
    ['1a', '12'],
    ['a', 'ab'],
    ['a1', 'a01'],
  ])('%s < %s', (a, b) => {
    expect(compareNatural(a, b)).toBe(-1);
    expect(compareNatural(b, a)).toBe(1);
  });

  it('orders Map keys in the encoded document', () => {
    const map = new Map([
      ['b10', 1],
      ['b9', 2],
      ['B', 3],
      ['a', 4],
    ]);
    expect(encode(map, 'rc6')).toBe('B: 3\na: 4\nb9: 2\nb10: 1\n');
  });
});
