// src/cosi: a COSI-style resource store and controller runtime on RxJS. Knows nothing of Talos.
export {
  isStatusError,
  type StateVerb,
  type StatusCode,
  StatusError,
  toStatusError,
} from './api/status-error.js';
export { type AsTimeRunsOptions, awaitAsTimeRuns } from './clock/as-time-runs.js';
export type { Clock, TimerHandle } from './clock/clock.js';
export { constantRandom, type Random, seededRandom, systemRandom } from './clock/random.js';
export { SystemClock } from './clock/system-clock.js';
export {
  ClockRangeError,
  flushMicrotasks,
  MAX_TIME_MS,
  VIRTUAL_CLOCK_EPOCH,
  VirtualClock,
} from './clock/virtual-clock.js';
export type {
  Controller,
  Input,
  InputKind,
  ModifyOptions,
  NextEventOptions,
  Output,
  OutputKind,
  OwnerOptions,
  Runtime,
} from './controller/controller.js';
export {
  ControllerError,
  type ControllerErrorKind,
  isAccessError,
  isControllerError,
} from './controller/controller-error.js';
export {
  type ControllerCheckpoint,
  type ControllerInfo,
  ControllerRuntime,
  type ControllerRuntimeOptions,
  type ControllerStatus,
} from './controller/controller-runtime.js';
export type { DependencyEdge, DependencyEdgeType } from './controller/dependency-database.js';
export { type BackoffSettings, DEFAULT_BACKOFF, ExponentialBackoff } from './controller/exponential-backoff.js';
export { type LogEntry, type LogFields, type Logger, type LogLevel, MemoryLogger, nullLogger } from './logger.js';
export { META_NAMESPACE, NamespaceResourceType, type NamespaceSpec, NamespaceType } from './meta/namespace.js';
export { META_OWNER, ResourceRegistry } from './meta/registry.js';
export { ResourceDefinitionResourceType, ResourceDefinitionType } from './meta/resource-definition-type.js';
export {
  type IdQuery,
  type LabelOp,
  type LabelQuery,
  type LabelTerm,
  labelQueriesMatch,
} from './resource/label-query.js';
export { Metadata, type MetadataInit, type Phase } from './resource/metadata.js';
export { isPlural, singular } from './resource/pluralize.js';
export {
  type Kind,
  type Pointer,
  pointerString,
  type Reference,
  referenceString,
  versionString,
} from './resource/pointer.js';
export {
  isTypeResolutionError,
  resolveResourceType,
  TypeResolutionError,
  type TypeResolutionErrorKind,
} from './resource/resolve-type.js';
export { deepCopy, isTombstone, newResource, type Resource, resourceEqual, Tombstone } from './resource/resource.js';
export {
  fillResourceDefinition,
  isResourceDefinitionError,
  type PrintColumn,
  ResourceDefinitionError,
  type ResourceDefinitionInput,
  type ResourceDefinitionSpec,
  resourceDefinitionId,
  type Sensitivity,
} from './resource/resource-definition.js';
export { asTyped, newTypedResource, type ResourceType } from './resource/resource-type.js';
export { cloneSpec, specEqual } from './resource/spec-data.js';
export type { CoreState } from './state/core-state.js';
export {
  COSI_HISTORY,
  type HistorySizing,
  type HistorySnapshot,
  type LoggedEvent,
  TALOS_HISTORY,
} from './state/event-history.js';
export { InMemoryState, type InMemoryStateOptions } from './state/in-memory-state.js';
export type { CollectionSnapshot } from './state/resource-collection.js';
export { State, type Updater, type WatchForCondition } from './state/state.js';
export {
  isConflict,
  isInvalidBookmark,
  isNotFound,
  isOwnerConflict,
  isPhaseConflict,
  isStateError,
  StateError,
  type StateErrorKind,
} from './state/state-error.js';
export type { EventType, StateEvent } from './state/state-event.js';
export type {
  CreateOptions,
  DeliveryOptions,
  DestroyOptions,
  ListOptions,
  UpdateOptions,
  WatchKindOptions,
  WatchOptions,
} from './state/state-options.js';
