// How the bundled executable ends when things around it go wrong. Ctrl-C on a command that is not following (a long
// boot) ends it at once, with the status a shell gives a process the signal killed, instead of running the command
// to its end; a stdout that cannot be written (a full disk) ends it with the reason, not a stack trace.
import { spawn, spawnSync } from 'node:child_process';
import { closeSync, existsSync, mkdtempSync, openSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { bundledSim } from '../support/follow-process.js';

describe('sim, interrupted', () => {
  const sim = bundledSim('interrupt');
  const dir = mkdtempSync(join(tmpdir(), 'sim-interrupt-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it.each([
    ['SIGINT', 130],
    ['SIGTERM', 143],
  ] as const)(
    'ends a long boot on %s with status %i',
    async (signal, status) => {
      // enough nodes that booting them takes seconds
      const nodes = Array.from({ length: 3000 }, (_, i) => `10.9.${i >> 8}.${i & 255}`);
      const scenario = join(dir, 'many.yaml');
      writeFileSync(scenario, `talos: v1.10\nnodes: [${nodes.join(', ')}]\n`);
      // signalled once it is booting (nothing is printed until every node is up): a run signalled before its handlers
      // were in place (a loaded machine) dies by the signal itself, and is tried again later in its boot
      let outcome: [boolean, number | null, string] = [false, null, ''];
      for (let wait = 1500; wait <= 6000; wait *= 2) {
        const child = spawn(process.execPath, [sim.bin, '--scenario', scenario, 'get', 'ns', 'runtime'], {
          env: sim.env,
          stdio: ['ignore', 'pipe', 'pipe'],
        });
        let stdout = '';
        child.stdout.on('data', (chunk: Buffer) => {
          stdout += chunk.toString();
        });
        const exited = new Promise<[number | null, string | null]>((resolve) =>
          child.on('exit', (code, killedBy) => resolve([code, killedBy])),
        );
        await new Promise((resolve) => setTimeout(resolve, wait));
        const running = child.exitCode === null;
        child.kill(signal);
        const [code, killedBy] = await exited;
        outcome = [running, code, stdout];
        if (killedBy === null) break;
      }
      expect(outcome).toEqual([true, status, '']);
    },
    60_000,
  );

  it.skipIf(!existsSync('/dev/full'))('ends with the reason when stdout cannot be written', () => {
    const full = openSync('/dev/full', 'w');
    try {
      const run = spawnSync(process.execPath, [sim.bin, '--talos', 'v1.10', 'get', 'rd'], {
        env: sim.env,
        stdio: ['ignore', full, 'pipe'],
        encoding: 'utf8',
      });
      expect([run.status, run.stderr]).toEqual([
        1,
        'error writing to stdout: ENOSPC: no space left on device, write\n',
      ]);
    } finally {
      closeSync(full);
    }
  });
});
