// Which booted cluster's snapshot a `sim` command may use: its key, made of all that determines what the cluster
// serves (the scenario, the time it boots at, talos-sim's code), and the cache it lives in (ClusterSnapshotCache,
// beside the boot assets). So a snapshot also answers where a boot would fail for want of memory. None is kept for a
// scenario whose reading or boot looks at other files (ClusterPlan.readsFiles: images or extensions by path,
// extension names looked up as paths first, expectations kept in files), a kept cluster, a running one
// (`cluster.run`), an embedder's clock, or `--no-cache`; nor when `sim` runs from its sources with the user's cache
// (their identity is one module's size and time, which does not change with the others).
import { resolve } from 'node:path';
// module files, not package indexes: the snapshot reader imports this module (see commands/get-printing.ts)
import type { ClusterSnapshot } from '../cluster/cluster-snapshot.js';
import { ClusterSnapshotCache } from '../cluster/cluster-snapshot-cache.js';
import { defaultBootAssetCacheDirectory } from '../cluster/file-cache.js';
import { INPUT_LIMITS } from '../extensions/input-limits.js';
import { readRegularFile } from '../safe-fs/index.js';
import { buildIdentity, isBundled } from './build-identity.js';
import type { CliContext } from './cli-context.js';
import { keptClusterName, selectScenario } from './scenario-selection.js';
import type { SimulatedCluster } from './simulated-cluster.js';
import type { SimulationOptions } from './simulation-options.js';

/**
 * Bumped whenever what a snapshot holds, or what its key means, changes in a way talos-sim's build identity does not
 * say (2: a scenario file stands for its UTF-8 text, no longer its bytes read as latin1).
 */
const SNAPSHOT_FORMAT = 2;

/**
 * The key of the cluster the options would boot for this command: all that determines it, as text. Undefined when
 * it has no snapshot (see above). Errors in the options are left to the command, which reports them as it would
 * without snapshots.
 */
export function snapshotKey(opts: SimulationOptions, ctx: CliContext): string | undefined {
  return keyOfScenario(opts, ctx, (scenario) =>
    // a file stands for its text as the scenario reader decodes it
    Buffer.from(readRegularFile(resolve(ctx.cwd, scenario), { maxBytes: INPUT_LIMITS.scenarioBytes })).toString('utf8'),
  );
}

/**
 * The key of a cluster booted for this command from a scenario file whose text was `source` when the boot read it
 * (the file may hold another text by now); the key of its scenario object otherwise.
 */
function bootedKey(opts: SimulationOptions, ctx: CliContext, source: string | undefined): string | undefined {
  return keyOfScenario(opts, ctx, (file) => {
    if (source === undefined) throw new Error(`${file} was not read`);
    return source;
  });
}

function keyOfScenario(opts: SimulationOptions, ctx: CliContext, textOf: (file: string) => string): string | undefined {
  if (ctx.cluster !== undefined || ctx.clock !== undefined || ctx.bootAssetCache === undefined) return undefined;
  if (opts.cache === false || (ctx.bootAssetCache === 'default' && !isBundled())) return undefined;
  try {
    if (keptClusterName(opts, ctx) !== undefined) return undefined;
    const scenario = selectScenario(opts, ctx);
    // the default and `--talos` stand for their object
    const text = typeof scenario === 'string' ? textOf(scenario) : JSON.stringify(scenario);
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

/** The cache snapshots live in, when the command may use one. */
function snapshotCache(ctx: CliContext): ClusterSnapshotCache | undefined {
  const directory = bootAssetCacheDirectory(ctx);
  return directory === undefined ? undefined : new ClusterSnapshotCache({ directory });
}

/** The snapshot kept under `key` (snapshotKey's) in the command's cache, if there is one. */
export function readSnapshot(key: string, ctx: CliContext): ClusterSnapshot | undefined {
  return snapshotCache(ctx)?.get(key);
}

/**
 * Keeps the snapshot of a cluster booted for this command, taken before the command changes anything, under the key
 * worked out before it booted (`keyBefore`). The cluster's own key is worked out from the text its boot read: a
 * scenario file that changed in between (even back again by now) gives another, and then nothing is kept.
 */
export async function keepSnapshot(
  opts: SimulationOptions,
  ctx: CliContext,
  selected: SimulatedCluster,
  keyBefore: string | undefined,
): Promise<void> {
  // only a cluster booted for the command has a plan
  const { plan } = selected;
  if (plan === undefined || plan.readsFiles || keyBefore === undefined) return;
  if (bootedKey(opts, ctx, plan.source) !== keyBefore) return;
  await snapshotCache(ctx)?.keep(keyBefore, selected.cluster);
}
