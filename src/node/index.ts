// src/node: the simulated Talos node and its composition root.
export { createNode, createNodeContainer } from './node-container.js';
export {
  DEFAULT_NODE_ADDRESS,
  type ResolvedNodeOptions,
  resolveNodeOptions,
  type TalosNodeOptions,
} from './node-options.js';
export { ResourceApi, type TalosRole } from './resource-api.js';
export { type NodePhase, TalosNode, type TalosNodeParts } from './talos-node.js';
export { TOKENS } from './tokens.js';
