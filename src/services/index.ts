// src/services: Talos's service supervisor (internal/app/machined/pkg/system) in virtual time — states, events,
// conditions, restart policies, simulated containerd tasks running registered programs — and extension services
// (system/services/extension.go) on top of it.
export { ABORTED, cancellable, raceAbort, sleepFor, whenAborted } from './abortable.js';
export type { Condition } from './conditions/condition.js';
export { ConfigStatusCondition, type ConfigStatusSource } from './conditions/config-status-condition.js';
export { FILE_POLL_INTERVAL_MS, FileCondition } from './conditions/file-condition.js';
export {
  NETWORK_CHECKS,
  type NetworkCheck,
  NetworkCondition,
  type NetworkReadinessState,
  Readiness,
  TimeSyncCondition,
} from './conditions/readiness.js';
export {
  REGISTER_POLL_INTERVAL_MS,
  ServiceCondition,
  type ServiceLookup,
  type ServiceStateSource,
  type StateEvent,
} from './conditions/service-condition.js';
export { AllCondition, waitForAll } from './conditions/wait-for-all.js';
export { EnvFileError, parseEnvFile } from './extension/env-file.js';
export { replaceOrAppendEnv, taskEnvironment } from './extension/environment.js';
export {
  CGROUP_EXTENSIONS,
  CONTAINERD_DEFAULT_MASKED_PATHS,
  CONTAINERD_DEFAULT_READONLY_PATHS,
  configFileName,
  EXTENSION_SERVICE_ROOTFS_PATH,
  EXTENSION_SERVICE_USER_CONFIG_PATH,
  extensionContainer,
  extensionMounts,
} from './extension/extension-container.js';
export {
  ExtensionService,
  type ExtensionServiceConfigData,
  type ExtensionServiceConfigSource,
  type ExtensionServiceHost,
} from './extension/extension-service.js';
export { HostService, type HostServiceHandle } from './host-service.js';
export { type DeclarativeBehaviour, declarativeProgram, defaultProgram } from './programs/declarative-behaviour.js';
export { ProgramRegistry, type ServiceProgram, type ServiceProgramContext } from './programs/service-program.js';
export type { ContainerMount, ContainerNamespace, ContainerSpec } from './runner/container-spec.js';
export { type ExecutableLookup, hostPathOf, lookupExecutable } from './runner/executable.js';
export { mountNamespaceOf, type PidSource, sequentialPids } from './runner/pid-source.js';
export { RESTART_INTERVAL_MS, RestartRunner, type RestartType } from './runner/restart-runner.js';
export type { EventSink, PidRecorder, Runner } from './runner/runner.js';
export { GRACEFUL_SHUTDOWN_TIMEOUT_MS, TaskRunner, type TaskRunnerOptions } from './runner/task-runner.js';
export type { ServiceDefinition } from './service-definition.js';
export {
  errorText,
  isCanceled,
  isServiceError,
  ServiceError,
  type ServiceErrorDetail,
  type ServiceErrorKind,
} from './service-error.js';
export {
  MAX_EVENTS_TO_KEEP,
  type ServiceEvent,
  ServiceEventRing,
  type ServiceHealth,
  UNKNOWN_HEALTH,
} from './service-event.js';
export type { ServiceFs, ServiceFsStats } from './service-fs.js';
export { DEFAULT_LOG_LINES, LastLog, LOG_BYTES, type LogLine, ServiceLog } from './service-log.js';
export { type ServiceReleaseFacts, serviceReleaseFacts } from './service-release.js';
export {
  ServiceRunner,
  type ServiceRunnerContext,
  SKIPPED,
  WAIT_CONDITION_CHECK_INTERVAL_MS,
} from './service-runner.js';
export { isDownState, SERVICE_STATES, type ServiceState, serviceStateNumber } from './service-state.js';
export { REVERSE_DEPENDENCY_TIMEOUT_MS, type StopEnvironment, stopServices } from './stop-services.js';
export {
  type ServiceInfo,
  type ServiceStateChange,
  ServiceSupervisor,
  type SupervisorCheckpoint,
} from './supervisor.js';
export type { ServiceSupervisorOptions } from './supervisor-options.js';
