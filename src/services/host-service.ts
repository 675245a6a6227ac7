// A service the node itself runs (containerd, cri, udevd, …) whose state the host drives: extension services
// depend on them (`containerd` always), so the supervisor lists them and tracks their state, but never runs them.
import type { ServiceDefinition } from './service-definition.js';
import type { ServiceHealth } from './service-event.js';
import type { ServiceState } from './service-state.js';

export class HostService implements ServiceDefinition {
  readonly apiStartAllowed = false;
  readonly apiStopAllowed = false;
  readonly apiRestartAllowed = false;

  constructor(
    readonly id: string,
    readonly healthChecked: boolean,
  ) {}

  dependsOn(): readonly string[] {
    return [];
  }

  condition(): undefined {
    return undefined;
  }

  async preFunc(): Promise<void> {}

  async postFunc(): Promise<void> {}

  async runner(): Promise<undefined> {
    return undefined;
  }
}

/** What the host holds to drive one of its services. */
export interface HostServiceHandle {
  readonly id: string;
  /** Records a state change with its event message (`[Running]: Health check successful` and the like). */
  update(state: ServiceState, message: string): void;
  /** For health-checked services: a Running service is "up" once healthy. */
  setHealth(health: ServiceHealth): void;
}
