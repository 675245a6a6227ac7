// `/extensions.yaml` of the initramfs, as the imager writes it (pkg/machinery/extensions/config.go, `Config.Write`
// with `yaml.NewEncoder`): `layers: [{image, metadata}]` in layer order, fields in Go struct order, `extraInfo` only
// when set, scalars styled by the go-yaml release of the Talos version that builds the asset.
import type { ExtensionMetadata } from '../extensions/index.js';
import { encode, type YamlFlavour } from '../goyaml/index.js';

/** One entry of `/extensions.yaml` (Talos's `extensions.Layer`). */
export interface ExtensionsConfigLayer {
  /** The squashfs image file name inside the initramfs, e.g. `0.sqsh`. */
  readonly image: string;
  readonly metadata: ExtensionMetadata;
}

/** The Go struct `Metadata` as go-yaml marshals it (`extraInfo,omitempty`). */
export function metadataMapping(m: ExtensionMetadata): Record<string, unknown> {
  return {
    name: m.name,
    version: m.version,
    author: m.author,
    description: m.description,
    compatibility: { talos: { version: m.compatibility.talos.version } },
    ...(m.extraInfo === '' ? {} : { extraInfo: m.extraInfo }),
  };
}

/** The text of `/extensions.yaml` for these layers. */
export function encodeExtensionsConfig(layers: readonly ExtensionsConfigLayer[], flavour: YamlFlavour): string {
  return encode({ layers: layers.map((l) => ({ image: l.image, metadata: metadataMapping(l.metadata) })) }, flavour);
}
