// `sim dmesg -f` as a user runs it: the bundled executable prints the ring, keeps following until SIGINT or
// SIGTERM, then exits 0 as talosctl does.
import { describe, expect, it } from 'vitest';
import { bundledSim, followUntil } from '../../support/follow-process.js';

describe('sim dmesg -f, the executable', () => {
  const sim = bundledSim('dmesg');

  it.each(['SIGINT', 'SIGTERM'] as const)(
    'prints the ring, keeps following, and exits 0 on %s',
    async (signal) => {
      const { bin, env } = sim;
      const run = await followUntil(bin, ['dmesg', '-f'], { lines: 5, signal, env });
      expect([run.followed, run.code, run.signal, run.stderr]).toEqual([true, 0, null, '']);
      const lines = run.stdout.trimEnd().split('\n');
      // machined's service lines follow the initramfs's
      expect(lines).toContain(
        '172.20.0.2: user: warning: [2024-08-09T03:07:41Z]: [talos] service[machined](Running): Health check successful',
      );
      expect(lines.slice(0, 5)).toEqual([
        '172.20.0.2: user: warning: [2024-08-09T03:07:41Z]: [talos] [initramfs] mounting the rootfs',
        '172.20.0.2: user: warning: [2024-08-09T03:07:41Z]: [talos] [initramfs] enabling system extension modules.dep 6.12.48-talos',
        '172.20.0.2: user: warning: [2024-08-09T03:07:41Z]: [talos] [initramfs] enabling system extension schematic 6d2c6867558ccebcd219003244ed987e148e949d37c622ba7acf282d454ffcd5',
        '172.20.0.2: user: warning: [2024-08-09T03:07:41Z]: [talos] [initramfs] enabling system extension drbd 9.2.14-v1.11.2',
        '172.20.0.2: user: warning: [2024-08-09T03:07:41Z]: [talos] [initramfs] enabling system extension gvisor 20250707.0',
      ]);
    },
    60_000,
  );
});
