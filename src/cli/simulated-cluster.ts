// The cluster a `sim` invocation talks to, booted in-process: the embedded default scenario, or the YAML scenario of
// `--scenario` (or $SIM_SCENARIO), or stock nodes of a release with `--talos`. `-n` selects nodes of that cluster;
// an address that is not in it is an error, not a new node.
import { defaultScenario } from '../../scenarios/default.js';
import {
  BootAssetCache,
  type Cluster,
  cachingBuilder,
  createCluster,
  defaultBootAssetCacheDirectory,
  parseRfc3339,
  type ScenarioInput,
  type TalosNode,
} from '../index.js';
import { buildIdentity } from './build-identity.js';
import { type CliContext, CliExit } from './cli-context.js';
import type { SimulationOptions } from './simulation-options.js';

export interface SimulatedCluster {
  readonly cluster: Cluster;
  /** The nodes the command talks to: those of `-n`, or all of them. */
  readonly nodes: readonly TalosNode[];
  /** Whether the command booted the cluster (and so drives its time and shuts it down). */
  readonly owned: boolean;
  /** Shuts down a cluster the command booted; leaves a given one running. */
  release(): Promise<void>;
}

/** The scenario the options select; bad combinations are a CliExit before anything boots. */
export function selectScenario(opts: SimulationOptions, ctx: CliContext): ScenarioInput {
  const file = opts.scenario ?? ctx.env.SIM_SCENARIO;
  if (file !== undefined && file !== '') {
    if (opts.talos !== undefined)
      throw new CliExit('--talos and --scenario cannot be used together: set talos in the scenario');
    return file;
  }
  return opts.talos === undefined ? defaultScenario : { version: 'v1alpha1', talos: opts.talos };
}

/** `--clock`, else SOURCE_DATE_EPOCH (seconds), as the virtual time at boot; undefined: the scenario's. */
export function bootTime(opts: { readonly clock?: string }, ctx: CliContext): number | undefined {
  if (opts.clock !== undefined) {
    const ms = parseRfc3339(opts.clock);
    if (ms === undefined)
      throw new CliExit(`--clock: ${JSON.stringify(opts.clock)} is not an RFC 3339 time such as 2024-08-09T03:07:41Z`);
    return ms;
  }
  const epoch = ctx.env.SOURCE_DATE_EPOCH;
  if (epoch === undefined || epoch === '') return undefined;
  if (!/^\d+$/.test(epoch)) throw new CliExit(`SOURCE_DATE_EPOCH: ${JSON.stringify(epoch)} is not a number of seconds`);
  return Number(epoch) * 1000;
}

/** The addresses of `-n` (comma-separated or repeated); undefined without the flag. */
function nodeAddresses(opts: SimulationOptions): string[] | undefined {
  const addresses = opts.nodes?.flatMap((n) => n.split(','));
  if (addresses?.some((a) => a.trim() === '')) throw new CliExit('-n/--nodes: empty node address');
  return addresses?.map((a) => a.trim());
}

/** Boots the selected scenario and picks the nodes of `-n`; the caller shuts the cluster down. */
export async function bootCluster(opts: SimulationOptions, ctx: CliContext): Promise<SimulatedCluster> {
  const addresses = nodeAddresses(opts);
  const given = ctx.cluster;
  if (given !== undefined) {
    if (opts.scenario !== undefined || opts.talos !== undefined) {
      throw new CliExit('--scenario and --talos select a cluster to boot: this command runs against a running one');
    }
    try {
      const nodes = addresses === undefined ? given.nodes : given.select(addresses);
      return { cluster: given, nodes, owned: false, release: async () => {} };
    } catch (err) {
      throw new CliExit((err as Error).message);
    }
  }
  const scenario = selectScenario(opts, ctx);
  let cluster: Cluster;
  try {
    const cache = opts.cache === false ? undefined : bootAssetCache(ctx);
    const startTime = bootTime(opts, ctx);
    cluster = await createCluster(scenario, {
      cwd: ctx.cwd,
      ...(ctx.clock ? { clock: ctx.clock } : {}),
      ...(startTime === undefined ? {} : { startTime }),
      ...(cache ? { buildBootAsset: cachingBuilder(cache) } : {}),
    });
  } catch (err) {
    throw new CliExit((err as Error).message);
  }
  try {
    const nodes = addresses === undefined ? cluster.nodes : cluster.select(addresses);
    return { cluster, nodes, owned: true, release: () => cluster.shutdown() };
  } catch (err) {
    await cluster.shutdown();
    throw new CliExit((err as Error).message);
  }
}

function bootAssetCache(ctx: CliContext): BootAssetCache | undefined {
  const where = ctx.bootAssetCache;
  if (where === undefined) return undefined;
  const directory = where === 'default' ? defaultBootAssetCacheDirectory(ctx.env) : where.directory;
  return new BootAssetCache({ directory, version: buildIdentity() });
}
