// Service identifiers of the node's composition root.
import type { ServiceIdentifier } from 'inversify';
import type { Clock, Controller, ControllerRuntime, CoreState, Logger, Random, State } from '../cosi/index.js';
import type { NodeFilesystem } from './node-filesystem.js';
import type { ResolvedNodeOptions } from './node-options.js';
import type { TalosNode } from './talos-node.js';

const token = <T>(name: string) => Symbol.for(`talos-sim.${name}`) as ServiceIdentifier<T>;

export const TOKENS = {
  Options: token<ResolvedNodeOptions>('Options'),
  Clock: token<Clock>('Clock'),
  Random: token<Random>('Random'),
  Logger: token<Logger>('Logger'),
  CoreState: token<CoreState>('CoreState'),
  State: token<State>('State'),
  ControllerRuntime: token<ControllerRuntime>('ControllerRuntime'),
  Filesystem: token<NodeFilesystem>('Filesystem'),
  Controllers: token<Controller[]>('Controllers'),
  TalosNode: token<TalosNode>('TalosNode'),
} as const;
