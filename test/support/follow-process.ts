// A following command (`sim get -w`, `sim dmesg -f`, `sim logs -f`) as a user runs it: the bundled executable is
// started, and once stdout has more than `lines` lines it is sent `signal`, a little later, so that it is idle in
// its follow loop when the signal arrives. Resolves with how it exited and whether it was still running then.
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, inject } from 'vitest';

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
 * The bundled executable of this run (test/support/bundled-cli-setup.ts) and an environment whose boot-asset cache is
 * a fresh directory of the calling file's (inside its `describe`), removed after the file's tests.
 */
export function bundledSim(name: string): { readonly bin: string; readonly env: NodeJS.ProcessEnv } {
  const built = { bin: '', env: {} as NodeJS.ProcessEnv, cache: '' };
  beforeAll(() => {
    built.bin = inject('simBin');
    built.cache = mkdtempSync(join(tmpdir(), `sim-${name}-cache-`));
    built.env = { ...process.env, XDG_CACHE_HOME: built.cache };
  });
  afterAll(() => {
    if (built.cache !== '') rmSync(built.cache, { recursive: true, force: true });
  });
  return built;
}
