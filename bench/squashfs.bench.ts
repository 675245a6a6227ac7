// squashfs reader against squashfs-tools in the same run, on every runtime of squashfs-runtimes.ts (Node 20 and 24):
// the listing in process against `unsquashfs -lln` (and the whole `sim squashfs ls` against `node -e 0`),
// `sim squashfs unpack` against `unsquashfs -d` (both into tmpfs), for the ~200 MB zstd and xz images of
// make-sqsh-fixtures.sh --bench and the same tree stored uncompressed; plus the time from open() to
// ready-for-lookups on the zstd image. Commands are timed in turns, best of several.
import { execFileSync, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { closeSync, existsSync, mkdirSync, openSync, readFileSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { BenchContext, BenchFigure, BenchSuite, RuntimeFigure } from './harness.js';
import { type BenchRuntime, benchRuntimes } from './squashfs-runtimes.js';

const repo = fileURLToPath(new URL('..', import.meta.url));
const script = join(repo, 'test/fixtures/squashfs/make-sqsh-fixtures.sh');
const cli = join(repo, 'dist/cli/sim.js');
const tmpfs = existsSync('/dev/shm') ? '/dev/shm' : '/tmp';

/** Builds the --bench fixture set once (several minutes), keyed by the script and mksquashfs version. */
function benchImages(ctx: BenchContext): string {
  const version = execFileSync('mksquashfs', ['-version'], { encoding: 'utf8' }).split('\n')[0] ?? '';
  const key = createHash('sha256').update(readFileSync(script)).update(version).digest('hex').slice(0, 16);
  const dir = join(ctx.cacheDir, 'squashfs', key);
  if (!existsSync(join(dir, '.complete'))) {
    ctx.log(`building the --bench images into ${dir} (takes minutes, once)`);
    rmSync(dir, { recursive: true, force: true });
    mkdirSync(join(ctx.cacheDir, 'squashfs'), { recursive: true });
    execFileSync('bash', [script, '--bench', dir], { stdio: 'ignore' });
    closeSync(openSync(join(dir, '.complete'), 'w'));
  }
  return join(dir, 'img');
}

/** Wall time of a whole process in ms, best of `runs`; `before` runs untimed before each. */
function timeProcess(runs: number, cmd: string, args: readonly string[], before?: () => void): number {
  let best = Number.POSITIVE_INFINITY;
  for (let i = 0; i < runs; i++) {
    before?.();
    const devnull = openSync('/dev/null', 'w');
    const start = performance.now();
    const r = spawnSync(cmd, args, { stdio: ['ignore', devnull, 'pipe'] });
    const ms = performance.now() - start;
    closeSync(devnull);
    if (r.status !== 0) throw new Error(`${cmd} ${args.join(' ')} failed: ${r.stderr?.toString()}`);
    best = Math.min(best, ms);
  }
  return best;
}

interface Timed {
  readonly key: string;
  readonly cmd: string;
  readonly args: readonly string[];
}

/**
 * Wall time of several commands, best of `runs` each, taken in turns (one of each per round) so that a machine
 * getting busier or quieter affects every side alike; `before` runs untimed before each command.
 */
function timeInTurns(runs: number, commands: readonly Timed[], before?: () => void): Map<string, number> {
  const best = new Map<string, number>();
  for (let i = 0; i < runs; i++) {
    for (const c of commands)
      best.set(c.key, Math.min(best.get(c.key) ?? Number.POSITIVE_INFINITY, timeProcess(1, c.cmd, c.args, before)));
  }
  return best;
}

/** Milliseconds a probe prints when run as an ES module under `node`. */
function probe(node: string, code: string): number {
  return Number(execFileSync(node, ['--input-type=module', '-e', code], { encoding: 'utf8' }));
}

/** The goal of unpacking bench-zstd: libzstd through node:zlib from Node 22.15, WASM before. */
function zstdUnpackGoal(label: string): number {
  const [major = 0, minor = 0] = label
    .replace(/^Node v/, '')
    .split('.')
    .map(Number);
  return major > 22 || (major === 22 && minor >= 15) ? 1.2 : 2;
}

const suite: BenchSuite = {
  title: 'squashfs reader vs squashfs-tools 4.5.1',
  async run(ctx) {
    const img = benchImages(ctx);
    execFileSync('npm', ['run', 'build'], { cwd: repo, stdio: 'ignore' });
    const runtimes = benchRuntimes(ctx);
    const runs = ctx.scale < 1 ? 1 : 5;
    const index = JSON.stringify(join(repo, 'dist/src/squashfs/index.js'));
    const figures: BenchFigure[] = [];
    const floor = timeInTurns(
      runs,
      runtimes.map((r) => ({ key: r.label, cmd: r.node, args: ['-e', '0'] })),
    );
    const floorOf = (r: BenchRuntime) => ({ name: 'node -e 0', value: floor.get(r.label) as number });
    for (const comp of ['zstd', 'xz'] as const) {
      const image = join(img, `bench-${comp}.sqsh`);
      ctx.log(`bench-${comp}: ${(statSync(image).size / 1e6).toFixed(0)} MB`);
      const ls = timeInTurns(runs, [
        { key: 'unsquashfs', cmd: 'unsquashfs', args: ['-lln', image] },
        ...runtimes.map((r) => ({ key: r.label, cmd: r.node, args: [cli, 'squashfs', 'ls', image] })),
      ]);
      const lsBase = ls.get('unsquashfs') as number;
      // the same listing in process: the reader's own cost, without Node's start-up (best of runs in one process)
      const listing = `const { SquashfsImage, formatListingLine } = await import(${index}); let best = Infinity;
        for (let i = 0; i < ${runs}; i++) { const t = performance.now(); const r = await SquashfsImage.open(${JSON.stringify(image)});
        let n = 0; for (const e of r.walk()) n += formatListingLine(e).length; r.close(); if (n === 0) throw new Error('empty');
        best = Math.min(best, performance.now() - t); } console.log(best);`;
      figures.push(
        runtimeFigure(`ls bench-${comp} in process (open, walk, format)`, 'unsquashfs -lln', lsBase, runtimes, (r) => {
          const value = probe(r.node, listing);
          return { value, goal: '≤ 1.5×', met: value <= 1.5 * lsBase };
        }),
        runtimeFigure(
          `ls bench-${comp}, whole process (sim squashfs ls)`,
          undefined,
          undefined,
          runtimes,
          (r) => ({
            value: ls.get(r.label) as number,
            baseline: floorOf(r),
          }),
          'no goal: Node start-up and module loading on top of the in-process figure',
        ),
      );
      const theirs = join(tmpfs, 'sim-bench-unsquashfs');
      const ours = join(tmpfs, 'sim-bench-sim');
      const clean = (): void => {
        rmSync(theirs, { recursive: true, force: true });
        rmSync(ours, { recursive: true, force: true });
      };
      const unpackRuns = comp === 'xz' ? Math.min(runs, 2) : runs;
      const unpacked = timeInTurns(
        unpackRuns,
        [
          { key: 'unsquashfs', cmd: 'unsquashfs', args: ['-no-xattrs', '-d', theirs, image] },
          ...runtimes.map((r) => ({ key: r.label, cmd: r.node, args: [cli, 'squashfs', 'unpack', image, ours] })),
        ],
        clean,
      );
      clean();
      const base = unpacked.get('unsquashfs') as number;
      figures.push(
        runtimeFigure(`unpack bench-${comp} to tmpfs (sim squashfs unpack)`, 'unsquashfs -d', base, runtimes, (r) => {
          const goal = comp === 'zstd' ? zstdUnpackGoal(r.label) : 1.2;
          const value = unpacked.get(r.label) as number;
          return { value, goal: `≤ ${goal}×`, met: value <= goal * base };
        }),
      );
    }
    // the same tree stored uncompressed: what extraction costs with no decoding at all, on both sides
    const none = join(img, 'bench-none.sqsh');
    if (!existsSync(none)) {
      const options = ['-noappend', '-no-progress', '-quiet', '-all-root', '-noI', '-noD', '-noF', '-noX'];
      execFileSync('mksquashfs', [join(img, '..', 'bench-src'), none, ...options]);
    }
    {
      const theirs = join(tmpfs, 'sim-bench-unsquashfs');
      const ours = join(tmpfs, 'sim-bench-sim');
      const clean = (): void => {
        rmSync(theirs, { recursive: true, force: true });
        rmSync(ours, { recursive: true, force: true });
      };
      const unpacked = timeInTurns(
        runs,
        [
          { key: 'unsquashfs', cmd: 'unsquashfs', args: ['-no-xattrs', '-d', theirs, none] },
          ...runtimes.map((r) => ({ key: r.label, cmd: r.node, args: [cli, 'squashfs', 'unpack', none, ours] })),
        ],
        clean,
      );
      clean();
      figures.push(
        runtimeFigure(
          'unpack the bench tree stored uncompressed',
          'unsquashfs -d',
          unpacked.get('unsquashfs') as number,
          runtimes,
          (r) => ({ value: unpacked.get(r.label) as number }),
          'no goal; no decoding on either side: the cost of creating and writing 20,000 files through node:fs',
        ),
      );
    }
    figures.push(
      runtimeFigure('node -e 0 (start-up floor of any Node CLI)', undefined, undefined, runtimes, (r) => ({
        value: floor.get(r.label) as number,
      })),
    );
    // open → ready for lookups, in process, warm (the decoder is initialised once per process), and cold
    const zstd = JSON.stringify(join(img, 'bench-zstd.sqsh'));
    const warm = `const { SquashfsImage } = await import(${index}); (await SquashfsImage.open(${zstd})).close(); let best = Infinity;
      for (let i = 0; i < 20; i++) { const t = performance.now(); const r = await SquashfsImage.open(${zstd}); best = Math.min(best, performance.now() - t); r.close(); }
      console.log(best);`;
    const cold = `const t = performance.now(); const { SquashfsImage } = await import(${index}); (await SquashfsImage.open(${zstd})).close(); console.log(performance.now() - t);`;
    const colds = runtimes.map(
      (r) => `${r.label} ${Math.min(...Array.from({ length: runs }, () => probe(r.node, cold))).toFixed(1)} ms`,
    );
    figures.push(
      runtimeFigure(
        'open bench-zstd (208 MB) ready for lookups',
        undefined,
        undefined,
        runtimes,
        (r) => {
          const value = probe(r.node, warm);
          return { value, goal: '≤ 5 ms', met: value <= 5 };
        },
        `in a fresh process, with module import and the zstd decoder's start: ${colds.join(', ')}`,
      ),
    );
    return figures;
  },
};

/** A figure measured on every runtime; `measure` gives each runtime's value (and its goal or own baseline). */
function runtimeFigure(
  name: string,
  baselineName: string | undefined,
  baselineValue: number | undefined,
  runtimes: readonly BenchRuntime[],
  measure: (r: BenchRuntime) => Omit<RuntimeFigure, 'runtime'>,
  note?: string,
): BenchFigure {
  const values: RuntimeFigure[] = runtimes.map((r) => ({ runtime: r.label, ...measure(r) }));
  const first = values[0] as RuntimeFigure;
  return {
    name,
    value: first.value,
    unit: 'ms',
    ...(baselineName === undefined || baselineValue === undefined
      ? {}
      : { baseline: { name: baselineName, value: baselineValue } }),
    ...(first.goal === undefined ? {} : { goal: first.goal }),
    ...(first.met === undefined ? {} : { met: first.met }),
    ...(note === undefined ? {} : { note }),
    runtimes: values,
  };
}

export default suite;
