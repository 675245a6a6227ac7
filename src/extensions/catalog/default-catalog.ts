// The catalog talos-sim starts with: the seeded real extensions (seed-extensions.ts) published for every known
// Talos release (seed-releases.ts), with their index images, so `sim ext find`, official extensions and image pulls
// work out of the box. Images are built on first use (seed-registry.ts): the CLI creates a catalog on every run.
import { ExtensionsCatalog } from './extensions-catalog.js';
import { SeedRegistry } from './seed-registry.js';
import { SEED_RELEASES } from './seed-releases.js';

export { renderSeedManifest } from './seed-manifest.js';

/** The Talos releases the default catalog has an index for, oldest first. */
export const SEEDED_TALOS_RELEASES: readonly string[] = Object.keys(SEED_RELEASES);

/** A fresh registry and catalog with the seeded extensions published for every seeded release. */
export function createDefaultCatalog(): ExtensionsCatalog {
  return new ExtensionsCatalog(new SeedRegistry());
}
