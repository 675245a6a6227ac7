// ServicePID (runtime namespace, `ServicePIDs.runtime.talos.dev`): the host PID of a running service's task and its
// mount namespace, written by the containerd runner's PID recorder (no owner) when the task starts and destroyed
// when it ends. Exists from v1.13.0-beta.1 (pkg/machinery/resources/runtime/service_pid.go); column PID.
import { SemVer } from 'semver';
import { isNotFound, newTypedResource, type ResourceType, type State } from '../src/cosi/index.js';

export const ServicePIDResourceType = 'ServicePIDs.runtime.talos.dev';

export interface ServicePIDSpec {
  pid: number;
  /** `readlink /proc/<pid>/ns/mnt`, e.g. `mnt:[4026532301]`; '' when it could not be read. */
  mountNamespace: string;
}

export const ServicePIDType: ResourceType<ServicePIDSpec> = {
  definition: {
    type: ServicePIDResourceType,
    defaultNamespace: 'runtime',
    aliases: [],
    printColumns: [{ name: 'PID', jsonPath: '{.pid}' }],
  },
  newSpec: () => ({ pid: 0, mountNamespace: '' }),
};

/** Whether a node of this Talos release has the ServicePID type (v1.13.0-beta.1 and later). */
export function hasServicePIDs(talosVersion: string): boolean {
  return new SemVer(talosVersion.trim()).compare('1.13.0-beta.1') >= 0;
}

/**
 * pid.StateRecorder: what the supervisor calls when a task starts (record) and ends (clear). Resources are written
 * without an owner, as machined writes them outside any controller.
 */
export function servicePidRecorder(
  state: State,
  mountNamespaceOf: (pid: number) => string,
): (serviceId: string, pid: number, clear: boolean) => Promise<void> {
  return async (serviceId, pid, clear) => {
    const resource = newTypedResource(ServicePIDType, serviceId);
    if (clear) {
      try {
        await state.destroy(resource.metadata);
      } catch (err) {
        if (!isNotFound(err))
          throw new Error(`failed to cleanup service PID for "${serviceId}": ${(err as Error).message}`);
      }
      return;
    }
    await state.modify(resource, (r) => {
      r.spec = { pid, mountNamespace: mountNamespaceOf(pid) };
    });
  };
}
