// A scenario read into what the cluster needs: the virtual time at boot, the images its registry holds besides the
// catalog, and per node its address, install (release and extensions) and machine config. Every problem is a
// ScenarioError with file, line and key.
import { MAX_TIME_MS, VIRTUAL_CLOCK_EPOCH } from '../cosi/index.js';
import { classifyImageArgument, DEFAULT_TALOS_VERSION, type FsTree, readImage } from '../extensions/index.js';
import { goQuote } from '../gofmt/index.js';
import { type ExtensionInput, installExtensionImages } from '../imager/index.js';
import {
  type MachineConfig,
  MachineConfigError,
  parseMachineConfig,
  validateMachineConfig,
} from '../machine-config/index.js';
import {
  DEFAULT_NODE_ADDRESS,
  InstallSpecError,
  installPath,
  type NodeInstallSpec,
  type NodeServicesOptions,
} from '../node/index.js';
import type { Located, ValuePath } from './located-yaml.js';
import { canonicalNodeAddress, nodeAddressProblem } from './node-address.js';
import { parseRfc3339 } from './rfc3339.js';
import { SCENARIO_VERSION } from './scenario.js';
import { canonicalReference, checkImageLoads, readImages } from './scenario-images.js';
import { describe, ScenarioReader, shortened } from './scenario-reader.js';
import { type PlannedHold, readHold, readServiceBehaviours, type ScenarioPlace } from './scenario-services.js';
import { type OfficialCheck, officialProblemPath, readSteps, type ScenarioStep } from './scenario-steps.js';
import { knownTalosRelease, readTalosVersion } from './talos-release.js';

export interface PlannedImage {
  readonly ref: string;
  readonly image: FsTree;
  /** Read from this path (a directory, OCI layout or tarball); absent for an inline image. */
  readonly path?: string;
}

export interface PlannedNode {
  readonly address: string;
  readonly install: NodeInstallSpec;
  readonly config: MachineConfig | undefined;
  /** Behaviours of its services (`services:`). */
  readonly services?: NodeServicesOptions;
  /** Where each behaviour of `services:` is given, by its name as written. */
  readonly servicePlaces?: Readonly<Record<string, ScenarioPlace>>;
  /** Readiness held back from boot on (`hold:`). */
  readonly hold?: PlannedHold;
}

export interface ClusterPlan {
  /** Virtual time at boot, ms since the epoch. */
  readonly clock: number;
  readonly images: readonly PlannedImage[];
  readonly nodes: readonly PlannedNode[];
  /** What the scenario script does after boot (run by runScenario and `sim scenario run`). */
  readonly steps: readonly ScenarioStep[];
  /** Where relative paths of the scenario resolve (its file's directory). */
  readonly baseDir: string;
  /**
   * Whether reading the scenario or booting its nodes depends on files besides the scenario, whose contents (or
   * absence) its text does not say: an image by `path:`, an extension given as a path or named by a reference not in
   * `images:` (looked up as a path first), a step's expectation kept in a file.
   */
  readonly readsFiles: boolean;
  /**
   * The YAML text the plan was read from (a scenario given as text, or the file's contents as read): what the cluster
   * was booted from, whatever the file holds by now. Undefined for a scenario object.
   */
  readonly source?: string;
}

export interface PlanOptions {
  /** The file name errors name (undefined for scenario objects). */
  readonly file: string | undefined;
  /** Relative image paths are resolved against it. */
  readonly baseDir: string;
  /** Whether the built-in catalog holds a reference (images not in `images:` must be there). */
  readonly inCatalog: (reference: string) => boolean;
  /** Why Image Factory would refuse these official extensions on a release, if it would (checked before building). */
  readonly officialProblem?: OfficialCheck;
}

/** The keys a scenario's top level takes (the node keys are defaults of every node). */
export const SCENARIO_KEYS = [
  'version',
  'clock',
  'images',
  'talos',
  'extensions',
  'officialExtensions',
  'config',
  'services',
  'hold',
  'nodes',
  'steps',
];
/** The keys a node of `nodes:` takes. */
/**
 * The most nodes a scenario may list: the fleet size talos-sim is measured at (bench/RESULTS.md), about 2 GiB of
 * heap. Far more would exhaust Node's default heap (~4 GiB) and end the process without a word.
 */
export const MAX_SCENARIO_NODES = 10_000;

export const NODE_KEYS = ['address', 'talos', 'extensions', 'officialExtensions', 'config', 'services', 'hold'];

