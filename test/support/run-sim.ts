// Runs `sim` in-process and captures what it prints.
import { runCli } from '../../src/cli/main.js';
import { VirtualClock } from '../../src/index.js';

export interface SimRun {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

export async function sim(argv: string[], opts: { signal?: AbortSignal; cwd?: string } = {}): Promise<SimRun> {
  let stdout = '';
  let stderr = '';
  const decoder = new TextDecoder();
  const code = await runCli(argv, {
    io: {
      stdout: (c) => {
        stdout += typeof c === 'string' ? c : decoder.decode(c);
      },
      stderr: (c) => {
        stderr += c;
      },
    },
    cwd: opts.cwd ?? process.cwd(),
    env: {},
    clock: new VirtualClock(),
    ...(opts.signal ? { signal: opts.signal } : {}),
  });
  return { code, stdout, stderr };
}
