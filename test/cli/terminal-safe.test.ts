// What a terminal is shown of untrusted text: controls other than newline and tab escaped, bytes left alone.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { forStream, terminalSafe } from '../../src/cli/terminal-safe.js';

describe('terminalSafe', () => {
  it('escapes ESC, BEL, CR, DEL and C1 controls as \\xNN, and keeps tabs, newlines and other text', () => {
    expect(terminalSafe('ev\u001b[31mil\t1.0\u0007\r\n\u007f\u009b ünï')).toBe(
      'ev\\x1b[31mil\t1.0\\x07\\x0d\n\\x7f\\x9b ünï',
    );
  });

  it('leaves no control character but tab and newline, whatever the text', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary' }), (text) => {
        // biome-ignore lint/suspicious/noControlCharactersInRegex: looking for control characters
        expect(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/.test(terminalSafe(text))).toBe(false);
      }),
    );
  });

  it('applies to text going to a terminal only; bytes (sim squashfs cat) pass untouched', () => {
    const bytes = new Uint8Array([0x1b, 0x5b]);
    expect(forStream({ isTTY: true }, '\u001b')).toBe('\\x1b');
    expect(forStream({ isTTY: false }, '\u001b')).toBe('\u001b');
    expect(forStream({}, '\u001b')).toBe('\u001b');
    expect(forStream({ isTTY: true }, bytes)).toBe(bytes);
  });
});
