// Scenarios: what a simulated cluster is made of, declared as data (a scenario script in scenarios/, or a YAML
// file): the Talos release, the boot asset every node was installed from (official extensions through Image
// Factory, image references, local images, or the legacy `.machine.install.extensions` of a machine config),
// and the node addresses.
import { parse } from 'yaml';
import { type Clock, type Logger, nullLogger, type Random } from '../cosi/index.js';
import {
  classifyImageArgument,
  createDefaultCatalog,
  DEFAULT_TALOS_VERSION,
  resolveTalosVersion,
} from '../extensions/index.js';
import {
  type BootAsset,
  buildBootAsset,
  buildFactoryBootAsset,
  type ExtensionInput,
  installWithExtensions,
  type LayerSquasher,
} from '../imager/index.js';
import { createNode } from './node-container.js';
import { DEFAULT_NODE_ADDRESS } from './node-options.js';
import type { TalosNode } from './talos-node.js';

export interface Scenario {
  /** Talos release of every node (`v1.11.2`, or a line such as `v1.11`). Default: DEFAULT_TALOS_VERSION. */
  readonly talos?: string;
  /** Node addresses as talosctl's NODE column shows them. Default: one node, `172.20.0.2`. */
  readonly nodes?: readonly string[];
  /** Official extensions by Image Factory name (`siderolabs/gvisor`): an Image Factory asset with a schematic. */
  readonly officialExtensions?: readonly string[];
  /** Extension images: registry references, or paths to a directory, OCI layout or image tarball. */
  readonly extensions?: readonly string[];
  /** A v1alpha1 machine config whose `.machine.install.extensions` the (≤ v1.9) installer honours. */
  readonly machineConfig?: string;
}

export class ScenarioError extends Error {
  override readonly name = 'ScenarioError';
}

const KEYS: readonly string[] = ['talos', 'nodes', 'officialExtensions', 'extensions', 'machineConfig'];

/** Reads a scenario from YAML text; unknown keys and wrong types are errors that name the key. */
export function parseScenario(text: string): Scenario {
  const value: unknown = parse(text);
  if (value === null || value === undefined) return {};
  if (typeof value !== 'object' || Array.isArray(value)) throw new ScenarioError('a scenario is a YAML mapping');
  const raw = value as Record<string, unknown>;
  for (const key of Object.keys(raw)) {
    if (!KEYS.includes(key)) throw new ScenarioError(`unknown scenario key "${key}" (known: ${KEYS.join(', ')})`);
  }
  const strings = (key: string): string[] | undefined => {
    const v = raw[key];
    if (v === undefined) return undefined;
    if (!Array.isArray(v) || !v.every((x) => typeof x === 'string')) {
      throw new ScenarioError(`scenario key "${key}" must be a list of strings`);
    }
    return v;
  };
  const string = (key: string): string | undefined => {
    const v = raw[key];
    if (v === undefined) return undefined;
    if (typeof v !== 'string') throw new ScenarioError(`scenario key "${key}" must be a string`);
    return v;
  };
  const scenario: Record<string, unknown> = {
    talos: string('talos'),
    nodes: strings('nodes'),
    officialExtensions: strings('officialExtensions'),
    extensions: strings('extensions'),
    machineConfig: string('machineConfig'),
  };
  for (const key of KEYS) if (scenario[key] === undefined) delete scenario[key];
  return scenario as Scenario;
}

export interface BootScenarioOptions {
  readonly clock?: Clock;
  readonly random?: Random;
  readonly logger?: Logger;
  /** Squashes the layers of the boot asset. Default: the imager's (talos-sim's squashfs writer). */
  readonly squasher?: LayerSquasher;
  /** Resolves relative extension paths. Default: the process's working directory. */
  readonly cwd?: string;
  /** Receives the imager's progress lines. */
  readonly onImagerLine?: (line: string) => void;
}

/** Builds the scenario's boot asset (once) and boots one node per address with it. */
export async function bootScenario(scenario: Scenario, options: BootScenarioOptions = {}): Promise<TalosNode[]> {
  const asset = await scenarioBootAsset(scenario, options);
  const nodes: TalosNode[] = [];
  for (const address of scenario.nodes ?? [DEFAULT_NODE_ADDRESS]) {
    const node = await createNode({
      address,
      bootAsset: asset,
      ...(options.clock ? { clock: options.clock } : {}),
      ...(options.random ? { random: options.random } : {}),
      logger: (options.logger ?? nullLogger).with({ node: address }),
    });
    await node.boot();
    nodes.push(node);
  }
  return nodes;
}

/** The boot asset a scenario's nodes were installed from. */
export async function scenarioBootAsset(scenario: Scenario, options: BootScenarioOptions = {}): Promise<BootAsset> {
  const talosVersion = resolveTalosVersion(scenario.talos ?? DEFAULT_TALOS_VERSION).version;
  const common = {
    talosVersion,
    ...(options.squasher ? { squasher: options.squasher } : {}),
    ...(options.onImagerLine ? { onUpdate: (u: { line: string }) => options.onImagerLine?.(u.line) } : {}),
  };
  const catalog = createDefaultCatalog();
  if (scenario.machineConfig !== undefined) {
    const { bootAsset } = await installWithExtensions({
      ...common,
      machineConfig: scenario.machineConfig,
      registry: catalog.registry,
    });
    return bootAsset;
  }
  const extensions: ExtensionInput[] = (scenario.extensions ?? []).map((arg) => {
    const named = classifyImageArgument(arg, options.cwd ?? process.cwd());
    return named.kind === 'path' ? { source: named.source, label: arg } : named.reference;
  });
  if (scenario.officialExtensions !== undefined) {
    if (extensions.length > 0) throw new ScenarioError('a scenario takes officialExtensions or extensions, not both');
    const schematic = { customization: { systemExtensions: { officialExtensions: [...scenario.officialExtensions] } } };
    return buildFactoryBootAsset({ ...common, schematic, catalog });
  }
  return buildBootAsset({ ...common, extensions, registry: catalog.registry });
}
