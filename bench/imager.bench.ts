// Building a boot asset from 10 extensions of 5 MiB each (Talos v1.11.2: zstd level 18), time and peak memory.
// Layers are squashed by talos-sim's own writer (the imager's default); the baseline is mksquashfs alone over the
// same ten trees already on disk, with the same options, so the ratio is the whole build (image copies, List,
// validation, depmod, moving firmware, squashing in TypeScript) against the native squashing step alone.
// A second figure times the builder with squashing stubbed out, per MiB of extension content.
import { execFile } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { buildBootAsset, defaultLayerSquasher, type LayerSquasher } from '../src/imager/index.js';
import { benchExtensionImages as images } from './extension-images.js';
import { type BenchFigure, type BenchSuite, bestOf } from './harness.js';

const run = promisify(execFile);
const EXTENSIONS = 10;
const FILES = 5;

interface Peak {
  readonly rss: number;
  /** JS heap plus ArrayBuffer memory: what the build itself holds (file contents, images). */
  readonly heap: number;
}

/** Samples memory while `fn` runs (timers fire while it awaits child processes); returns the peak increases. */
async function peakMemory(fn: () => Promise<void>): Promise<Peak> {
  const sample = () => {
    const m = process.memoryUsage();
    return { rss: m.rss, heap: m.heapUsed + m.arrayBuffers };
  };
  const before = sample();
  let peak = before;
  const timer = setInterval(() => {
    const now = sample();
    peak = { rss: Math.max(peak.rss, now.rss), heap: Math.max(peak.heap, now.heap) };
  }, 5);
  try {
    await fn();
  } finally {
    clearInterval(timer);
  }
  const after = sample();
  return {
    rss: Math.max(peak.rss, after.rss) - before.rss,
    heap: Math.max(peak.heap, after.heap) - before.heap,
  };
}

const stub: LayerSquasher = { squash: async () => new Uint8Array(4096) };

const suite: BenchSuite = {
  title: 'Imager',
  async run(ctx) {
    const fileSize = Math.max(64 * 1024, Math.round(((5 << 20) / FILES) * ctx.scale));
    const megabytes = (EXTENSIONS * FILES * fileSize) / (1 << 20);
    ctx.log(
      `${EXTENSIONS} extensions of ${FILES} files × ${(fileSize / 1024).toFixed(0)} KiB (${megabytes.toFixed(1)} MiB)`,
    );
    const { registry, references, trees } = images(fileSize);
    const options = { talosVersion: 'v1.11.2', extensions: references, registry };

    // baseline: mksquashfs over the same rootfs trees already on disk
    const scratch = mkdtempSync(join(ctx.cacheDir, 'imager-'));
    const dirs = trees.map((tree, e) => {
      const dir = join(scratch, `rootfs${e}`);
      tree.walk((path, node) => {
        if (!path.startsWith('/rootfs/')) return undefined;
        const disk = join(dir, path.slice('/rootfs/'.length));
        if (node.kind === 'directory') mkdirSync(disk, { recursive: true });
        else if (node.kind === 'file') writeFileSync(disk, node.read());
        return undefined;
      });
      return dir;
    });
    const args = ['-all-root', '-noappend', '-no-progress', '-comp', 'zstd', '-Xcompression-level', '18'];
    const baseline = await bestOf(2, async () => {
      for (const [e, dir] of dirs.entries()) await run('mksquashfs', [dir, join(scratch, `${e}.sqsh`), ...args]);
    });
    rmSync(scratch, { recursive: true, force: true });

    const squasher = defaultLayerSquasher();
    // memory first, before repeated builds leave the allocator's pages behind
    const peak = await peakMemory(async () => {
      await buildBootAsset({ ...options, squasher });
    });
    const build = await bestOf(2, async () => {
      await buildBootAsset({ ...options, squasher });
    });
    const stubbed = await bestOf(3, async () => {
      await buildBootAsset({ ...options, squasher: stub });
    });
    const figures: BenchFigure[] = [
      {
        name: 'build boot asset, 10 × 5 MiB (talos-sim squashfs writer)',
        value: build,
        unit: 'ms',
        baseline: { name: 'mksquashfs alone on the same trees', value: baseline },
        goal: '≤ 1.5× mksquashfs alone',
        met: build <= 1.5 * baseline,
      },
      {
        name: 'peak RSS increase during the first build',
        value: peak.rss / (1 << 20),
        unit: 'MiB',
        note: `${megabytes.toFixed(1)} MiB of extension content, already in the registry`,
      },
      {
        name: 'peak JS heap + ArrayBuffer increase during the first build',
        value: peak.heap / (1 << 20),
        unit: 'MiB',
        note: 'image copies pulled from the registry share file contents; squashfs images are held',
      },
      {
        name: 'builder without squashing',
        value: stubbed / megabytes,
        unit: 'ms/MiB',
        note: 'pull copies, List, validate, depmod, firmware move, /extensions.yaml',
      },
    ];
    return figures;
  },
};

export default suite;
