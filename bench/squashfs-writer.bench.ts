// squashfs writer against mksquashfs 4.5.1, whole process against whole process in the same
// run: building the ~430 MB, 20,000-file tree of make-sqsh-fixtures.sh --bench with Talos's
// extension options (-all-root -comp zstd -Xcompression-level 18) into tmpfs. Wall time, peak
// memory (max RSS, through /usr/bin/time when present) and bytes_used of both images.
import { execFileSync, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { closeSync, existsSync, mkdirSync, openSync, readFileSync, readSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { BenchContext, BenchFigure, BenchSuite } from './harness.js';

const repo = fileURLToPath(new URL('..', import.meta.url));
const script = join(repo, 'test/fixtures/squashfs/make-sqsh-fixtures.sh');
const cli = join(repo, 'dist/cli/sim.js');
const tmpfs = existsSync('/dev/shm') ? '/dev/shm' : '/tmp';
const TIME = '/usr/bin/time';

/** The --bench fixture set, built once (minutes) and shared with the reader's bench. */
function benchTree(ctx: BenchContext): string {
  const version = execFileSync('mksquashfs', ['-version'], { encoding: 'utf8' }).split('\n')[0] ?? '';
  const key = createHash('sha256').update(readFileSync(script)).update(version).digest('hex').slice(0, 16);
  const dir = join(ctx.cacheDir, 'squashfs', key);
  if (!existsSync(join(dir, '.complete'))) {
    ctx.log(`building the --bench fixture set into ${dir} (takes minutes, once)`);
    rmSync(dir, { recursive: true, force: true });
    mkdirSync(join(ctx.cacheDir, 'squashfs'), { recursive: true });
    execFileSync('bash', [script, '--bench', dir], { stdio: 'ignore' });
    closeSync(openSync(join(dir, '.complete'), 'w'));
  }
  return join(dir, 'bench-src');
}

interface Measured {
  readonly ms: number;
  /** Peak resident set in MiB, when /usr/bin/time could tell. */
  readonly maxRssMiB: number | undefined;
}

function measure(cmd: string, args: readonly string[]): Measured {
  const timed = existsSync(TIME);
  const start = performance.now();
  const r = timed
    ? spawnSync(TIME, ['-f', '%M', cmd, ...args], { stdio: ['ignore', 'ignore', 'pipe'], encoding: 'utf8' })
    : spawnSync(cmd, args, { stdio: ['ignore', 'ignore', 'pipe'], encoding: 'utf8' });
  const ms = performance.now() - start;
  if (r.status !== 0) throw new Error(`${cmd} ${args.join(' ')} failed: ${r.stderr}`);
  const kb = timed ? Number(r.stderr.trim().split('\n').at(-1)) : Number.NaN;
  return { ms, maxRssMiB: Number.isFinite(kb) ? kb / 1024 : undefined };
}

function bytesUsed(image: string): number {
  const b = Buffer.alloc(8);
  const fd = openSync(image, 'r');
  readSync(fd, b, 0, 8, 40);
  closeSync(fd);
  return Number(b.readBigUInt64LE(0));
}

const suite: BenchSuite = {
  title: 'squashfs writer vs mksquashfs 4.5.1',
  async run(ctx) {
    const src = benchTree(ctx);
    execFileSync('npm', ['run', 'build'], { cwd: repo, stdio: 'ignore' });
    const theirs = join(tmpfs, 'sim-bench-mksquashfs.sqsh');
    const ours = join(tmpfs, 'sim-bench-sim.sqsh');
    const talos = ['-all-root', '-comp', 'zstd', '-Xcompression-level', '18'];
    try {
      ctx.log('mksquashfs, Talos zstd-18 options (about a minute on 2 cores)');
      const base = measure('mksquashfs', [src, theirs, '-noappend', '-no-progress', '-quiet', ...talos]);
      ctx.log('sim squashfs build, the same options');
      const mine = measure(process.execPath, [
        cli,
        'squashfs',
        'build',
        src,
        ours,
        '--comp',
        'zstd',
        '--level',
        '18',
        '--all-root',
      ]);
      const figures: BenchFigure[] = [
        {
          name: 'build bench tree, zstd-18 -all-root (sim squashfs build)',
          value: mine.ms,
          unit: 'ms',
          baseline: { name: 'mksquashfs', value: base.ms },
          goal: '≤ 1.5× mksquashfs',
          met: mine.ms <= 1.5 * base.ms,
        },
        {
          name: 'image bytes_used (sim squashfs build)',
          value: bytesUsed(ours),
          unit: 'B',
          baseline: { name: 'mksquashfs', value: bytesUsed(theirs) },
          goal: 'within 3 % of mksquashfs',
          met: Math.abs(bytesUsed(ours) / bytesUsed(theirs) - 1) <= 0.03,
        },
      ];
      if (mine.maxRssMiB !== undefined && base.maxRssMiB !== undefined) {
        figures.push({
          name: 'peak memory, max RSS (sim squashfs build)',
          value: mine.maxRssMiB,
          unit: 'MiB',
          baseline: { name: 'mksquashfs', value: base.maxRssMiB },
          note: 'reported, no goal',
        });
      }
      return figures;
    } finally {
      rmSync(theirs, { force: true });
      rmSync(ours, { force: true });
    }
  },
};

export default suite;
