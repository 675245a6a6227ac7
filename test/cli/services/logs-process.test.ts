// `sim logs -f` as a user runs it: the bundled executable boots the scenario, prints the service's log, keeps
// following until SIGINT or SIGTERM, then exits 0 as talosctl does.
import { describe, expect, it } from 'vitest';
import { bundledSim, followUntil } from '../../support/follow-process.js';
import { SERVICES_FIXTURES } from './services-cluster.js';

describe('sim logs -f, the executable', () => {
  const sim = bundledSim('logs');

  it.each(['SIGINT', 'SIGTERM'] as const)(
    "prints both nodes' lines, keeps following, and exits 0 on %s",
    async (signal) => {
      const { bin, env } = sim;
      const run = await followUntil(bin, ['logs', '-f', 'ext-hello-world', '--scenario', 'scenario.yaml'], {
        lines: 2,
        signal,
        env,
        cwd: SERVICES_FIXTURES,
      });
      expect([run.followed, run.code, run.signal, run.stderr]).toEqual([true, 0, null, '']);
      expect(run.stdout).toBe(
        '10.5.0.2: ./hello-world --msg Talos Linux Extension Service: started (simulated; no program is registered for this entrypoint)\n' +
          '10.5.0.3: ./hello-world --msg Talos Linux Extension Service: started (simulated; no program is registered for this entrypoint)\n',
      );
    },
    60_000,
  );
});
