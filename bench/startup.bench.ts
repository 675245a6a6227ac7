// Start-up of the bundled `sim` executable on every runtime of squashfs-runtimes.ts (Node 20 and 24), against that
// runtime's `node -e 0` measured in the same run: `sim --help` (commander and the command tree) and
// `sim get extensions` (a simulated node booted from the embedded scenario). The compile cache (Node >= 22.1) is
// measured warm, under a cache directory of the bench's own; the figure without it is in the note.
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { BenchFigure, BenchSuite, RuntimeFigure } from './harness.js';
import { benchRuntimes } from './squashfs-runtimes.js';

const repo = fileURLToPath(new URL('..', import.meta.url));
const cli = join(repo, 'dist/cli/sim.js');

/** Best wall time in ms of `runs` runs (after one untimed run, which fills the compile cache). */
function best(runs: number, node: string, args: readonly string[], env: NodeJS.ProcessEnv): number {
  let min = Number.POSITIVE_INFINITY;
  for (let i = 0; i <= runs; i++) {
    const start = performance.now();
    const r = spawnSync(node, args, { stdio: ['ignore', 'ignore', 'pipe'], env });
    const ms = performance.now() - start;
    if (r.status !== 0) throw new Error(`${node} ${args.join(' ')} failed: ${r.stderr?.toString()}`);
    if (i > 0) min = Math.min(min, ms);
  }
  return min;
}

const suite: BenchSuite = {
  title: 'start-up of the sim executable',
  async run(ctx) {
    execFileSync('npm', ['run', 'build'], { cwd: repo, stdio: 'ignore' });
    const runtimes = benchRuntimes(ctx);
    const runs = ctx.scale < 1 ? 3 : 15;
    const cacheHome = join(ctx.cacheDir, 'startup-xdg');
    rmSync(cacheHome, { recursive: true, force: true });
    mkdirSync(cacheHome, { recursive: true });
    const cached = { ...process.env, XDG_CACHE_HOME: cacheHome, NODE_COMPILE_CACHE: '' };
    const uncached = { ...cached, NODE_DISABLE_COMPILE_CACHE: '1' };
    const floor = new Map(runtimes.map((r) => [r.label, best(runs, r.node, ['-e', '0'], cached)]));
    const figures: BenchFigure[] = [];
    for (const args of [['--help'], ['get', 'extensions']]) {
      const values: RuntimeFigure[] = runtimes.map((r) => ({
        runtime: r.label,
        value: best(runs, r.node, [cli, ...args], cached),
        baseline: { name: 'node -e 0', value: floor.get(r.label) as number },
      }));
      const without = runtimes.map((r) => `${r.label} ${best(runs, r.node, [cli, ...args], uncached).toFixed(0)} ms`);
      figures.push({
        name: `sim ${args.join(' ')}`,
        value: (values[0] as RuntimeFigure).value,
        unit: 'ms',
        note: `compile cache warm where the runtime has one; without it: ${without.join(', ')}`,
        runtimes: values,
      });
    }
    figures.push({
      name: 'node -e 0',
      value: floor.get(runtimes[0]?.label ?? '') as number,
      unit: 'ms',
      runtimes: runtimes.map((r) => ({ runtime: r.label, value: floor.get(r.label) as number })),
    });
    return figures;
  },
};

export default suite;
