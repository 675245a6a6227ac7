// A loaded system extension: its manifest and its image, as Talos's `extensions.Extension` holds them after `Load`.
import type { FsNode, FsTree } from './fs-tree.js';
import type { ExtensionManifest } from './manifest.js';
import type { ManifestWarning } from './manifest-warning.js';

export interface Extension {
  readonly manifest: ExtensionManifest;
  /** Name of the directory the extension was loaded from (upstream `Directory()`; `0`, `1`, … in the imager). */
  readonly directory: string;
  /** The image filesystem: `manifest.yaml` and `rootfs` at its root. */
  readonly image: FsTree;
  /** The image's `rootfs` entry; upstream does not check that it is a directory, so neither does Load. */
  readonly rootfs: FsNode;
  /** What Talos accepts silently in the manifest: unknown keys, no compatibility constraint. */
  readonly warnings: readonly ManifestWarning[];
}
