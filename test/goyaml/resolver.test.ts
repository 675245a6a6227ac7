import { describe, expect, it } from 'vitest';
import { flavourTraits, GoTime, resolvePlain } from '../../src/goyaml/index.js';

const rc6 = flavourTraits('rc6');
const v3 = flavourTraits('v3');

describe('resolver: what a plain scalar reads back as (spec §3.2)', () => {
  it.each([
    ['', 'null', null],
    ['~', 'null', null],
    ['Null', 'null', null],
    ['true', 'bool', true],
    ['FALSE', 'bool', false],
    ['0', 'int', 0n],
    ['-10', 'int', -10n],
    ['0755', 'int', 493n],
    ['0x1F', 'int', 31n],
    ['0o17', 'int', 15n],
    ['0b101', 'int', 5n],
    ['1_000', 'int', 1000n],
    ['+1', 'int', 1n],
    ['18446744073709551615', 'int', 18446744073709551615n],
    ['08', 'float', 8],
    ['1.', 'float', 1],
    ['1e3', 'float', 1000],
    ['1.0', 'float', 1],
    ['.5', 'float', 0.5],
    ['.5e3', 'float', 500],
    ['.5_0', 'float', 0.5],
    ['+.inf', 'float', Number.POSITIVE_INFINITY],
    ['-.Inf', 'float', Number.NEGATIVE_INFINITY],
  ] as const)('%j → %s', (text, tag, value) => {
    const resolved = resolvePlain(text, rc6);
    expect(resolved.tag).toBe(tag);
    expect(resolved.value).toEqual(value);
  });

  it.each([
    'hello',
    'yes',
    'nan',
    'tRuE',
    '1e400',
    '.e3',
    '._5',
    '.',
    '2024-02-30',
    '2024-08-09T03:07:41',
    '1.2.3',
    '-',
    '+',
    '0x',
    '12:30',
  ])('%j stays a string', (text) => {
    expect(resolvePlain(text, rc6)).toEqual({ tag: 'str', value: text });
  });

  it('reads .nan as NaN', () => {
    expect(Number.isNaN(resolvePlain('.NaN', rc6).value)).toBe(true);
  });

  it('reads -0 as the int 0 in v3 and as the float −0 from rc.3 on', () => {
    expect(resolvePlain('-0', v3)).toEqual({ tag: 'int', value: 0n });
    expect(Object.is(resolvePlain('-0', rc6).value, -0)).toBe(true);
    expect(Object.is(resolvePlain('-0.0', v3).value, -0)).toBe(true);
  });

  it('reads << as the merge key only from rc.4 on', () => {
    expect(resolvePlain('<<', v3).tag).toBe('str');
    expect(resolvePlain('<<', flavourTraits('rc3')).tag).toBe('str');
    expect(resolvePlain('<<', flavourTraits('rc4')).tag).toBe('merge');
  });

  it.each([
    ['2024-01-01', '2024-01-01T00:00:00Z'],
    ['2024-8-9', '2024-08-09T00:00:00Z'],
    ['2024-08-09T03:07:41Z', '2024-08-09T03:07:41Z'],
    ['2024-08-09t03:07:41Z', '2024-08-09T03:07:41Z'],
    ['2024-08-09 03:07:41', '2024-08-09T03:07:41Z'],
    ['2024-08-09T3:7:41.5+02:00', '2024-08-09T03:07:41.5+02:00'],
    ['2015-02-24T18:19:39.123456789-03:00', '2015-02-24T18:19:39.123456789-03:00'],
    ['2024-08-09T03:07:41,25Z', '2024-08-09T03:07:41.25Z'],
    ['2024-02-29', '2024-02-29T00:00:00Z'],
  ])('timestamp %s → %s', (text, rfc3339) => {
    const resolved = resolvePlain(text, rc6);
    expect(resolved.tag).toBe('timestamp');
    expect((resolved.value as GoTime).toRfc3339Nano()).toBe(rfc3339);
  });

  it.each([
    '2023-02-29',
    '2024-13-01',
    '2024-08-09T24:00:00Z',
    '2024-08-09T03:60:00Z',
    '2024-08-09T03:07:41+0200',
    '24-08-09',
  ])('%s is not a timestamp', (text) => {
    expect(resolvePlain(text, rc6).tag).not.toBe('timestamp');
  });
});

describe('GoTime', () => {
  it('prints like time.Time.String()', () => {
    expect(GoTime.fromDate(new Date(Date.UTC(2024, 7, 9, 3, 7, 41))).toGoString()).toBe(
      '2024-08-09 03:07:41 +0000 UTC',
    );
    const parsed = GoTime.parseYamlTimestamp('2024-08-09T03:07:41.5+02:00');
    expect(parsed?.toGoString()).toBe('2024-08-09 03:07:41.5 +0200 +0200');
  });

  it('converts to the same instant as a Date', () => {
    expect(GoTime.parseYamlTimestamp('2024-08-09T05:07:41.5+02:00')?.toDate().toISOString()).toBe(
      '2024-08-09T03:07:41.500Z',
    );
    expect(GoTime.parseYamlTimestamp('0012-01-02')?.toDate().toISOString()).toBe('0012-01-02T00:00:00.000Z');
  });
});
