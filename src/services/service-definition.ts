// A service the supervisor can run (system.Service): its id, the services it depends on, its own start condition,
// the pre and post steps around a run, the runner that runs it (none = skipped) and which API operations it
// allows. Extension services are one implementation; the host's own services another.
import type { Condition } from './conditions/condition.js';
import type { ContainerSpec } from './runner/container-spec.js';
import type { Runner } from './runner/runner.js';
import type { ServiceState } from './service-state.js';

export interface ServiceDefinition {
  readonly id: string;
  /** Service ids this one waits to be "up", in order. */
  dependsOn(): readonly string[];
  /** A fresh condition for one start (undefined: none). */
  condition(): Condition | undefined;
  /** Rejections fail the start with `failed to run pre stage: …`. */
  preFunc(signal: AbortSignal): Promise<void>;
  /** Runs after the runner has ended; rejections add `Failed to run post stage: …`. */
  postFunc(state: ServiceState): Promise<void>;
  /** A fresh runner for one start; undefined skips the service. Rejections: `failed to create runner: …`. */
  runner(): Promise<Runner | undefined>;
  /** Health-checked services are "up" only when healthy. */
  readonly healthChecked: boolean;
  readonly apiStartAllowed: boolean;
  readonly apiStopAllowed: boolean;
  readonly apiRestartAllowed: boolean;
  /** The container of the latest start, for inspection. */
  readonly container?: ContainerSpec | undefined;
}
