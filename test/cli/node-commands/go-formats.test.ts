// The Go formats the node commands print with: os.FileMode.String, go-humanize's Bytes and Time, fmt's %.2f (ties
// to even), pflag's int32 parsing and time.RFC3339Nano. Expected values are Go's own outputs for these inputs.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { goFileMode, goFileModeString } from '../../../src/cli/commands/go-file-mode.js';
import { goFixed } from '../../../src/cli/commands/go-fixed.js';
import { humanizeBytes, humanizeTime } from '../../../src/cli/commands/go-humanize.js';
import { goParseInt32 } from '../../../src/cli/commands/go-parse-int.js';
import {
  formatGoTimeString,
  formatLastMod,
  formatRfc3339Nano,
  goLocalZone,
} from '../../../src/cli/commands/go-time-format.js';

const numRuns = Number(process.env.FC_NUM_RUNS ?? 100);

describe('os.FileMode', () => {
  it.each([
    [0o040755, 'drwxr-xr-x'],
    [0o100644, '-rw-r--r--'],
    [0o120777, 'Lrwxrwxrwx'],
    [0o041777, 'dtrwxrwxrwx'],
    [0o020666, 'Dcrw-rw-rw-'],
    [0o060660, 'Drw-rw----'],
    [0o010600, 'prw-------'],
    [0o140755, 'Srwxr-xr-x'],
    [0o104755, 'urwxr-xr-x'],
    [0o102755, 'grwxr-xr-x'],
  ])('st_mode %o prints as %s', (mode, text) => {
    expect(goFileModeString(goFileMode(mode))).toBe(text);
  });
});

describe('go-humanize', () => {
  it.each([
    [0, '0 B'],
    [9, '9 B'],
    [10, '10 B'],
    [999, '999 B'],
    [1000, '1.0 kB'],
    [4096, '4.1 kB'],
    [9949, '9.9 kB'],
    [9950, '10 kB'],
    [82854982, '83 MB'],
    [123456789, '124 MB'],
  ])('Bytes(%d) = %s', (size, text) => {
    expect(humanizeBytes(size)).toBe(text);
  });

  it('Time: magnitudes, truncation and the future', () => {
    const now = Date.UTC(2025, 2, 1);
    const ago = (ms: number) => humanizeTime(now - ms, now);
    expect([ago(0), ago(999), ago(1000), ago(1999), ago(2000), ago(59_999)]).toEqual([
      'now',
      'now',
      '1 second ago',
      '1 second ago',
      '2 seconds ago',
      '59 seconds ago',
    ]);
    expect([ago(60_000), ago(119_999), ago(7_199_999), ago(86_400_000 * 13), ago(86_400_000 * 45)]).toEqual([
      '1 minute ago',
      '1 minute ago',
      '1 hour ago',
      '1 week ago',
      '1 month ago',
    ]);
    expect([ago(86_400_000 * 360), ago(86_400_000 * 700), ago(86_400_000 * 360 * 37)]).toEqual([
      '1 year ago',
      '2 years ago',
      'a long while ago',
    ]);
    expect(humanizeTime(now + 3 * 3_600_000, now)).toBe('3 hours from now');
  });
});

describe("fmt's %.Nf", () => {
  it('rounds exact ties to even, everything else to nearest', () => {
    expect([goFixed(12.5, 0), goFixed(13.5, 0), goFixed(0.125, 2), goFixed(0.375, 2)]).toEqual([
      '12',
      '14',
      '0.12',
      '0.38',
    ]);
    // 1.005 is just below 1.005 in binary: not a tie
    expect([goFixed(1.005, 2), goFixed(100, 2), goFixed(1073741824 * 1e-9, 2)]).toEqual(['1.00', '100.00', '1.07']);
  });
});

describe("pflag's int32", () => {
  it('parses with base prefixes and underscores, and refuses the rest as Go does', () => {
    expect(['1', '0x10', '017', '0o17', '0b11', '1_000', '-5', '+3', '0'].map((s) => goParseInt32(s))).toEqual(
      [1, 16, 15, 15, 3, 1000, -5, 3, 0].map((value) => ({ value })),
    );
    for (const bad of ['', 'x', '08', '_1', '1_', '1__0', '0x'])
      expect(goParseInt32(bad)).toEqual({ error: 'invalid syntax' });
    expect(goParseInt32('2147483648')).toEqual({ error: 'value out of range' });
    expect(goParseInt32('-2147483648')).toEqual({ value: -2147483648 });
  });

  it('reads back every int32 in decimal and hexadecimal', () => {
    fc.assert(
      fc.property(fc.integer({ min: -2147483648, max: 2147483647 }), (n) => {
        const hex = `${n < 0 ? '-' : ''}0x${Math.abs(n).toString(16)}`;
        const value = (text: string) => (goParseInt32(text) as { value?: number }).value;
        return value(String(n)) === n && value(hex) === n;
      }),
      { numRuns },
    );
  });
});

describe('times', () => {
  it('RFC3339Nano trims trailing zeros and drops a zero fraction', () => {
    const at = BigInt(Date.UTC(2023, 6, 23, 16, 47, 30)) * 1_000_000n;
    expect(formatRfc3339Nano(at)).toBe('2023-07-23T16:47:30Z');
    expect(formatRfc3339Nano(at + 485_120_660n)).toBe('2023-07-23T16:47:30.48512066Z');
    expect(formatRfc3339Nano(at + 500_000_000n)).toBe('2023-07-23T16:47:30.5Z');
  });

  it("LASTMOD pads the day with a space and follows Go's TZ rules", () => {
    const at = Date.UTC(2024, 7, 9, 3, 7, 41);
    expect(formatLastMod(at, 'UTC', true)).toBe('Aug  9 03:07:41');
    expect(formatLastMod(at, 'UTC', false)).toBe('Aug  9 2024 03:07');
    expect(formatLastMod(at, 'Europe/Berlin', true)).toBe('Aug  9 05:07:41');
    expect([goLocalZone({ TZ: '' }), goLocalZone({ TZ: ':Asia/Tokyo' }), goLocalZone({ TZ: 'Nowhere/Else' })]).toEqual([
      'UTC',
      'Asia/Tokyo',
      'UTC',
    ]);
  });
});

describe("time.Time's String() (talosctl upgrade's STARTED), without the monotonic reading", () => {
  it.each([
    [Date.UTC(2025, 4, 5, 5, 5, 5), 'UTC', '2025-05-05 05:05:05 +0000 UTC'],
    [Date.UTC(2025, 4, 5, 5, 5, 5, 120), 'UTC', '2025-05-05 05:05:05.12 +0000 UTC'],
    [Date.UTC(2025, 0, 1) + 1.5, 'UTC', '2025-01-01 00:00:00.0015 +0000 UTC'],
    [Date.UTC(2025, 4, 5, 5, 5, 5), 'America/New_York', '2025-05-05 01:05:05 -0400 EDT'],
    [Date.UTC(2025, 0, 5, 5, 5, 5), 'Europe/Berlin', '2025-01-05 06:05:05 +0100 CET'],
    [Date.UTC(2025, 4, 5, 5, 5, 5), 'Europe/Berlin', '2025-05-05 07:05:05 +0200 CEST'],
  ])('%d in %s is %s', (ms, zone, text) => {
    expect(formatGoTimeString(ms, zone)).toBe(text);
  });
});
