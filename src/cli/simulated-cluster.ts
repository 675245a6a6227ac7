// The cluster a `sim` invocation talks to: a running one (`cluster.run`), a kept one (`--cluster <name>` or
// $SIM_CLUSTER: booted and caught up from its state), or one booted for this command from the embedded default
// scenario, the YAML scenario of `--scenario` (or $SIM_SCENARIO), or stock nodes of a release (`--talos`). `-n`
// selects nodes of that cluster; an address that is not in it is an error, not a new node.
import { stringify } from 'yaml';
import { clusterFromPlan, pinnedOperation } from '../cluster/index.js';
import { MAX_TIME_MS } from '../cosi/index.js';
import {
  applyOperation,
  BootAssetCache,
  type Cluster,
  type ClusterOperation,
  type ClusterOptions,
  type ClusterPlan,
  cachingBuilder,
  clustersDirectory,
  isKeptClusterError,
  KeptClusters,
  type OperationResult,
  parseRfc3339,
  readScenario,
  runUntilQuiet,
  type ScenarioInput,
  type TalosNode,
} from '../index.js';
import { bootAssetCacheDirectory } from './booted-snapshots.js';
import { buildIdentity } from './build-identity.js';
import { type CliContext, CliExit } from './cli-context.js';
import { keptClusterName, nodeAddresses, selectScenario } from './scenario-selection.js';
import type { SimulationOptions } from './simulation-options.js';

export interface SimulatedCluster {
  readonly cluster: Cluster;
  /** The nodes the command talks to: those of `-n`, or all of them. */
  readonly nodes: readonly TalosNode[];
  /** Whether the command booted the cluster for itself (it then drives its time). */
  readonly owned: boolean;
  /**
   * While a command follows until its signal (`get -w`, `dmesg -f`): `follow`, virtual time follows wall time (a
   * cluster booted for the command, or a kept one whose clock is not pinned); `hold`, time stands still (a pinned
   * kept cluster); `given`, the cluster is an embedder's, whose time and process are the embedder's.
   */
  readonly wallTime: 'follow' | 'hold' | 'given';
  /** Carries out an operation that changes the cluster, so a kept cluster's journal records it. */
  change(operation: ClusterOperation): Promise<OperationResult>;
  /** A kept cluster: lets other commands use it while this one only follows (it changes nothing more). */
  readonly detach?: () => void;
  /** A kept cluster, once detached: carries out what other commands journal meanwhile, until the signal. */
  readonly followJournal?: (signal: AbortSignal) => Promise<void>;
  /** A cluster booted for the command: the scenario it was booted from, as read. */
  readonly plan?: ClusterPlan;
}

/** The selected scenario as YAML text (for kept clusters, which store it). */
export function scenarioText(scenario: ScenarioInput): string {
  return typeof scenario === 'string' ? scenario : stringify(scenario);
}

/** `--clock`, else SOURCE_DATE_EPOCH (seconds), as the virtual time at boot; undefined: the scenario's. */
export function bootTime(opts: { readonly clock?: string }, ctx: CliContext): number | undefined {
  if (opts.clock !== undefined) {
    const ms = parseRfc3339(opts.clock);
    if (ms === undefined) {
      throw new CliExit(`--clock: ${JSON.stringify(opts.clock)} is not an RFC 3339 time such as 2024-08-09T03:07:41Z`);
    }
    return ms;
  }
  const epoch = ctx.env.SOURCE_DATE_EPOCH;
  if (epoch === undefined || epoch === '') return undefined;
  if (!/^\d+$/.test(epoch) || !(Number(epoch) * 1000 <= MAX_TIME_MS)) {
    throw new CliExit(`SOURCE_DATE_EPOCH: ${JSON.stringify(epoch)} is not a number of seconds within a Date's range`);
  }
  return Number(epoch) * 1000;
}

/** Options every cluster this command boots gets: the working directory, the clock, the boot-asset cache. */
export function clusterOptions(opts: SimulationOptions, ctx: CliContext): ClusterOptions {
  const cache = opts.cache === false ? undefined : bootAssetCache(ctx);
  const startTime = bootTime(opts, ctx);
  return {
    cwd: ctx.cwd,
    ...(ctx.clock ? { clock: ctx.clock } : {}),
    ...(startTime === undefined ? {} : { startTime }),
    ...(cache ? { buildBootAsset: cachingBuilder(cache) } : {}),
  };
}

export function keptClusters(ctx: CliContext): KeptClusters {
  return new KeptClusters(
    clustersDirectory(ctx.env),
    ctx.keptStateBytes === undefined ? {} : { maxStateBytes: ctx.keptStateBytes },
  );
}

