// Start-up of the bundled `sim` executable on every runtime of squashfs-runtimes.ts (Node 20 and 24), against that
// runtime's `node -e 0` measured in the same loop (each round runs the floor and then the command, so load on the
// machine hits both alike): `sim --help` (commander and the command tree) and `sim get extensions` on the embedded
// default scenario. Issue 10's goal is on the warm figure: the caches filled by an earlier run, under a cache
// directory of the bench's own (the boot asset, the snapshot of the booted cluster, and Node's compile cache on
// Node >= 22.1), so the command prints from the snapshot. "Booted" removes the snapshot before every run: the node
// boots from the cached boot asset. Cold is a fresh, empty cache directory for every run: the boot asset is built
// (gVisor and DRBD squashed with zstd), the node boots, and nothing is compiled from a cache.
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { defaultBootAssetCacheDirectory } from '../src/cluster/file-cache.js';
import type { BenchFigure, BenchSuite, RuntimeFigure } from './harness.js';
import { type BenchRuntime, benchRuntimes } from './squashfs-runtimes.js';

const repo = fileURLToPath(new URL('..', import.meta.url));
/** BENCH_SIM=<path of a sim.js> measures another build as it is (e.g. one of an earlier commit, for before/after). */
const given = process.env.BENCH_SIM;
const cli = given !== undefined && given !== '' ? resolve(given) : join(repo, 'dist/cli/sim.js');

/** Issue 10: `sim get extensions` with a warm cache, above `node -e 0`, per Node major. */
const GOALS: Readonly<Record<string, number>> = { '20': 80, '24': 50 };

function wall(node: string, args: readonly string[], env: NodeJS.ProcessEnv): number {
  const start = performance.now();
  const r = spawnSync(node, args, { stdio: ['ignore', 'ignore', 'pipe'], env });
  const ms = performance.now() - start;
  if (r.status !== 0) throw new Error(`${node} ${args.join(' ')} failed: ${r.stderr?.toString()}`);
  return ms;
}

/**
 * Best wall time in ms of the command and of `node -e 0`, run in turns `runs` times (after one untimed round, which
 * fills the caches). `env()` gives each round its environment (a fresh cache directory for cold runs).
 */
function bestAgainstFloor(
  runs: number,
  runtime: BenchRuntime,
  args: readonly string[],
  env: () => NodeJS.ProcessEnv,
): { command: number; floor: number } {
  let command = Number.POSITIVE_INFINITY;
  let floor = Number.POSITIVE_INFINITY;
  for (let i = 0; i <= runs; i++) {
    const e = env();
    const f = wall(runtime.node, ['-e', '0'], e);
    const c = wall(runtime.node, [cli, ...args], e);
    if (i > 0) [floor, command] = [Math.min(floor, f), Math.min(command, c)];
  }
  return { command, floor };
}

function major(runtime: BenchRuntime): string {
  return /v(\d+)\./.exec(runtime.label)?.[1] ?? '';
}

const suite: BenchSuite = {
  title: 'start-up of the sim executable',
  async run(ctx) {
    if (given === undefined || given === '') execFileSync('npm', ['run', 'build'], { cwd: repo, stdio: 'ignore' });
    const runtimes = benchRuntimes(ctx);
    const runs = ctx.scale < 1 ? 3 : 15;
    const coldRuns = ctx.scale < 1 ? 2 : 5;
    const cacheHome = join(ctx.cacheDir, 'startup-xdg');
    rmSync(cacheHome, { recursive: true, force: true });
    mkdirSync(cacheHome, { recursive: true });
    const warm = { ...process.env, XDG_CACHE_HOME: cacheHome, NODE_COMPILE_CACHE: '' };
    const uncompiled = { ...warm, NODE_DISABLE_COMPILE_CACHE: '1' };
    const coldHomes: string[] = [];
    const cold = () => {
      const home = mkdtempSync(join(ctx.cacheDir, 'startup-cold-'));
      coldHomes.push(home);
      return { ...warm, XDG_CACHE_HOME: home };
    };
    const figures: BenchFigure[] = [];
    const floors = new Map<string, number>();
    try {
      const help = runtimes.map((r) => ({ r, m: bestAgainstFloor(runs, r, ['--help'], () => warm) }));
      const get = runtimes.map((r) => ({ r, m: bestAgainstFloor(runs, r, ['get', 'extensions'], () => warm) }));
      // the snapshot of the booted cluster removed before each round: it boots from the cached boot asset
      const snapshots = defaultBootAssetCacheDirectory({ XDG_CACHE_HOME: cacheHome });
      const withoutSnapshot = () => {
        for (const name of readdirSync(snapshots).filter((n) => n.endsWith('.tscs'))) rmSync(join(snapshots, name));
        return warm;
      };
      const getBooted = runtimes.map((r) => ({
        r,
        m: bestAgainstFloor(runs, r, ['get', 'extensions'], withoutSnapshot),
      }));
      const getCold = runtimes.map((r) => ({ r, m: bestAgainstFloor(coldRuns, r, ['get', 'extensions'], cold) }));
      const getUncompiled = runtimes.map((r) => bestAgainstFloor(runs, r, ['get', 'extensions'], () => uncompiled));
      for (const { r, m } of get) floors.set(r.label, m.floor);
      const whole = (name: string, measured: typeof get, note: string, goals: boolean): BenchFigure => ({
        name,
        value: (measured[0]?.m.command as number) - (measured[0]?.m.floor as number),
        unit: 'ms',
        note,
        runtimes: measured.map(({ r, m }): RuntimeFigure => {
          const goal = goals ? GOALS[major(r)] : undefined;
          const extra = m.command - m.floor;
          return {
            runtime: r.label,
            value: extra,
            ...(goal === undefined ? {} : { goal: `≤ ${goal} ms`, met: extra <= goal }),
          };
        }),
      });
      const noCompileCache = runtimes
        .map(
          (r, i) => `${r.label} ${((getUncompiled[i]?.command ?? 0) - (getUncompiled[i]?.floor ?? 0)).toFixed(0)} ms`,
        )
        .join(', ');
      const above = 'whole process, above node -e 0 of the same rounds';
      figures.push(whole('sim --help', help, `${above}; compile cache warm`, false));
      figures.push(
        whole(
          'sim get extensions (warm caches)',
          get,
          `${above}; printed from the snapshot of the cluster booted by an earlier run, compile cache warm; without the compile cache: ${noCompileCache}`,
          true,
        ),
      );
      figures.push(
        whole(
          'sim get extensions (booted: boot-asset cache warm, no snapshot)',
          getBooted,
          `${above}; the node boots from the cached boot asset, compile cache warm`,
          false,
        ),
      );
      figures.push(
        whole(
          'sim get extensions (cold: empty cache directory)',
          getCold,
          `${above}; builds the boot asset (gVisor and DRBD, zstd) and fills both caches`,
          false,
        ),
      );
      figures.push({
        name: 'node -e 0',
        value: floors.get(runtimes[0]?.label ?? '') as number,
        unit: 'ms',
        note: `best of the warm get extensions rounds; measured: ${relative(repo, cli)}`,
        runtimes: runtimes.map((r) => ({ runtime: r.label, value: floors.get(r.label) as number })),
      });
    } finally {
      for (const home of coldHomes) rmSync(home, { recursive: true, force: true });
    }
    return figures;
  },
};

export default suite;
