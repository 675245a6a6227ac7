// A service's log ring: bounded by lines and by bytes as machined's circular buffer is (1 MiB per log).
import { describe, expect, it } from 'vitest';
import { LOG_BYTES, ServiceLog } from '../../src/services/index.js';

describe('ServiceLog', () => {
  it('keeps at most 1 MiB of text: old lines drop out, and of one longer line its end stays', () => {
    const log = new ServiceLog('ext-x', 100);
    const kib = 'k'.repeat(1023);
    for (let i = 0; i < 2000; i++) log.write({ time: i, text: `${kib}${i % 10}` });
    const kept = log.lines();
    expect(kept.length).toBe(100);
    log.write({ time: 2000, text: `${'a'.repeat(3 * LOG_BYTES)}end` });
    const [only] = log.lines();
    expect(log.lines()).toHaveLength(1);
    expect(Buffer.byteLength(only?.text ?? '')).toBe(LOG_BYTES);
    expect(only?.text.endsWith('aend')).toBe(true);
    const small = new ServiceLog('ext-y');
    for (let i = 0; i < 1500; i++) small.write({ time: i, text: `${kib}x` });
    expect(small.lines().length).toBe(1024);
    expect(small.dropped).toBe(1500 - 1024);
  });
});
