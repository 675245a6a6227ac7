// `sim logs -f` as a user runs it: the bundled executable boots the scenario, prints the service's log, keeps
// following until SIGINT or SIGTERM, then exits 0 as talosctl does.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildCli } from '../../../scripts/build-cli.js';
import { followUntil } from '../../support/follow-process.js';
import { SERVICES_FIXTURES } from './services-cluster.js';

const repo = fileURLToPath(new URL('../../..', import.meta.url));
const out = join('node_modules', '.cache', 'talos-sim', `logs-test-${process.pid}`);

describe('sim logs -f, the executable', () => {
  let bin: string;
  let cache: string;

  beforeAll(async () => {
    bin = await buildCli(out);
    cache = mkdtempSync(join(tmpdir(), 'sim-logs-cache-'));
  }, 60_000);
  afterAll(() => {
    rmSync(join(repo, out), { recursive: true, force: true });
    rmSync(cache, { recursive: true, force: true });
  });

  it.each(['SIGINT', 'SIGTERM'] as const)(
    "prints both nodes' lines, keeps following, and exits 0 on %s",
    async (signal) => {
      const env = { ...process.env, XDG_CACHE_HOME: cache };
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
