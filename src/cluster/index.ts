// src/cluster: a simulated cluster from a scenario: one clock, nodes by address, scenario parsing.
export {
  BootAssetCache,
  type BootAssetCacheOptions,
  cachingBuilder,
  DEFAULT_BOOT_ASSET_CACHE_BYTES,
} from './boot-asset-cache.js';
export { BootAssetCodecError, decodeBootAsset, encodeBootAsset, isBootAssetCodecError } from './boot-asset-codec.js';
export { Cluster, type CommandResult, type RunOptions } from './cluster.js';
export { ClusterError, type ClusterErrorDetail, type ClusterErrorKind, isClusterError } from './cluster-error.js';
export {
  applyOperation,
  type ClusterOperation,
  type OperationResult,
  SERVICE_ACTIONS,
  type ServiceAction,
} from './cluster-operation.js';
export type { ClusterPlan, PlannedImage, PlannedNode } from './cluster-plan.js';
export {
  type ClusterSnapshot,
  captureClusterSnapshot,
  decodeClusterSnapshot,
  encodeClusterSnapshot,
  SnapshotMiss,
  snapshotNodes,
} from './cluster-snapshot.js';
export {
  ClusterSnapshotCache,
  type ClusterSnapshotCacheOptions,
  DEFAULT_CLUSTER_SNAPSHOT_CACHE_BYTES,
} from './cluster-snapshot-cache.js';
export {
  type ClusterOptions,
  clusterFromPlan,
  createCluster,
  MAX_SCENARIO_BYTES,
  readScenario,
  type ScenarioInput,
} from './create-cluster.js';
export { defaultBootAssetCacheDirectory } from './file-cache.js';
export {
  clustersDirectory,
  KeptClusters,
  type KeptClustersOptions,
  type KeptSession,
  scenarioSource,
} from './kept-cluster.js';
export {
  isKeptClusterError,
  KeptClusterError,
  type KeptClusterErrorDetail,
  type KeptClusterErrorKind,
} from './kept-cluster-error.js';
export { journalExtension, pinnedOperation } from './kept-cluster-replay.js';
export { type JournalEntry, type KeptClusterState, MAX_STATE_BYTES } from './kept-cluster-state.js';
export { nodeAddressProblem } from './node-address.js';
export { parseRfc3339 } from './rfc3339.js';
export {
  type RunScenarioOptions,
  runScenario,
  runSteps,
  type ScenarioRunResult,
  type StepResult,
} from './run-scenario.js';
export { type QuietResult, type RunUntilQuietOptions, runUntilQuiet } from './run-until-quiet.js';
export {
  SCENARIO_VERSION,
  type ScenarioFile,
  type ScenarioImage,
  type ScenarioInlineImage,
  type ScenarioInstall,
  type ScenarioNode,
  type ScenarioSpec,
} from './scenario.js';
export { isScenarioError, ScenarioError, type ScenarioErrorDetail } from './scenario-error.js';
export type { PlannedHold } from './scenario-services.js';
export {
  type OutputExpectation,
  type RunExpectation,
  type ScenarioStep,
  type ScenarioStepAction,
  stepMustEnd,
} from './scenario-steps.js';
export { CommandLineError, isCommandLineError, splitCommandLine } from './split-command-line.js';
export { knownTalosRelease } from './talos-release.js';
export { unifiedDiff } from './unified-diff.js';
