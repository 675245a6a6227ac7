// MachineConfig (config namespace, id `v1alpha1`): the machine config in force, published at boot and replaced by
// apply-config, so controllers take it as an input (ExtensionServiceConfig, node labels…). Sensitive, no explicit
// aliases (`machineconfig` and `mc` are automatic), as pkg/machinery/resources/config/machine_config.go defines it.
//
// The state keeps the config's text and decoded documents; clients see the text (cfg.Bytes(): the bytes as applied,
// since configloader keeps a read-only container's original bytes) marshalled the way the node's release does it:
// - up to v1.12.0-alpha.2 the spec implements MarshalYAMLBytes, so the API's YAML spec is the text itself (every
//   document, comments included), which is not a YAML value of its own;
// - from v1.12.0-beta.0 (commit 92eeaa482) the spec's MarshalYAML returns the text as a string, and the
//   constructor sets the annotation `talos.dev/yaml-spec: 1` that tells talosctl so.
import { newTypedResource, type Resource, type ResourceType, type State } from '../src/cosi/index.js';
import { RawYaml } from '../src/goyaml/index.js';
import type { MachineConfig, MachineConfigDocument } from '../src/machine-config/index.js';
import { isTalosAtLeast } from './talos-release.js';

export const MachineConfigResourceType = 'MachineConfigs.config.talos.dev';
/** The id of the config in force (config.ActiveID). */
export const ACTIVE_MACHINE_CONFIG_ID = 'v1alpha1';
/** The annotation Talos v1.12+ puts on every MachineConfig: its spec marshals as a YAML string. */
export const YAML_SPEC_ANNOTATION = 'talos.dev/yaml-spec';
/** First tag whose MachineConfig spec marshals as a string (and carries YAML_SPEC_ANNOTATION). */
export const MACHINE_CONFIG_STRING_SPEC_SINCE = 'v1.12.0-beta.0';

export interface MachineConfigSpec {
  /** The config as applied. */
  text: string;
  documents: MachineConfigDocument[];
}

const definition = {
  type: MachineConfigResourceType,
  defaultNamespace: 'config',
  aliases: [],
  sensitivity: 'sensitive',
} as const;

const newSpec = (): MachineConfigSpec => ({ text: '', documents: [] });

/** The type as releases up to v1.12.0-alpha.2 serve it: the spec is the config's text, written as it is. */
export const MachineConfigType: ResourceType<MachineConfigSpec> = {
  definition,
  newSpec,
  served: (r) => ({ metadata: r.metadata.copy(), spec: new RawYaml(r.spec.text) }),
};

/** The type as v1.12.0-beta.0 and later serve it: the text as a YAML string, and the yaml-spec annotation. */
const MachineConfigStringSpecType: ResourceType<MachineConfigSpec> = {
  definition,
  newSpec,
  served: (r: Resource<MachineConfigSpec>) => {
    const metadata = r.metadata.copy();
    // NewMachineConfigWithID sets it on every MachineConfig; the value does not matter, only the key
    metadata.annotations.set(YAML_SPEC_ANNOTATION, '1');
    return { metadata, spec: r.spec.text };
  },
};

/** The MachineConfig type of a Talos release. */
export function machineConfigTypeFor(talosVersion: string): ResourceType<MachineConfigSpec> {
  return isTalosAtLeast(talosVersion, MACHINE_CONFIG_STRING_SPEC_SINCE)
    ? MachineConfigStringSpecType
    : MachineConfigType;
}

/** Creates or replaces the active MachineConfig resource (unowned, as machined writes it outside any controller). */
export async function publishMachineConfig(state: State, config: MachineConfig): Promise<void> {
  const documents = structuredClone([...config.documents]);
  await state.modify(newTypedResource(MachineConfigType, ACTIVE_MACHINE_CONFIG_ID), (r) => {
    r.spec = { text: config.text, documents };
  });
}