/** Runs `work` against the cluster the options select, then releases it (a booted one is shut down). */
export async function withCluster<T>(
  opts: SimulationOptions,
  ctx: CliContext,
  work: (selected: SimulatedCluster) => Promise<T>,
): Promise<T> {
  const addresses = nodeAddresses(opts);
  const pick = (cluster: Cluster): readonly TalosNode[] => {
    try {
      return addresses === undefined ? cluster.nodes : cluster.select(addresses);
    } catch (err) {
      throw new CliExit((err as Error).message);
    }
  };
  const kept = keptClusterName(opts, ctx);
  const booting = opts.scenario !== undefined || opts.talos !== undefined;
  if (ctx.cluster !== undefined || kept !== undefined) {
    if (booting) {
      throw new CliExit('--scenario and --talos select a cluster to boot: this command runs against a running one');
    }
    if (opts.clock !== undefined) {
      throw new CliExit('--clock sets the time a cluster boots at: this command runs against a running one');
    }
  }
  const given = ctx.cluster;
  if (given !== undefined) {
    return work({
      cluster: given,
      nodes: pick(given),
      owned: false,
      wallTime: 'given',
      change: (op) => applyOperation(given, pinnedOperation(op)),
    });
  }
  if (kept !== undefined) {
    try {
      return await keptClusters(ctx).use(
        kept,
        () => Date.now(),
        clusterOptions(opts, ctx),
        ({ cluster, record, followsWallTime, detach, followJournal }) =>
          work({
            cluster,
            nodes: pick(cluster),
            owned: false,
            wallTime: followsWallTime ? 'follow' : 'hold',
            change: record,
            detach,
            followJournal,
          }),
        ctx.signal,
      );
    } catch (err) {
      if (err instanceof CliExit) throw err;
      // Ctrl-C before a follower followed ends it as Ctrl-C while it follows does: quietly, status 0
      if (isKeptClusterError(err) && err.kind === 'interrupted') throw new CliExit('', 0);
      throw new CliExit((err as Error).message);
    }
  }
  let cluster: Cluster;
  let plan: ClusterPlan;
  try {
    const options = clusterOptions(opts, ctx);
    const read = readScenario(selectScenario(opts, ctx), options);
    plan = read.plan;
    cluster = await clusterFromPlan(read.plan, read.catalog, options);
  } catch (err) {
    throw new CliExit((err as Error).message);
  }
  try {
    return await work({
      cluster,
      nodes: pick(cluster),
      owned: true,
      wallTime: 'follow',
      change: (op) => applyOperation(cluster, pinnedOperation(op)),
      plan,
    });
  } finally {
    await cluster.shutdown();
  }
}

function bootAssetCache(ctx: CliContext): BootAssetCache | undefined {
  const directory = bootAssetCacheDirectory(ctx);
  return directory === undefined ? undefined : new BootAssetCache({ directory, version: buildIdentity() });
}

/** Boots (or joins) the cluster, lets a booted one settle in virtual time, then runs `work`. */
export function withSettledCluster<T>(
  opts: SimulationOptions,
  ctx: CliContext,
  work: (selected: SimulatedCluster) => Promise<T>,
): Promise<T> {
  return withCluster(opts, ctx, async (selected) => {
    if (selected.owned) await runUntilQuiet(selected.cluster);
    return work(selected);
  });
}

/**
 * Lives until `signal` aborts, as a command that follows a cluster does: moving its virtual time with wall time, or
 * keeping the process alive with time still; an embedder's cluster is left as it is. A kept cluster's follower also
 * carries out what other commands journal meanwhile; the promise rejects when that fails (the cluster destroyed).
 */
export function liveUntil(selected: SimulatedCluster, signal: AbortSignal): Promise<void> {
  // a follower of a kept cluster holds its own replay: the cluster's lock is not needed while it watches
  selected.detach?.();
  const journal = selected.followJournal?.(signal) ?? Promise.resolve();
  return Promise.all([journal, clockUntil(selected, signal)]).then(() => {});
}

function clockUntil(selected: SimulatedCluster, signal: AbortSignal): Promise<void> {
  if (selected.wallTime === 'follow') return selected.cluster.followWallTime(signal);
  if (selected.wallTime === 'given' || signal.aborted) return Promise.resolve();
  return new Promise((resolve) => {
    const alive = setInterval(() => {}, 1 << 30);
    signal.addEventListener(
      'abort',
      () => {
        clearInterval(alive);
        resolve();
      },
      { once: true },
    );
  });
}
