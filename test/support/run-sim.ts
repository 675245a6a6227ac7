// Runs `sim` in-process, as the executable does (runSim: a plain `get` answered from a kept snapshot first, then the
// command tree), and captures what it prints.
import type { CliIo } from '../../src/cli/cli-context.js';
import { runCli } from '../../src/cli/main.js';
import { runSim } from '../../src/cli/run-sim.js';

export interface SimRun {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

/** A run whose stdout is also kept as bytes (`sim squashfs cat`). */
export interface SimBytesRun extends SimRun {
  readonly bytes: Buffer;
}

export interface SimOptions {
  readonly signal?: AbortSignal;
  /** Working directory relative paths resolve against. Default: the process's. */
  readonly cwd?: string;
  /** Environment variables the command sees. Default: none. */
  readonly env?: Readonly<Record<string, string>>;
  /**
   * The directory of boot assets and cluster snapshots kept between runs, or `default` for the user's (under
   * XDG_CACHE_HOME of `env`), as the executable uses. Default: none (every run builds and boots).
   */
  readonly cacheDirectory?: string;
  /** The largest cluster.json of a kept cluster. Default: the CLI's (64 MiB). */
  readonly keptStateBytes?: number;
  /** `command tree`: runCli alone, without the executable's plain-get path. Default: as the executable runs. */
  readonly entry?: 'executable' | 'command tree';
}

/** Output sinks that keep what a command prints. */
export function capturedIo(): { readonly io: CliIo; bytes(): Buffer; stderr(): string } {
  const out: Buffer[] = [];
  let stderr = '';
  return {
    io: {
      stdout: (c) => {
        out.push(Buffer.from(c));
        return true;
      },
      stderr: (c) => {
        stderr += c;
      },
    },
    bytes: () => Buffer.concat(out),
    stderr: () => stderr,
  };
}

export async function simBytes(argv: readonly string[], opts: SimOptions = {}): Promise<SimBytesRun> {
  const captured = capturedIo();
  const run = opts.entry === 'command tree' ? runCli : runSim;
  const code = await run(argv, {
    io: captured.io,
    cwd: opts.cwd ?? process.cwd(),
    env: opts.env ?? {},
    ...(opts.signal ? { signal: opts.signal } : {}),
    ...(opts.cacheDirectory === undefined
      ? {}
      : { bootAssetCache: opts.cacheDirectory === 'default' ? 'default' : { directory: opts.cacheDirectory } }),
    ...(opts.keptStateBytes === undefined ? {} : { keptStateBytes: opts.keptStateBytes }),
  });
  const bytes = captured.bytes();
  return { code, stdout: bytes.toString('utf8'), stderr: captured.stderr(), bytes };
}

export async function sim(argv: readonly string[], opts: SimOptions = {}): Promise<SimRun> {
  const { code, stdout, stderr } = await simBytes(argv, opts);
  return { code, stdout, stderr };
}
