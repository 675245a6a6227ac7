// time.ParseDuration's rules, with the values Go's own tests and its int64 limit give.
import { describe, expect, it } from 'vitest';
import { parseGoDuration } from '../../src/gofmt/index.js';

describe('parseGoDuration', () => {
  it('reads what time.ParseDuration reads, in ms', () => {
    expect(
      ['0', '300ms', '-1.5h', '+2h45m', '.5s', '1.s', '5µs', '5μs', '5us', '100ns', '1h1h', '1.1s'].map(
        parseGoDuration,
      ),
    ).toEqual([0, 300, -5_400_000, 9_900_000, 500, 1000, 0.005, 0.005, 0.005, 0.0001, 7_200_000, 1100]);
  });

  it('refuses what it refuses: no unit, no digits, unknown units', () => {
    for (const text of ['', '1', 's', '.s', '-', '1d', '1 s', '1s ', '0x1s', '1e3ms']) {
      expect(parseGoDuration(text)).toBeUndefined();
    }
  });

  it('counts nanoseconds exactly: an int64 holds 2562047h47m16.854775807s, and -…808s', () => {
    expect(parseGoDuration('2562047h47m16.854775807s')).toBe(9_223_372_036_854.775);
    expect(parseGoDuration('9223372036854775807ns')).toBe(9_223_372_036_854.775);
    expect(parseGoDuration('-9223372036854775808ns')).toBe(-9_223_372_036_854.775);
    // one nanosecond more: as doubles these are the same number, but Go refuses them
    expect(parseGoDuration('2562047h47m16.854775808s')).toBeUndefined();
    expect(parseGoDuration('9223372036854775808ns')).toBeUndefined();
    expect(parseGoDuration('-9223372036854775809ns')).toBeUndefined();
    expect(parseGoDuration('2562048h')).toBeUndefined();
    expect(parseGoDuration('2562047h2562047h')).toBeUndefined();
    expect(parseGoDuration(`${'9'.repeat(40)}ns`)).toBeUndefined();
  });

  it('ignores fraction digits past what an int64 holds, as leadingFraction does', () => {
    expect(parseGoDuration(`1.${'0'.repeat(30)}1s`)).toBe(1000);
    // 19 digits kept, then truncated to the nanosecond: 333333333 ns
    expect(parseGoDuration(`0.${'3'.repeat(30)}s`)).toBe(333.333333);
  });
});
