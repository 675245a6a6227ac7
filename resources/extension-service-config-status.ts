// ExtensionServiceConfigStatus (runtime namespace, `ExtensionServiceConfigStatuses.runtime.talos.dev`): written by
// runtime.ExtensionServiceConfigFilesController once a config's files are on disk; `specVersion` is the config
// resource's version. Not sensitive, no columns. Also the `configuration: true` dependency of extension services
// (ExtensionServiceConfigStatusCondition in pkg/machinery/resources/runtime/condition.go): satisfied by a status
// with the bare service name that exists or is later created or updated.
import { isNotFound, newTypedResource, type Resource, type ResourceType, type State } from '../src/cosi/index.js';
import { ExtensionServiceConfigResourceType, type ExtensionServiceConfigSpec } from './extension-service-config.js';

export const ExtensionServiceConfigStatusResourceType = 'ExtensionServiceConfigStatuses.runtime.talos.dev';

export interface ExtensionServiceConfigStatusSpec {
  specVersion: string;
}

export const ExtensionServiceConfigStatusType: ResourceType<ExtensionServiceConfigStatusSpec> = {
  definition: {
    type: ExtensionServiceConfigStatusResourceType,
    defaultNamespace: 'runtime',
    aliases: [],
    printColumns: [],
  },
  newSpec: () => ({ specVersion: '' }),
};

/**
 * What the service supervisor needs from the node's resources about one service's user config: the condition of
 * `configuration: true` (resolves once a status named after the service is created or updated; an existing one
 * counts) and the config itself (mounted and added to the environment whenever it exists).
 */
export function extensionServiceConfigSource(state: State): {
  waitForConfigStatus(serviceName: string, signal: AbortSignal): Promise<void>;
  getConfig(serviceName: string): Promise<ExtensionServiceConfigSpec | undefined>;
} {
  return {
    async waitForConfigStatus(serviceName, signal) {
      const pointer = newTypedResource(ExtensionServiceConfigStatusType, serviceName).metadata;
      await state.watchFor(pointer, { eventTypes: ['Created', 'Updated'], signal });
    },
    async getConfig(serviceName) {
      try {
        const r = (await state.get({
          namespace: 'runtime',
          type: ExtensionServiceConfigResourceType,
          id: serviceName,
        })) as Resource<ExtensionServiceConfigSpec>;
        return r.spec;
      } catch (err) {
        if (isNotFound(err)) return undefined;
        throw err;
      }
    },
  };
}
