// Snapshots of the clusters `sim` boots for one command, kept next to the boot assets ($XDG_CACHE_HOME/talos-sim/
// boot-assets, `*.tscs`), so that the next `sim get` on the same inputs reads the nodes' resources instead of booting
// them again. What a cluster booted for a command serves is a pure function of the scenario, the time it boots at
// and talos-sim's code: those make the key. So a snapshot also answers where a boot would fail for want of memory.
// None is kept for a scenario whose reading or boot looks at other files (ClusterPlan.readsFiles: images or
// extensions by path, extension names looked up as paths first, expectations kept in files), a fleet whose snapshot
// would exceed SNAPSHOT_ENTRY_BYTES, a kept cluster, a running one
// (`cluster.run`), an embedder's clock, or `--no-cache`; nor when `sim` runs from its sources with the user's cache
// (their identity is one module's size and time, which does not change with the others).
import { resolve } from 'node:path';
import { checksum64 } from '../cluster/checksum.js';
import {
  type ClusterSnapshot,
  captureClusterSnapshot,
  decodeClusterSnapshot,
  encodeClusterSnapshot,
} from '../cluster/cluster-snapshot.js';
import { defaultBootAssetCacheDirectory, FileCache } from '../cluster/file-cache.js';
import { INPUT_LIMITS } from '../extensions/input-limits.js';
import { readRegularFile } from '../safe-fs/index.js';
import { buildIdentity, isBundled } from './build-identity.js';
import type { CliContext } from './cli-context.js';
import { keptClusterName, selectScenario } from './scenario-selection.js';
import type { SimulatedCluster } from './simulated-cluster.js';
import type { SimulationOptions } from './simulation-options.js';

/** Bumped whenever what a snapshot holds changes in a way talos-sim's build identity does not say. */
const SNAPSHOT_FORMAT = 1;
/** The bound of the snapshots in the cache directory (a default node's snapshot is ~30 KiB). */
const SNAPSHOT_CACHE_BYTES = 64 * 1024 * 1024;
/** The largest snapshot kept (JSON characters): a fleet of a few hundred nodes. */
const SNAPSHOT_ENTRY_BYTES = 16 * 1024 * 1024;

/**
 * The key of the cluster the options would boot for this command: all that determines it, as text (an entry's file
 * name is a checksum of it; the entry holds the key itself, compared in full). Undefined when it has no snapshot
 * (see above). Errors in the options are left to the command, which reports them as it would without snapshots.
 */
export function snapshotKey(opts: SimulationOptions, ctx: CliContext): string | undefined {
  if (ctx.cluster !== undefined || ctx.clock !== undefined || ctx.bootAssetCache === undefined) return undefined;
  if (opts.cache === false || (ctx.bootAssetCache === 'default' && !isBundled())) return undefined;
  try {
    if (keptClusterName(opts, ctx) !== undefined) return undefined;
    const scenario = selectScenario(opts, ctx);
    // a file stands for its bytes (latin1: one character per byte), the default and `--talos` for their object
    const text =
      typeof scenario === 'string'
        ? Buffer.from(readRegularFile(resolve(ctx.cwd, scenario), { maxBytes: INPUT_LIMITS.scenarioBytes })).toString(
            'latin1',
          )
        : JSON.stringify(scenario);
    const clock = [opts.clock ?? null, opts.clock === undefined ? (ctx.env.SOURCE_DATE_EPOCH ?? null) : null];
    return JSON.stringify([SNAPSHOT_FORMAT, buildIdentity(), typeof scenario, text, clock]);
  } catch {
    return undefined;
  }
}

/** The directory of boot assets and snapshots a command uses: the user's cache, the context's, or none. */
export function bootAssetCacheDirectory(ctx: CliContext): string | undefined {
  const where = ctx.bootAssetCache;
  if (where === undefined) return undefined;
  return where === 'default' ? defaultBootAssetCacheDirectory(ctx.env) : where.directory;
}

function snapshotCache(ctx: CliContext): FileCache | undefined {
  const directory = bootAssetCacheDirectory(ctx);
  return directory === undefined
    ? undefined
    : new FileCache({ directory, suffix: '.tscs', maxBytes: SNAPSHOT_CACHE_BYTES });
}

/** The snapshot kept for the options' cluster, if there is one (a damaged entry is removed). */
export function readSnapshot(opts: SimulationOptions, ctx: CliContext): ClusterSnapshot | undefined {
  const key = snapshotKey(opts, ctx);
  const cache = key === undefined ? undefined : snapshotCache(ctx);
  if (key === undefined || cache === undefined) return undefined;
  const name = checksum64(key);
  const bytes = cache.read(name);
  if (bytes === undefined) return undefined;
  const snapshot = decodeClusterSnapshot(bytes, key);
  if (snapshot === undefined) cache.remove(name);
  else cache.touch(name);
  return snapshot;
}

/**
 * Keeps the snapshot of a cluster booted for this command, taken before the command changes anything, under the key
 * worked out before it booted (`keyBefore`): a scenario file that changed meanwhile gives another key, and then
 * nothing is kept. Nothing is kept either when a spec is not plain data, or when the entry cannot be written: the
 * next command boots again.
 */
export async function keepSnapshot(
  opts: SimulationOptions,
  ctx: CliContext,
  selected: SimulatedCluster,
  keyBefore: string | undefined,
): Promise<void> {
  if (!selected.owned || selected.plan === undefined || selected.plan.readsFiles) return;
  const key = snapshotKey(opts, ctx);
  const cache = key === undefined ? undefined : snapshotCache(ctx);
  if (key === undefined || key !== keyBefore || cache === undefined) return;
  let entry: Uint8Array;
  try {
    const snapshot = await captureClusterSnapshot(selected.cluster.nodes, SNAPSHOT_ENTRY_BYTES);
    if (snapshot === undefined) return;
    entry = encodeClusterSnapshot(key, snapshot);
  } catch {
    // a spec that is not plain data (PlainDataError), or a node that cannot be read: the command goes on, unkept
    return;
  }
  cache.write(checksum64(key), entry);
}
