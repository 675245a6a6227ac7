// The cluster runtime's costs: one node with 10 extensions booted to its ExtensionStatus resources, and fleets of
// 10,000 nodes over one and over ten boot assets (each measured in a fresh process, so RSS is the fleet's own, with
// the package as built, as users import it).
// `sim get extensions` as a user runs it is startup.bench.ts's: measured in turns with `node -e 0`, so that load on
// the machine hits both alike.
import { execFile, execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { buildBootAsset, createNode, VirtualClock } from '../src/index.js';
import { benchExtensionImages } from './extension-images.js';
import type { BenchFigure, BenchSuite } from './harness.js';

const run = promisify(execFile);
const here = fileURLToPath(new URL('.', import.meta.url));
const repo = join(here, '..');

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] as number;
}

/** The built package, as users import it (`npm run build` first: the bench measures the sources' build). */
const library = join(repo, 'dist/src/index.js');

async function fleet(nodes: number, assets: number): Promise<{ ms: number; rss: number; heap: number }> {
  const { stdout } = await run(
    process.execPath,
    ['--expose-gc', '--import', 'tsx', join(here, 'fleet-child.ts'), String(nodes), String(assets), library],
    { cwd: repo, maxBuffer: 1 << 20 },
  );
  return JSON.parse(stdout) as { ms: number; rss: number; heap: number };
}

const suite: BenchSuite = {
  title: 'Cluster runtime',
  async run(ctx) {
    const figures: BenchFigure[] = [];

    // one node, 10 extensions of 5 MiB each (zstd, as v1.11.2 squashes them), booted until ExtensionStatus is there
    const fileSize = Math.max(64 * 1024, Math.round(((5 << 20) / 5) * ctx.scale));
    const { registry, references } = benchExtensionImages(fileSize);
    const asset = await buildBootAsset({ talosVersion: 'v1.11.2', extensions: references, registry });
    const bootOnce = async (withExtensions: boolean): Promise<number> => {
      const start = performance.now();
      // a clock of its own: a full boot, never continued from an earlier node's (fleets, measured below)
      const node = await createNode({
        clock: new VirtualClock(),
        ...(withExtensions ? { bootAsset: asset } : { talosVersion: 'v1.11.2' }),
      });
      await node.boot();
      const statuses = await node.resources.list('runtime', 'ExtensionStatuses.runtime.talos.dev');
      const ms = performance.now() - start;
      if (withExtensions && statuses.length !== 11) throw new Error(`expected 11 layers, got ${statuses.length}`);
      await node.shutdown();
      return ms;
    };
    for (let i = 0; i < 20; i++) await bootOnce(true); // warm-up
    const stockBoots: number[] = [];
    for (let i = 0; i < 20; i++) stockBoots.push(await bootOnce(false));
    const stock = median(stockBoots);
    const boots: number[] = [];
    for (let i = 0; i < 100; i++) boots.push(await bootOnce(true));
    const bootMedian = median(boots);
    figures.push({
      name: 'boot one node, 10 × 5 MiB extensions (zstd), to ExtensionStatus published (median)',
      value: bootMedian,
      unit: 'ms',
      baseline: { name: 'a stock node without extensions', value: stock },
      goal: '≤ 5 ms median after warm-up',
      met: bootMedian <= 5,
      note: '100 boots after 20 warm-up (the stock node: 20 boots); the boot asset is built once beforehand',
    });

    execFileSync('npm', ['run', 'build'], { cwd: repo, stdio: 'ignore' });
    const nodes = Math.max(100, Math.round(10_000 * ctx.scale));
    for (const assets of [1, 10]) {
      const f = await fleet(nodes, assets);
      ctx.log(
        `${nodes} nodes over ${assets} asset(s): ${f.ms.toFixed(0)} ms, RSS +${(f.rss / 2 ** 20).toFixed(0)} MiB`,
      );
      figures.push({
        name: `${nodes} nodes over ${assets} boot asset${assets === 1 ? '' : 's'}: boot time`,
        value: f.ms / 1000,
        unit: 's',
        goal: assets === 1 ? '≤ 10 s for 10,000' : '',
        ...(assets === 1 ? { met: f.ms <= 10_000 * (nodes / 10_000) } : {}),
      });
      figures.push({
        name: `${nodes} nodes over ${assets} boot asset${assets === 1 ? '' : 's'}: RSS increase`,
        value: f.rss / 2 ** 20,
        unit: 'MiB',
        goal: assets === 1 ? '≤ 1 GiB for 10,000' : '',
        ...(assets === 1 ? { met: f.rss <= 2 ** 30 * (nodes / 10_000) } : {}),
        note: `${(f.rss / nodes / 1024).toFixed(1)} KiB RSS and ${(f.heap / nodes / 1024).toFixed(1)} KiB heap per node`,
      });
    }

    return figures;
  },
};

export default suite;
