// overlayfs-sim: stat and readFile through a 3-lower overlay (20k entries) against the same calls on one flat memfs
// volume holding the merged tree, measured in the same run.
import { type DirectoryJSON, Volume } from 'memfs';
import { createNodeFs, memfsLayer, Overlay } from '../src/overlayfs-sim/index.js';
import { type BenchFigure, type BenchSuite, opsPerSecond } from './harness.js';

const LAYERS = 3;

/** Three layers of files under /usr/share/<pkg>/, overlapping by a third, and their merged view of ~`files` files. */
function fixture(files: number): { layers: DirectoryJSON[]; merged: DirectoryJSON; paths: string[] } {
  // Each layer adds two thirds of its files to the merged view: merged = perLayer × 7/3.
  const perLayer = Math.ceil((files * 3) / 7);
  const layers: DirectoryJSON[] = [];
  const merged: DirectoryJSON = {};
  for (let layer = LAYERS - 1; layer >= 0; layer--) {
    const json: DirectoryJSON = {};
    for (let i = 0; i < perLayer; i++) {
      // Each layer starts a third of the way into the previous one's names, so a third of its paths shadow others.
      const n = i + layer * Math.floor((perLayer * 2) / 3);
      const path = `/usr/share/pkg${n % 200}/lib/file-${n}.so`;
      json[path] = `layer ${layer} file ${n}`;
      merged[path] = json[path] as string;
    }
    layers.unshift(json);
  }
  // A deterministic shuffle, so successive lookups do not walk the same directory.
  const paths = Object.keys(merged);
  let seed = 12345;
  for (let i = paths.length - 1; i > 0; i--) {
    seed = (seed * 1103515245 + 12345) & 0x7fffffff;
    const j = seed % (i + 1);
    [paths[i], paths[j]] = [paths[j] as string, paths[i] as string];
  }
  return { layers, merged, paths };
}

const suite: BenchSuite = {
  title: 'overlayfs-sim: 3-lower overlay vs flat memfs',
  async run(ctx): Promise<readonly BenchFigure[]> {
    const { layers, merged, paths } = fixture(Math.max(300, Math.round(20_000 * ctx.scale)));
    const flat = Volume.fromJSON(merged);
    const lowers = layers.map((json, i) => memfsLayer(Volume.fromJSON(json), { name: `layer${i}` }));
    let start = performance.now();
    const overlay = new Overlay({ lowers });
    const mountMs = performance.now() - start;
    const fs = createNodeFs(overlay);
    ctx.log(`${paths.length} merged files from ${LAYERS} layers; overlay indexed in ${mountMs.toFixed(0)} ms`);

    let i = 0;
    const next = (): string => paths[i++ % paths.length] as string;
    // Warm both sides once (JIT, lazily cached inode data) before measuring.
    for (const path of paths) {
      fs.statSync(path);
      flat.statSync(path);
    }
    const memfsStat = opsPerSecond(() => flat.statSync(next()), 1000);
    const overlayStat = opsPerSecond(() => fs.statSync(next()), 1000);
    const memfsRead = opsPerSecond(() => flat.readFileSync(next()), 1000);
    const overlayRead = opsPerSecond(() => fs.readFileSync(next()), 1000);
    start = performance.now();
    for (const dir of new Set(paths.map((p) => p.slice(0, p.lastIndexOf('/'))))) fs.readdirSync(dir);
    const readdirMs = performance.now() - start;

    // The same stack with a writable upper in which every 20th file has been rewritten (copied up).
    const writable = createNodeFs(new Overlay({ lowers, upper: new Volume() }));
    for (let k = 0; k < paths.length; k += 20) writable.writeFileSync(paths[k] as string, 'changed');
    for (const path of paths) writable.statSync(path);
    const upperStat = opsPerSecond(() => writable.statSync(next()), 1000);

    // Figures are time per call, so the ratio to memfs reads as "× slower".
    const perCall = (opsPerSec: number): number => 1e6 / opsPerSec;
    const statRatio = perCall(overlayStat) / perCall(memfsStat);
    return [
      {
        name: 'statSync',
        value: perCall(overlayStat),
        unit: 'µs/call',
        baseline: { name: 'memfs statSync', value: perCall(memfsStat) },
        goal: '≤ 1.5× memfs',
        met: statRatio <= 1.5,
      },
      {
        name: 'statSync, with an upper (5% copied up)',
        value: perCall(upperStat),
        unit: 'µs/call',
        baseline: { name: 'memfs statSync', value: perCall(memfsStat) },
        goal: '≤ 1.5× memfs',
        met: perCall(upperStat) / perCall(memfsStat) <= 1.5,
      },
      {
        name: 'readFileSync',
        value: perCall(overlayRead),
        unit: 'µs/call',
        baseline: { name: 'memfs readFileSync', value: perCall(memfsRead) },
      },
      { name: 'mount (index 3 lowers)', value: mountMs, unit: 'ms', note: `${paths.length} merged files` },
      { name: 'readdirSync, every directory once', value: readdirMs, unit: 'ms' },
    ];
  },
};

export default suite;
