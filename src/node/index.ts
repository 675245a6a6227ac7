// src/node: the simulated Talos node and its composition root.

export { fsTreeLayer } from './fs-tree-layer.js';
export { createNode, createNodeContainer } from './node-container.js';
export { mountNodeFilesystem, type NodeFilesystem, type NodeFilesystemParts } from './node-filesystem.js';
export {
  DEFAULT_NODE_ADDRESS,
  NodeOptionsError,
  type ResolvedNodeOptions,
  resolveNodeOptions,
  type TalosNodeOptions,
} from './node-options.js';
export { ResourceApi, type TalosRole } from './resource-api.js';
export {
  type BootScenarioOptions,
  bootScenario,
  parseScenario,
  type Scenario,
  ScenarioError,
  scenarioBootAsset,
} from './scenario.js';
export { squashfsLayer } from './squashfs-layer.js';
export { type NodePhase, TalosNode, type TalosNodeParts } from './talos-node.js';
export {
  buildTalosRootfs,
  type TalosRootfs,
  TalosRootfsError,
  type TalosRootfsOptions,
  talosOsRelease,
} from './talos-rootfs.js';
export { TOKENS } from './tokens.js';
