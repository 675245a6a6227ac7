// runtime.ExtensionServiceConfigController: one ExtensionServiceConfig resource per ExtensionServiceConfig document
// of the machine config in force (id = the document's name), with its files and environment (each left out when
// empty); resources of documents that disappeared, or of a config that is gone, are destroyed.
import { type ExtensionServiceConfigSpec, ExtensionServiceConfigType } from '../resources/extension-service-config.js';
import {
  ACTIVE_MACHINE_CONFIG_ID,
  MachineConfigResourceType,
  type MachineConfigSpec,
} from '../resources/machine-config.js';
import type { Controller, Input, Logger, Output, Runtime } from '../src/cosi/index.js';
import { isNotFound, newTypedResource } from '../src/cosi/index.js';
import {
  decodeExtensionServiceConfig,
  EXTENSION_SERVICE_CONFIG_KIND,
} from '../src/machine-config/extension-service-config.js';

export class ExtensionServiceConfigController implements Controller {
  readonly name = 'runtime.ExtensionServiceConfigController';

  inputs(): Input[] {
    return [{ namespace: 'config', type: MachineConfigResourceType, id: ACTIVE_MACHINE_CONFIG_ID, kind: 'weak' }];
  }

  outputs(): Output[] {
    return [{ type: ExtensionServiceConfigType.definition.type, kind: 'exclusive' }];
  }

  async run(r: Runtime, logger: Logger): Promise<void> {
    while (await r.nextEvent()) {
      let config: MachineConfigSpec | undefined;
      try {
        const res = await r.get({ namespace: 'config', type: MachineConfigResourceType, id: ACTIVE_MACHINE_CONFIG_ID });
        config = res.spec as MachineConfigSpec;
      } catch (err) {
        if (!isNotFound(err)) throw new Error(`error getting machine config: ${(err as Error).message}`);
      }
      r.startTrackingOutputs();
      for (const doc of config?.documents ?? []) {
        if (doc.kind !== EXTENSION_SERVICE_CONFIG_KIND || !('apiVersion' in doc)) continue;
        let decoded: ReturnType<typeof decodeExtensionServiceConfig>;
        try {
          decoded = decodeExtensionServiceConfig(doc.value);
        } catch (err) {
          // a config in force was validated when it was applied; log rather than fail on anything left over
          logger.log('error', 'error decoding extension service config', { error: (err as Error).message });
          continue;
        }
        await r.modify(newTypedResource(ExtensionServiceConfigType, decoded.name), (res) => {
          const spec: ExtensionServiceConfigSpec = {};
          if (decoded.configFiles.length > 0) {
            spec.files = decoded.configFiles.map((f) => ({ content: f.content, mountPath: f.mountPath }));
          }
          if (decoded.environment.length > 0) spec.environment = [...decoded.environment];
          res.spec = spec;
        });
      }
      await r.cleanupOutputs({ namespace: 'runtime', type: ExtensionServiceConfigType.definition.type });
    }
  }
}
