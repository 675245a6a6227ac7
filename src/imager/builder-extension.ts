// An extension as the builder works on it after List: its directory name (the future image name), manifest and a
// rootfs tree it may change (firmware and microcode are moved out of it before squashing).
import type { ExtensionManifest, FsTree } from '../extensions/index.js';

export interface BuilderExtension {
  /** `0`, `1`, …, `modules.dep`, or `NNN.<sanitized reference>` for the legacy installer. */
  readonly directory: string;
  readonly manifest: ExtensionManifest;
  readonly rootfs: FsTree;
  /** How file errors name the rootfs, like the imager's scratch directories (`extensions/0/rootfs`). */
  readonly label: string;
  /** What the extension was built from (BootAssetLayer.origin). */
  readonly origin: string;
}
