// Shared by the derived-resource controller tests: a controller runtime over an in-memory state on a virtual clock
// set to a fixed boot time, and the printers talosctl would use for the resources it produced.
import type { ResourceType } from '../../src/cosi/index.js';
import {
  ControllerRuntime,
  constantRandom,
  fillResourceDefinition,
  InMemoryState,
  MemoryLogger,
  type Resource,
  State,
  TALOS_HISTORY,
  VirtualClock,
} from '../../src/cosi/index.js';
import type { YamlFlavour } from '../../src/goyaml/index.js';
import {
  createNodeFs,
  MountTable,
  Overlay,
  Tmpfs,
  type TreeDirectory,
  treeLayer,
} from '../../src/overlayfs-sim/index.js';
import { createResourceWriter } from '../../src/printers/index.js';

export const BOOT_TIME = Date.UTC(2024, 7, 9, 3, 7, 41);

export function derivedRuntime() {
  const clock = new VirtualClock(BOOT_TIME);
  const state = new State(new InMemoryState({ clock, random: constantRandom(0.3), history: TALOS_HISTORY }));
  const logger = new MemoryLogger();
  const runtime = new ControllerRuntime({ state, clock, random: constantRandom(0.5), logger });
  return { clock, state, logger, runtime };
}

/** What `talosctl get <type> -o <format>` prints for these resources of one node. */
export function printResources(
  format: 'table' | 'yaml' | 'json',
  type: ResourceType<unknown>,
  resources: readonly Resource[],
  options: { readonly node?: string; readonly flavour?: YamlFlavour } = {},
): string {
  let out = '';
  const writer = createResourceWriter(format, {
    out: (chunk) => {
      out += chunk;
    },
    ...(options.flavour === undefined ? {} : { flavour: options.flavour }),
  });
  const rd = fillResourceDefinition(type.definition);
  writer.writeHeader({ displayType: rd.displayType, printColumns: rd.printColumns }, false);
  for (const r of resources) writer.writeResource(options.node ?? '172.20.0.2', r);
  writer.flush();
  return out;
}

/**
 * A node's root as machined sees it: the read-only overlay of `layers` (first = top, as in lowerdir=, so the base
 * rootfs comes last) at /, and an empty tmpfs at /system for what controllers write.
 */
export function nodeRoot(...layers: TreeDirectory[]) {
  const trees = [...layers, { system: {} }];
  const overlay = new Overlay({ lowers: trees.map((tree, i) => treeLayer(tree, { name: `layer${i}` })) });
  const mounts = new MountTable();
  mounts.mount('/', overlay, { readOnly: true, source: 'overlay' });
  mounts.mount('/system', new Tmpfs(), { source: 'tmpfs' });
  return { mounts, fs: createNodeFs(mounts) };
}
