// ExtensionStatus (runtime namespace): one per system extension layer the node booted with.
// Its spec is the extension layer itself: the image name and the extension's manifest metadata.
import type { ResourceType } from '../src/cosi/index.js';

export const ExtensionStatusResourceType = 'ExtensionStatuses.runtime.talos.dev';

/** Manifest metadata in Go field order (pkg/machinery/extensions Metadata); extraInfo is omitempty. */
export interface ExtensionMetadata {
  name: string;
  version: string;
  author: string;
  description: string;
  compatibility: { talos: { version: string } };
  extraInfo?: string;
}

/** extensions.Layer: `image` is the squashfs file name inside the initramfs, e.g. `0.sqsh`. */
export interface ExtensionStatusSpec {
  image: string;
  metadata: ExtensionMetadata;
}

export const ExtensionStatusType: ResourceType<ExtensionStatusSpec> = {
  definition: {
    type: ExtensionStatusResourceType,
    defaultNamespace: 'runtime',
    aliases: ['extensions'],
    printColumns: [
      { name: 'Name', jsonPath: '{.metadata.name}' },
      { name: 'Version', jsonPath: '{.metadata.version}' },
    ],
  },
  newSpec: () => ({
    image: '',
    metadata: { name: '', version: '', author: '', description: '', compatibility: { talos: { version: '' } } },
  }),
};
