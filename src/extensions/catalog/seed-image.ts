// One seeded extension image as built for one release: its rendered manifest and its rootfs laid out for that
// release's kernel and paths.
import type { FsTree } from '../fs-tree.js';
import { imageFromDescription } from '../image/image-description.js';
import { describeTalosVersion } from '../talos-versions.js';
import type { SeedExtension } from './seed-extension.js';
import { SEED_EXTENSIONS } from './seed-extensions.js';
import { renderSeedManifest } from './seed-manifest.js';

/** Where the seeded images live: `ghcr.io/siderolabs/<name>`. */
export const SEED_REPOSITORY_PREFIX = 'ghcr.io/siderolabs/';

const BY_NAME = new Map<string, SeedExtension>(SEED_EXTENSIONS.map((e) => [e.name, e]));

/** The image `ghcr.io/siderolabs/<name>:<tag>` built for Talos release `talos`. */
export function buildSeedImage(talos: string, name: string, tag: string): FsTree {
  // every name in SEED_RELEASES has an entry (the catalog tests check it)
  const ext = BY_NAME.get(name) as SeedExtension;
  const facts = describeTalosVersion(talos);
  const reference = `${SEED_REPOSITORY_PREFIX}${name}:${tag}`;
  const rootfs = ext.rootfs({
    reference,
    talos,
    modules: `${facts.modulesPath}/${facts.kernelRelease}`,
    firmware: facts.firmwarePath,
  });
  return imageFromDescription({ manifest: renderSeedManifest(ext, talos, tag), rootfs });
}
