// files.CRIRegistryConfigController (v1.0 … v1.14.0-alpha.2): renders the registry credentials of the machine config
// as the EtcFileSpec `cri/conf.d/01-registries.part` (containerd.GenerateCRIConfig, see cri-registries-part.ts), which
// CRIConfigPartsController then merges. Upstream's input is cri.RegistriesConfig, which exists even without a machine
// config (no credentials then); talos-sim reads the machine config it is derived from. The hosts directory the
// upstream controller also syncs is not modelled. Output EtcFileSpec, shared.
import { EtcFileSpecResourceType, EtcFileSpecType } from '../resources/etc-file-spec.js';
import {
  type Controller,
  type Input,
  type Logger,
  newTypedResource,
  type Output,
  type Runtime,
} from '../src/cosi/index.js';
import { ACTIVE_MACHINE_CONFIG_INPUT, activeMachineConfig } from './active-machine-config.js';
import { ControllerFailure } from './controller-failure.js';
import { criConfigSpec } from './cri-config-parts-controller.js';
import { criRegistriesPart, registryAuths } from './cri-registries-part.js';

/** constants.CRIRegistryConfigPart: the part, relative to /etc. */
export const CRI_REGISTRY_CONFIG_PART = 'cri/conf.d/01-registries.part';

export class CriRegistryConfigController implements Controller {
  readonly name = 'files.CRIRegistryConfigController';

  constructor(private readonly options: { readonly talosVersion: string }) {}

  inputs(): Input[] {
    return [ACTIVE_MACHINE_CONFIG_INPUT];
  }

  outputs(): Output[] {
    return [{ type: EtcFileSpecResourceType, kind: 'shared' }];
  }

  async run(r: Runtime, _logger: Logger): Promise<void> {
    while (await r.nextEvent()) {
      const contents = criRegistriesPart(registryAuths(await activeMachineConfig(r)), this.options.talosVersion);
      try {
        await r.modify(newTypedResource(EtcFileSpecType, CRI_REGISTRY_CONFIG_PART), (res) => {
          res.spec = criConfigSpec(contents, this.options.talosVersion);
        });
      } catch (err) {
        throw ControllerFailure.wrap('state', 'error modifying resource', err);
      }
      r.resetRestartBackoff();
    }
  }
}