export function planCluster(located: Located, options: PlanOptions): ClusterPlan {
  const r = new ScenarioReader(located, options.file);
  r.mapping([], SCENARIO_KEYS);
  const version = r.string(['version']);
  if (version !== undefined && version !== SCENARIO_VERSION) {
    r.fail(['version'], `unknown scenario version ${goQuote(version)} (this release reads ${SCENARIO_VERSION})`);
  }
  const images = readImages(r, options.baseDir);
  const defined = new Set(images.map((i) => canonicalReference(i.ref)));
  const rawNodes = r.list(['nodes']);
  if (rawNodes !== undefined && rawNodes.length === 0) r.fail(['nodes'], 'a cluster needs at least one node');
  if (rawNodes !== undefined && rawNodes.length > MAX_SCENARIO_NODES) {
    r.fail(['nodes'], `a cluster has at most ${MAX_SCENARIO_NODES} nodes, got ${rawNodes.length}`);
  }
  const entries: readonly unknown[] = rawNodes ?? [DEFAULT_NODE_ADDRESS];
  const seen = new Map<string, number>();
  const nodes = entries.map((_, i): PlannedNode => {
    const path: ValuePath = rawNodes === undefined ? [] : ['nodes', i];
    const item = rawNodes === undefined ? DEFAULT_NODE_ADDRESS : r.at(path);
    if (
      typeof item !== 'string' &&
      (item === null || typeof item !== 'object' || Array.isArray(item) || item instanceof Date)
    ) {
      r.fail(path, `expected a mapping or an address, got ${describe(item)}`);
    }
    const own = typeof item === 'string' ? {} : (r.mapping(path, NODE_KEYS) ?? {});
    const address = typeof item === 'string' ? item : r.requiredString([...path, 'address']);
    const addressPath = typeof item === 'string' ? path : [...path, 'address'];
    const problem = nodeAddressProblem(address);
    if (problem !== undefined) r.fail(addressPath, `invalid node address ${goQuote(shortened(address))}: ${problem}`);
    const first = seen.get(canonicalNodeAddress(address));
    if (first !== undefined) {
      r.fail(addressPath, `duplicate node address ${goQuote(shortened(address))} (nodes[${first}])`);
    }
    seen.set(canonicalNodeAddress(address), i);
    // a node's own key wins over the top-level default of the same name
    const from = (key: string): ValuePath => (key in own ? [...path, key] : [key]);
    return planNode(r, address, from, defined, options, rawNodes !== undefined);
  });
  const steps = readSteps(r, {
    addresses: new Set(nodes.map((n) => canonicalNodeAddress(n.address))),
    baseDir: options.baseDir,
    extensionInput: (arg, path) => extensionInput(r, arg, path, defined, options),
    releases: new Map(nodes.map((n) => [canonicalNodeAddress(n.address), n.install.talosVersion])),
    ...(options.officialProblem === undefined ? {} : { officialProblem: options.officialProblem }),
  });
  const readsFiles =
    images.some((i) => i.path !== undefined) ||
    nodes.some((n) => n.install.extensions.some(looksAtFiles)) ||
    steps.some(
      (step) =>
        (step.kind === 'upgrade' && (step.extensions ?? []).some(looksAtFiles)) ||
        (step.kind === 'run' && (step.expect.stdout?.kind === 'file' || step.expect.stderr?.kind === 'file')),
    );
  return { clock: readClock(r), images, nodes, steps, baseDir: options.baseDir, readsFiles };
}

/**
 * Whether installing an extension input looks at files: a path does, and so does a name (a string), which names a path
 * when one exists there (a catalog reference is one, until a directory of that name is made). An image of `images:`
 * is pinned by reference and looks at nothing.
 */
function looksAtFiles(input: ExtensionInput): boolean {
  return typeof input === 'string' || 'source' in input;
}

