// `sim get -w` as a user runs it: the bundled executable keeps watching until SIGINT or SIGTERM, then exits 0 as
// talosctl does, having printed the bootstrap rows (and whatever changed as virtual time followed wall time).
import { describe, expect, it } from 'vitest';
import { bundledSim, followUntil } from '../support/follow-process.js';

describe('sim get -w, the executable', () => {
  const sim = bundledSim('watch');

  it.each(['SIGINT', 'SIGTERM'] as const)(
    'prints the rows, keeps watching, and exits 0 on %s',
    async (signal) => {
      const { bin, env } = sim;
      const run = await followUntil(bin, ['get', 'extensions', '-w'], { lines: 5, signal, env });
      expect([run.code, run.signal, run.stderr]).toEqual([0, null, '']);
      const rows = run.stdout.trimEnd().split('\n');
      expect(rows[0]).toMatch(/^NODE +\* +NAMESPACE +TYPE +ID +VERSION +NAME +VERSION$/);
      expect(rows.slice(1).map((r) => r.split(/ +/).slice(0, 7).join(' '))).toEqual([
        '172.20.0.2 + runtime ExtensionStatus 0 1 gvisor',
        '172.20.0.2 + runtime ExtensionStatus 1 1 drbd',
        '172.20.0.2 + runtime ExtensionStatus 2 1 schematic',
        '172.20.0.2 + runtime ExtensionStatus modules.dep 1 modules.dep',
      ]);
    },
    60_000,
  );

  it('keeps following at the end of time, where the clock cannot move, until the signal', async () => {
    const { bin, env } = sim;
    // virtual time starts at the last instant a Date holds: the first tick's advance fails, and time stays
    const run = await followUntil(bin, ['get', 'ns', 'runtime', '-w', '-o', 'yaml', '--talos', 'v1.10'], {
      lines: 3,
      signal: 'SIGINT',
      env: { ...env, SOURCE_DATE_EPOCH: '8640000000000' },
    });
    expect([run.code, run.signal, run.stderr, run.followed]).toEqual([0, null, '', true]);
  }, 60_000);
});
