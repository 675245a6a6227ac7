// The part of v1alpha1.Config (pkg/machinery/config/types/v1alpha1/v1alpha1_types.go, the same from v1.0 to v1.14)
// that talos-sim reads, as Go types go-yaml decodes into: a document whose fields have the wrong shape there fails
// as the loader's decode does (`cannot unmarshal !!seq into map[string]string`), at its line. Pointer fields are
// named by the type they point to, as go-yaml names them. The other fields are checked for unknown keys only.
import type { FieldShape, StructShape } from '../extensions/services/index.js';
import { V1ALPHA1_KEYS } from './document-kinds.js';

const STRING_MAP: FieldShape = { map: 'string', goType: 'map[string]string' };

const REGISTRY_AUTH: StructShape = {
  goType: 'v1alpha1.RegistryAuthConfig',
  fields: { username: 'string', password: 'string', auth: 'string', identityToken: 'string' },
};

const REGISTRY: StructShape = { goType: 'v1alpha1.RegistryConfig', fields: { auth: REGISTRY_AUTH } };

const INSTALL_EXTENSION: StructShape = { goType: 'v1alpha1.InstallExtensionConfig', fields: { image: 'string' } };

const MACHINE_FIELDS: Readonly<Record<string, FieldShape>> = {
  type: 'string',
  env: STRING_MAP,
  nodeLabels: STRING_MAP,
  nodeAnnotations: STRING_MAP,
  install: {
    goType: 'v1alpha1.InstallConfig',
    fields: { extensions: { slice: INSTALL_EXTENSION, goType: '[]v1alpha1.InstallExtensionConfig' } },
  },
  registries: {
    goType: 'v1alpha1.RegistriesConfig',
    fields: { config: { map: REGISTRY, goType: 'map[string]*v1alpha1.RegistryConfig' } },
  },
};

/**
 * v1alpha1.Config of a release, as far as talos-sim reads it: a field the release's struct does not have yet
 * (nodeLabels before v1.3, nodeAnnotations before v1.8, V1ALPHA1_KEYS) is left to the unknown-keys check, as go-yaml
 * skips it.
 */
export function v1alpha1ConfigShape(knows: (since: string) => boolean): StructShape {
  const since = V1ALPHA1_KEYS.machine ?? {};
  const fields = Object.fromEntries(
    Object.entries(MACHINE_FIELDS).filter(([name]) => since[name] === undefined || knows(since[name] as string)),
  );
  return { goType: 'v1alpha1.Config', fields: { machine: { goType: 'v1alpha1.MachineConfig', fields } } };
}
