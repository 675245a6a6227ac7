// `sim dmesg -f` as a user runs it: the bundled executable prints the ring, keeps following until SIGINT or
// SIGTERM, then exits 0 as talosctl does.
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildCli } from '../../../scripts/build-cli.js';

const repo = fileURLToPath(new URL('../../..', import.meta.url));
const out = join('node_modules', '.cache', 'talos-sim', `dmesg-test-${process.pid}`);

/** Starts the executable, resolves once stdout has `lines` lines, then sends `signal`; resolves the exit. */
function followUntil(bin: string, args: string[], lines: number, signal: NodeJS.Signals, env: NodeJS.ProcessEnv) {
  type Exit = { code: number | null; signal: string | null; stdout: string; stderr: string; followed: boolean };
  return new Promise<Exit>((resolve) => {
    const child: ChildProcess = spawn(process.execPath, [bin, ...args], { env, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    let sent = false;
    // still running when signalled: it was following, not done
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

describe('sim dmesg -f, the executable', () => {
  let bin: string;
  let cache: string;

  beforeAll(async () => {
    bin = await buildCli(out);
    cache = mkdtempSync(join(tmpdir(), 'sim-dmesg-cache-'));
  }, 60_000);
  afterAll(() => {
    rmSync(join(repo, out), { recursive: true, force: true });
    rmSync(cache, { recursive: true, force: true });
  });

  it.each(['SIGINT', 'SIGTERM'] as const)(
    'prints the ring, keeps following, and exits 0 on %s',
    async (signal) => {
      const env = { ...process.env, XDG_CACHE_HOME: cache };
      const run = await followUntil(bin, ['dmesg', '-f'], 5, signal, env);
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
