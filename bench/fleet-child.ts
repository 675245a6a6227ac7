// Run by cluster.bench.ts in a fresh process: boots N nodes over A distinct boot assets (built first, not timed)
// and prints the time and the memory the nodes cost as JSON.
// Usage: node --expose-gc --import tsx fleet-child.ts N A [library]
// `library` is the module the nodes come from: the built package (dist/src/index.js), as users import it, by default
// the sources (which tsx compiles with every function renamed through a helper, adding memory to each closure).
// Each node has a random source of its own, as createCluster gives them: every node has its own node identity.
import type * as Library from '../src/index.js';

const library = process.argv[4] ?? '../src/index.js';
const { buildBootAsset, createNode, imageFromDescription, seededRandom, VirtualClock } = (await import(
  library
)) as typeof Library;
type TalosNode = Library.TalosNode;

const nodes = Number(process.argv[2] ?? 1000);
const distinct = Number(process.argv[3] ?? 1);
const gc = (globalThis as { gc?: () => void }).gc ?? (() => {});

// distinct assets: the same stock release, each with one small extension of its own (real layers, real media)
const assets = [];
for (let a = 0; a < distinct; a++) {
  assets.push(
    await buildBootAsset({
      talosVersion: 'v1.11.2',
      extensions: [
        {
          image: imageFromDescription({
            manifest: { version: 'v1alpha1', metadata: { name: `fleet${a}`, version: '1.0.0', author: 'bench' } },
            rootfs: { [`/usr/local/share/fleet${a}/VERSION`]: `${a}\n` },
          }),
          label: `fleet${a}`,
        },
      ],
    }),
  );
}
const clock = new VirtualClock();
const kept: TalosNode[] = [];
// warm-up: one node per asset, so module loading and the shared media are not counted per node
for (const asset of assets) {
  const node = await createNode({ clock, bootAsset: asset, address: '10.255.255.254', random: seededRandom(0) });
  await node.boot();
  kept.push(node);
}
gc();
const before = process.memoryUsage();
const start = performance.now();
for (let i = 0; i < nodes; i++) {
  const node = await createNode({
    clock,
    bootAsset: assets[i % distinct] as (typeof assets)[number],
    address: `10.${(i >> 16) & 255}.${(i >> 8) & 255}.${i & 255}`,
    random: seededRandom(i + 1),
  });
  await node.boot();
  kept.push(node);
}
const ms = performance.now() - start;
gc();
const after = process.memoryUsage();
const statuses = (await kept.at(-1)?.resources.list('runtime', 'ExtensionStatuses.runtime.talos.dev'))?.length;
console.log(JSON.stringify({ ms, rss: after.rss - before.rss, heap: after.heapUsed - before.heapUsed, statuses }));