function planNode(
  r: ScenarioReader,
  address: string,
  from: (key: string) => ValuePath,
  defined: ReadonlySet<string>,
  options: PlanOptions,
  listed: boolean,
): PlannedNode {
  // a top-level default that one node of the list cannot take: the message names that node
  const forNode = (at: ValuePath, reason: string): string =>
    listed && at[0] !== 'nodes' ? `${reason} (for node ${address})` : reason;
  const talosPath = from('talos');
  const talos = readTalosVersion(r, talosPath) ?? DEFAULT_TALOS_VERSION;
  const facts = knownTalosRelease(talos) ?? r.fail(talosPath, `unknown Talos version ${goQuote(shortened(talos))}`);
  const extensionsPath = from('extensions');
  const extensions = (r.strings(extensionsPath) ?? []).map((arg, j) =>
    extensionInput(r, arg, [...extensionsPath, j], defined, options),
  );
  const officialPath = from('officialExtensions');
  const officialExtensions = r.strings(officialPath);
  const configPath = from('config');
  const configText = r.string(configPath);
  let config: MachineConfig | undefined;
  let legacy: string[] = [];
  if (configText !== undefined) {
    try {
      config = parseMachineConfig(configText, { talosVersion: facts.version });
      // the config an installed node boots with went through the same validation as an applied one
      const { errors, warnings } = validateMachineConfig(config, facts.version);
      if (errors.length > 0) throw MachineConfigError.validation(errors, warnings);
      legacy = installExtensionImages(configText);
    } catch (err) {
      r.fail(configPath, (err as Error).message.trimEnd(), err as Error);
    }
  }
  for (const [j, image] of legacy.entries()) {
    if (!defined.has(canonicalReference(image)) && !options.inCatalog(image)) {
      r.fail(
        configPath,
        `.machine.install.extensions[${j}]: image ${goQuote(image)} is not in images: nor in the catalog`,
      );
    }
  }
  const install: NodeInstallSpec = { talosVersion: facts.version, extensions, officialExtensions };
  try {
    // a real node of such a release boots without them; a scenario that names them means something else
    if (legacy.length > 0 && facts.installExtensions === 'ignored') {
      throw new InstallSpecError({ kind: 'legacy-ignored', talosVersion: facts.version });
    }
    installPath(install, facts, legacy);
  } catch (err) {
    const at = legacy.length > 0 ? configPath : extensions.length > 0 ? extensionsPath : officialPath;
    r.fail(at, forNode(at, (err as Error).message), err as Error);
  }
  if (officialExtensions !== undefined && officialExtensions.length > 0) {
    const problem = options.officialProblem?.(officialExtensions, facts.version);
    if (problem !== undefined)
      r.fail(officialProblemPath(officialPath, problem), forNode(officialPath, problem.reason));
  }
  const services = readServiceBehaviours(r, from('services'));
  const hold = readHold(r, from('hold'));
  return {
    address,
    install,
    config,
    ...(services === undefined
      ? {}
      : { services: { behaviours: services.behaviours ?? {} }, servicePlaces: services.places }),
    ...(hold === undefined ? {} : { hold }),
  };
}

/** The extension paths one reading of a scenario has loaded already. */
const checkedPaths = new WeakMap<ScenarioReader, Set<string>>();

/** An extension of a node: a path (relative to the scenario), or a reference defined in images: or the catalog. */
function extensionInput(
  r: ScenarioReader,
  arg: string,
  path: ValuePath,
  defined: ReadonlySet<string>,
  options: PlanOptions,
): ExtensionInput {
  // pinned by reference: the installer looks a string up as a path first, and a directory of that name made next
  // to the scenario would replace the image the scenario defines
  if (defined.has(canonicalReference(arg))) return { reference: arg };
  let named: ReturnType<typeof classifyImageArgument>;
  try {
    named = classifyImageArgument(arg, options.baseDir);
  } catch (err) {
    return r.fail(path, (err as Error).message, err as Error);
  }
  if (named.kind === 'path') {
    // loaded now, as an image of images: is, so a broken one is named where the scenario gives it (once per path: a
    // thousand nodes may name it); the installer reads it again when it builds (the cache keys the files)
    const loaded = checkedPaths.get(r) ?? new Set<string>();
    checkedPaths.set(r, loaded);
    const where = 'path' in named.source ? named.source.path : undefined;
    if (where === undefined || !loaded.has(where)) {
      let image: FsTree;
      try {
        image = readImage(named.source);
      } catch (err) {
        return r.fail(path, (err as Error).message, err as Error);
      }
      checkImageLoads(r, image, path);
      if (where !== undefined) loaded.add(where);
    }
    return { source: named.source, label: arg };
  }
  if (!options.inCatalog(named.reference)) {
    r.fail(path, `image ${goQuote(shortened(arg))} is neither defined in images: nor in the catalog, nor a path`);
  }
  return named.reference;
}

function readClock(r: ScenarioReader): number {
  const value = r.at(['clock']);
  if (value === undefined || value === null) return VIRTUAL_CLOCK_EPOCH;
  if (value instanceof Date && !Number.isNaN(value.getTime())) return value.getTime();
  if (typeof value === 'number' && Math.abs(value) <= MAX_TIME_MS) return value;
  const ms = typeof value === 'string' ? parseRfc3339(value) : undefined;
  if (ms !== undefined) return ms;
  return r.fail(
    ['clock'],
    `expected an RFC 3339 time such as 2024-08-09T03:07:41Z, got ${typeof value === 'string' ? JSON.stringify(shortened(value)) : describe(value)}`,
  );
}
