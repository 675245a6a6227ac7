// createCluster: a scenario (an object, YAML text, or the path of a YAML file) in, a booted cluster out. The boot
// assets are built once per distinct install (nodes that share one share its media too), every node runs on the
// cluster's clock (virtual, at the scenario's `clock:`, by default), and a failed boot leaves nothing running.
import { existsSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { type Clock, type Logger, MAX_TIME_MS, type Random, seededRandom, VirtualClock } from '../cosi/index.js';
import { createDefaultCatalog, type ExtensionsCatalog, INPUT_LIMITS } from '../extensions/index.js';
import {
  type BootAsset,
  ImagerError,
  isImagerError,
  type LayerSquasher,
  officialExtensionReferences,
} from '../imager/index.js';
import {
  buildInstallAsset,
  createNode,
  type NodeInstallerOptions,
  type NodeServicesOptions,
  type TalosNode,
} from '../node/index.js';
import { isSafeFsError, readRegularFile } from '../safe-fs/index.js';
import { Cluster } from './cluster.js';
import { ClusterError } from './cluster-error.js';
import { type ClusterPlan, type PlannedNode, planCluster } from './cluster-plan.js';
import { type Located, locatedObject, locatedYaml, YamlSyntaxError } from './located-yaml.js';
import type { ScenarioSpec } from './scenario.js';
import { ScenarioError } from './scenario-error.js';
import { shortened } from './scenario-reader.js';
import type { OfficialCheck, OfficialProblem } from './scenario-steps.js';

/** The largest scenario file read (INPUT_LIMITS.scenarioBytes); a fleet of thousands of nodes stays far below it. */
export const MAX_SCENARIO_BYTES = INPUT_LIMITS.scenarioBytes;

export interface ClusterOptions {
  /** The clock of every node. Default: a VirtualClock at `startTime`, else the scenario's `clock:`, else VIRTUAL_CLOCK_EPOCH. */
  readonly clock?: Clock;
  /** Virtual time at boot (ms since the epoch), over the scenario's `clock:` (`sim --clock`, SOURCE_DATE_EPOCH). */
  readonly startTime?: number;
  /** Seed of the nodes' random sources (node i gets seed + i). Default 0. */
  readonly seed?: number;
  /** Relative paths of an object or YAML-text scenario are resolved against it. Default: process.cwd(). */
  readonly cwd?: string;
  /** The name errors give YAML text (default `<scenario>`); a path names itself. */
  readonly file?: string;
  /** Official extensions and the registry the scenario's images join. Default: a fresh default catalog. */
  readonly catalog?: ExtensionsCatalog;
  /** Squashes the boot assets' layers. Default: the imager's (talos-sim's squashfs writer). */
  readonly squasher?: LayerSquasher;
  /** Builds (or fetches from a cache) a boot asset; default: buildInstallAsset. */
  readonly buildBootAsset?: typeof buildInstallAsset;
  /** Receives every node's log lines too. */
  readonly logger?: Logger;
  /** The imager's progress lines of each build. */
  readonly onImagerLine?: (line: string) => void;
  /** Boot the nodes (default true); false leaves them created, to boot with `cluster.boot()`. */
  readonly boot?: boolean;
  /**
   * Services of every node: programs by entrypoint, behaviours (a scenario's `services:` wins for its services),
   * strictConfig.
   */
  readonly services?: NodeServicesOptions;
}

/** A scenario as given to createCluster: an object, or YAML text, or the path of a YAML file. */
export type ScenarioInput = ScenarioSpec | string;

/** Reads a scenario without building anything: what the CLI and tests use to report errors early. */
export function readScenario(
  scenario: ScenarioInput,
  options: Pick<ClusterOptions, 'cwd' | 'file' | 'catalog'> = {},
): { plan: ClusterPlan; catalog: ExtensionsCatalog } {
  const cwd = options.cwd ?? process.cwd();
  let located: Located;
  let file = options.file;
  let baseDir = cwd;
  let source: string | undefined;
  if (typeof scenario === 'string') {
    const path = scenarioPath(scenario, cwd);
    let text = scenario;
    if (path !== undefined) {
      file = options.file ?? scenario;
      baseDir = dirname(path);
      text = readScenarioFile(path, file);
    }
    file ??= '<scenario>';
    source = text;
    try {
      located = locatedYaml(text);
    } catch (err) {
      if (!(err instanceof YamlSyntaxError)) throw err;
      throw new ScenarioError({ file, line: err.line, key: '', reason: err.reason, cause: err });
    }
  } else {
    located = locatedObject(scenario);
  }
  const catalog = options.catalog ?? createDefaultCatalog();
  const inCatalog = (ref: string): boolean => {
    try {
      catalog.registry.resolve(ref);
      return true;
    } catch {
      return false;
    }
  };
  // nodes of a fleet share their list and release: Image Factory's answer is worked out once per pair
  const answers = new Map<string, OfficialProblem | undefined>();
  const officialProblem: OfficialCheck = (names, talosVersion) => {
    const key = JSON.stringify([talosVersion, names]);
    if (!answers.has(key)) answers.set(key, factoryProblem(names, talosVersion));
    return answers.get(key);
  };
  const factoryProblem = (names: readonly string[], talosVersion: string): OfficialProblem | undefined => {
    const schematic = { customization: { systemExtensions: { officialExtensions: [...names] } } };
    try {
      officialExtensionReferences(schematic, talosVersion, catalog);
      return undefined;
    } catch (err) {
      if (!isImagerError(err)) throw err;
      const { detail } = err;
      if (detail.kind !== 'official-extension-unavailable') return { index: -1, reason: err.message };
      const shown = new ImagerError({ ...detail, name: shortened(detail.name) });
      return { index: names.indexOf(detail.name), reason: shown.message };
    }
  };
  const planned = planCluster(located, { file, baseDir, inCatalog, officialProblem });
  const plan = source === undefined ? planned : { ...planned, source };
  for (const image of plan.images) catalog.registry.push(image.ref, image.image);
  return { plan, catalog };
}

/** Builds the scenario's boot assets, creates its nodes on one clock and boots them (all or nothing). */
export async function createCluster(scenario: ScenarioInput = {}, options: ClusterOptions = {}): Promise<Cluster> {
  const { plan, catalog } = readScenario(scenario, options);
  return clusterFromPlan(plan, catalog, options);
}

/** The cluster a read scenario describes (its images already in the catalog's registry). */
export async function clusterFromPlan(
  plan: ClusterPlan,
  catalog: ExtensionsCatalog,
  options: ClusterOptions = {},
): Promise<Cluster> {
  const { startTime } = options;
  if (startTime !== undefined && !(Math.abs(startTime) <= MAX_TIME_MS)) {
    throw new ClusterError({ kind: 'invalid-start-time', input: startTime });
  }
  const clock = options.clock ?? new VirtualClock(startTime ?? plan.clock);
  const installer: NodeInstallerOptions = {
    registry: catalog.registry,
    catalog,
    cwd: plan.baseDir,
    ...(options.squasher ? { squasher: options.squasher } : {}),
    ...(options.onImagerLine ? { onLine: options.onImagerLine } : {}),
  };
  const build = options.buildBootAsset ?? buildInstallAsset;
  const assets = new Map<string, Promise<BootAsset>>();
  const nodes: TalosNode[] = [];
  const seed = options.seed ?? 0;
  try {
    for (const [i, planned] of plan.nodes.entries()) {
      const key = installKey(planned);
      let asset = assets.get(key);
      if (asset === undefined) {
        asset = build(planned.install, planned.config, installer);
        assets.set(key, asset);
      }
      let bootAsset: BootAsset;
      try {
        bootAsset = await asset;
      } catch (err) {
        throw new ClusterError({ kind: 'install-failed', address: planned.address, cause: err as Error });
      }
      nodes.push(
        await createNode({
          address: planned.address,
          clock,
          random: nodeRandom(seed, i),
          bootAsset,
          extensions: planned.install.extensions,
          ...(planned.install.officialExtensions ? { officialExtensions: planned.install.officialExtensions } : {}),
          ...(planned.config ? { machineConfig: planned.config } : {}),
          ...(options.logger ? { logger: options.logger.with({ node: planned.address }) } : {}),
          ...servicesOf(options.services, planned.services),
          installer,
        }),
      );
      const readiness = nodes.at(-1)?.services.readiness;
      if (planned.hold?.network === true) readiness?.holdNetwork();
      if (planned.hold?.time === true) readiness?.setTimeSynced(false);
    }
  } catch (err) {
    // nodes created so far hold shared boot media: release them
    for (const node of nodes) await node.shutdown();
    throw err;
  }
  const cluster = new Cluster(clock, nodes);
  if (options.boot !== false) await cluster.boot();
  return cluster;
}

/** The services options of a node: the cluster's, with the scenario's behaviours over them. */
function servicesOf(
  cluster: NodeServicesOptions | undefined,
  scenario: NodeServicesOptions | undefined,
): { services?: NodeServicesOptions } {
  if (cluster === undefined && scenario === undefined) return {};
  return {
    services: { ...cluster, behaviours: { ...cluster?.behaviours, ...scenario?.behaviours } },
  };
}

function nodeRandom(seed: number, index: number): Random {
  return seededRandom((seed + index) >>> 0);
}

/** Nodes with the same install and the same legacy install config boot the same asset. */
function installKey(node: PlannedNode): string {
  const extensions = node.install.extensions.map((e) =>
    typeof e === 'string' ? e : 'reference' in e ? e.reference : 'label' in e ? `${e.label}` : '?',
  );
  return JSON.stringify([
    node.install.talosVersion,
    extensions,
    node.install.officialExtensions ?? null,
    node.config?.text ?? null,
  ]);
}

/** The path a string scenario names, if something exists there (whatever its name holds); YAML text otherwise. */
function scenarioPath(input: string, cwd: string): string | undefined {
  // empty text is an empty scenario (every default), as whitespace is, never the working directory
  if (input.trim() === '') return undefined;
  const path = resolve(cwd, input);
  if (existsSync(path)) return path;
  if (input.includes('\n')) return undefined;
  if (/\.ya?ml$/i.test(input)) {
    throw new ScenarioError({ file: input, line: undefined, key: '', reason: 'no such file or directory' });
  }
  return undefined;
}

/**
 * A scenario file's text (UTF-8): a regular file (a FIFO or a device is refused, not read) within its size limit, or
 * a ScenarioError naming it.
 */
function readScenarioFile(path: string, file: string): string {
  try {
    return Buffer.from(readRegularFile(path, { maxBytes: MAX_SCENARIO_BYTES })).toString('utf8');
  } catch (err) {
    if (!isSafeFsError(err)) throw err;
    throw new ScenarioError({ file, line: undefined, key: '', reason: err.message, cause: err });
  }
}
