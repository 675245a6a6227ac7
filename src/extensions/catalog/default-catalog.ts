// The catalog talos-sim starts with: the seeded real extensions (seed-extensions.ts) published for every known
// Talos release (seed-releases.ts), with their index images, so `sim ext find`, official extensions and image pulls
// work out of the box.

import { ImageRegistry } from '../registry/image-registry.js';
import { ExtensionsCatalog } from './extensions-catalog.js';
import { buildSeedImage, SEED_REPOSITORY_PREFIX } from './seed-image.js';
import { SEED_RELEASES } from './seed-releases.js';

export { renderSeedManifest } from './seed-manifest.js';

/** The Talos releases the default catalog has an index for, oldest first. */
export const SEEDED_TALOS_RELEASES: readonly string[] = Object.keys(SEED_RELEASES);

/** A fresh registry and catalog with the seeded extensions published for every seeded release. */
export function createDefaultCatalog(): ExtensionsCatalog {
  const catalog = new ExtensionsCatalog(new ImageRegistry());
  for (const [talos, images] of Object.entries(SEED_RELEASES)) {
    catalog.publish(
      talos,
      Object.entries(images).map(([name, tag]) => ({
        reference: `${SEED_REPOSITORY_PREFIX}${name}:${tag}`,
        image: buildSeedImage(talos, name, tag),
      })),
    );
  }
  return catalog;
}
