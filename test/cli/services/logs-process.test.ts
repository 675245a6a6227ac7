// `sim logs -f` as a user runs it: the bundled executable boots the scenario, prints the service's log, keeps
// following until SIGINT or SIGTERM, then exits 0 as talosctl does.
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildCli } from '../../../scripts/build-cli.js';
import { SERVICES_FIXTURES } from './services-cluster.js';

const repo = fileURLToPath(new URL('../../..', import.meta.url));
const out = join('node_modules', '.cache', 'talos-sim', `logs-test-${process.pid}`);

interface Exit {
  code: number | null;
  signal: string | null;
  stdout: string;
  stderr: string;
  followed: boolean;
}

/** Starts the executable, waits for `lines` lines of output, then sends `signal`; resolves with the exit. */
function followUntil(bin: string, args: string[], lines: number, signal: NodeJS.Signals, env: NodeJS.ProcessEnv) {
  return new Promise<Exit>((resolve) => {
    const child: ChildProcess = spawn(process.execPath, [bin, ...args], {
      env,
      cwd: SERVICES_FIXTURES,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    let sent = false;
    let followed = false;
    child.stdout?.on('data', (chunk: Buffer) => {
      stdout += chunk.toString();
      if (!sent && stdout.split('\n').length > lines) {
        sent = true;
        // a little later, so the process is idle, following, when the signal arrives
        setTimeout(() => {
          followed = child.exitCode === null;
          child.kill(signal);
        }, 300);
      }
    });
    child.stderr?.on('data', (chunk: Buffer) => {
      stderr += chunk.toString();
    });
    child.on('exit', (code, sig) => resolve({ code, signal: sig, stdout, stderr, followed }));
  });
}

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
      const run = await followUntil(
        bin,
        ['logs', '-f', 'ext-hello-world', '--scenario', 'scenario.yaml'],
        2,
        signal,
        env,
      );
      expect([run.followed, run.code, run.signal, run.stderr]).toEqual([true, 0, null, '']);
      expect(run.stdout).toBe(
        '10.5.0.2: ./hello-world --msg Talos Linux Extension Service: started (simulated; no program is registered for this entrypoint)\n' +
          '10.5.0.3: ./hello-world --msg Talos Linux Extension Service: started (simulated; no program is registered for this entrypoint)\n',
      );
    },
    60_000,
  );
});
