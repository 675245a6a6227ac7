// SBOMItem (runtime namespace, id = the package name): one package of the node's software bill of materials, from
// the SPDX documents in /usr/share/spdx (Talos itself) and /usr/local/share/spdx (system extensions)
// (pkg/machinery/resources/runtime/sbom_item.go; v1.11–v1.14 unchanged). Note the type has no `runtime.` segment.
import type { ResourceType } from '../src/cosi/index.js';

export const SBOMItemResourceType = 'SBOMItems.talos.dev';

/** runtime.SBOMItemSpec in Go field order; `license`, `cpes`, `purls` and `extension` are omitempty. */
export interface SBOMItemSpec {
  name: string;
  version: string;
  license?: string;
  cpes?: string[];
  purls?: string[];
  extension?: true;
}

export const SBOMItemType: ResourceType<SBOMItemSpec> = {
  definition: {
    type: SBOMItemResourceType,
    defaultNamespace: 'runtime',
    aliases: ['sbom', 'sboms'],
    printColumns: [
      { name: 'Version', jsonPath: '{.version}' },
      { name: 'License', jsonPath: '{.license}' },
      { name: 'Extension', jsonPath: '{.extension}' },
    ],
  },
  newSpec: () => ({ name: '', version: '' }),
};
