// squashfs reader against squashfs-tools, whole process against whole process in the same run:
// `sim squashfs ls` vs `unsquashfs -lln`, `sim squashfs unpack` vs `unsquashfs -d` (both into
// tmpfs), for the ~200 MB zstd and xz images of make-sqsh-fixtures.sh --bench; plus the time
// from open() to ready-for-lookups on the zstd image.
import { execFileSync, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { closeSync, existsSync, mkdirSync, openSync, readFileSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { formatListingLine, SquashfsImage } from '../src/squashfs/index.js';
import { type BenchContext, type BenchFigure, type BenchSuite, bestOf } from './harness.js';

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

function ratioFigure(name: string, ours: number, baseName: string, base: number, goal: number): BenchFigure {
  return {
    name,
    value: ours,
    unit: 'ms',
    baseline: { name: baseName, value: base },
    goal: `≤ ${goal}× ${baseName}`,
    met: ours <= goal * base,
  };
}

const suite: BenchSuite = {
  title: 'squashfs reader vs squashfs-tools 4.5.1',
  async run(ctx) {
    const img = benchImages(ctx);
    execFileSync('npm', ['run', 'build'], { cwd: repo, stdio: 'ignore' });
    const runs = ctx.scale < 1 ? 1 : 3;
    const figures: BenchFigure[] = [];
    for (const [comp, unpackGoal] of [
      ['zstd', 1],
      ['xz', 1.2],
    ] as const) {
      const image = join(img, `bench-${comp}.sqsh`);
      ctx.log(`bench-${comp}: ${(statSync(image).size / 1e6).toFixed(0)} MB`);
      const lsBase = timeProcess(runs, 'unsquashfs', ['-lln', image]);
      const lsOurs = timeProcess(runs, process.execPath, [cli, 'squashfs', 'ls', image]);
      figures.push(ratioFigure(`ls bench-${comp} (sim squashfs ls)`, lsOurs, 'unsquashfs -lln', lsBase, 2));
      // the same listing in process: the reader's own cost, without Node's start-up
      const inProcess = await bestOf(runs, async () => {
        const reader = await SquashfsImage.open(image);
        let bytes = 0;
        for (const entry of reader.walk()) bytes += formatListingLine(entry).length;
        reader.close();
        if (bytes === 0) throw new Error('empty listing');
      });
      figures.push({
        name: `ls bench-${comp} in process (open, walk, format)`,
        value: inProcess,
        unit: 'ms',
        baseline: { name: 'unsquashfs -lln', value: lsBase },
        note: 'no goal; shows what Node start-up and module loading add to the CLI figure',
      });
      const theirs = join(tmpfs, 'sim-bench-unsquashfs');
      const ours = join(tmpfs, 'sim-bench-sim');
      const clean = (): void => {
        rmSync(theirs, { recursive: true, force: true });
        rmSync(ours, { recursive: true, force: true });
      };
      const unpackRuns = comp === 'xz' ? Math.min(runs, 2) : runs;
      const base = timeProcess(unpackRuns, 'unsquashfs', ['-no-xattrs', '-d', theirs, image], clean);
      const mine = timeProcess(unpackRuns, process.execPath, [cli, 'squashfs', 'unpack', image, ours], clean);
      clean();
      figures.push(ratioFigure(`unpack bench-${comp} to tmpfs (2 workers)`, mine, 'unsquashfs -d', base, unpackGoal));
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
      const base = timeProcess(runs, 'unsquashfs', ['-no-xattrs', '-d', theirs, none], clean);
      const mine = timeProcess(runs, process.execPath, [cli, 'squashfs', 'unpack', none, ours], clean);
      clean();
      figures.push({
        name: 'unpack the bench tree stored uncompressed (2 workers)',
        value: mine,
        unit: 'ms',
        baseline: { name: 'unsquashfs -d', value: base },
        note: 'no goal; no decoding on either side: the cost of creating and writing 20,000 files through node:fs',
      });
    }
    const nodeStart = timeProcess(runs, process.execPath, ['-e', '0']);
    figures.push({ name: 'node -e 0 (start-up floor of any Node CLI)', value: nodeStart, unit: 'ms' });
    // open → ready for lookups, in process (warm: the decoder is initialised once per process)
    const zstd = join(img, 'bench-zstd.sqsh');
    (await SquashfsImage.open(zstd)).close();
    let warm = Number.POSITIVE_INFINITY;
    for (let i = 0; i < 20; i++) {
      const start = performance.now();
      const image = await SquashfsImage.open(zstd);
      warm = Math.min(warm, performance.now() - start);
      image.close();
    }
    // and in a fresh process: module import + zstd WASM init + open
    const probe = `const t = performance.now(); const { SquashfsImage } = await import(${JSON.stringify(join(repo, 'dist/src/squashfs/index.js'))}); (await SquashfsImage.open(${JSON.stringify(zstd)})).close(); console.log(performance.now() - t);`;
    const cold = Math.min(
      ...Array.from({ length: runs }, () =>
        Number(execFileSync(process.execPath, ['--input-type=module', '-e', probe], { encoding: 'utf8' })),
      ),
    );
    figures.push({
      name: 'open bench-zstd (208 MB) ready for lookups',
      value: warm,
      unit: 'ms',
      goal: '≤ 5 ms',
      met: warm <= 5,
      note: `in a fresh process, with module import and the zstd decoder's WASM init: ${cold.toFixed(1)} ms`,
    });
    return figures;
  },
};

export default suite;
