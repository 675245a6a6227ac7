// A following command (`sim get -w`, `sim dmesg -f`, `sim logs -f`) as a user runs it: the bundled executable is
// started, and once stdout has more than `lines` lines it is sent `signal`, a little later, so that it is idle in
// its follow loop when the signal arrives. Resolves with how it exited and whether it was still running then.
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll } from 'vitest';
import { buildCli } from '../../scripts/build-cli.js';

export interface FollowExit {
  readonly code: number | null;
  readonly signal: string | null;
  readonly stdout: string;
  readonly stderr: string;
  /** Still running when signalled: it was following, not done. */
  readonly followed: boolean;
}

export function followUntil(
  bin: string,
  args: readonly string[],
  options: {
    readonly lines: number;
    readonly signal: NodeJS.Signals;
    readonly env: NodeJS.ProcessEnv;
    readonly cwd?: string;
  },
): Promise<FollowExit> {
  return new Promise((resolve) => {
    const child: ChildProcess = spawn(process.execPath, [bin, ...args], {
      env: options.env,
      ...(options.cwd === undefined ? {} : { cwd: options.cwd }),
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    let sent = false;
    let followed = false;
    child.stdout?.on('data', (chunk: Buffer) => {
      stdout += chunk.toString();
      if (!sent && stdout.split('\n').length > options.lines) {
        sent = true;
        setTimeout(() => {
          followed = child.exitCode === null;
          child.kill(options.signal);
        }, 300);
      }
    });
    child.stderr?.on('data', (chunk: Buffer) => {
      stderr += chunk.toString();
    });
    child.on('exit', (code, sig) => resolve({ code, signal: sig, stdout, stderr, followed }));
  });
}

/**
 * The bundled executable, built for the calling test file (inside its `describe`), and an environment whose boot-asset
 * cache is a fresh directory of its own; both are removed after the file's tests.
 */
export function bundledSim(name: string): { readonly bin: string; readonly env: NodeJS.ProcessEnv } {
  const out = join('node_modules', '.cache', 'talos-sim', `${name}-test-${process.pid}`);
  const built = { bin: '', env: {} as NodeJS.ProcessEnv, cache: '' };
  beforeAll(async () => {
    built.bin = await buildCli(out);
    built.cache = mkdtempSync(join(tmpdir(), `sim-${name}-cache-`));
    built.env = { ...process.env, XDG_CACHE_HOME: built.cache };
  }, 60_000);
  afterAll(() => {
    rmSync(join(repo, out), { recursive: true, force: true });
    if (built.cache !== '') rmSync(built.cache, { recursive: true, force: true });
  });
  return built;
}

const repo = fileURLToPath(new URL('../..', import.meta.url));
