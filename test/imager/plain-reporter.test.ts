// The imager's reporter in plain mode: messages trimmed, tabs as four spaces, a repeat of the previous line dropped.
import { describe, expect, it } from 'vitest';
import { PlainReporter } from '../../src/imager/index.js';

describe('PlainReporter', () => {
  it('prints each update once, as pkg/reporter does without a terminal', () => {
    const r = new PlainReporter();
    const running = (line: string) => ({
      status: 'running' as const,
      message: `rebuilding initramfs with system extensions...\n\t${line}`,
      line,
    });
    expect(r.format(running('validating system extensions'))).toBe(
      'rebuilding initramfs with system extensions...\n    validating system extensions\n',
    );
    expect(r.format(running('validating system extensions'))).toBe('');
    expect(r.format({ status: 'succeeded', message: ' initramfs ready \n', line: 'initramfs ready' })).toBe(
      'initramfs ready\n',
    );
    expect(r.format(running('validating system extensions'))).not.toBe('');
  });
});
