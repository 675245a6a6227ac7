// The catalog talos-sim starts with: a registry holding the seeded real extensions for the seeded Talos releases,
// and their index images, so `sim ext find` and image pulls work out of the box.
import { imageFromDescription } from '../image/image-description.js';
import { ImageRegistry } from '../registry/image-registry.js';
import { describeTalosVersion } from '../talos-versions.js';
import { ExtensionsCatalog } from './extensions-catalog.js';
import { SEED_EXTENSIONS, type SeedExtension } from './seed-extensions.js';
import { SEED_RELEASES } from './seed-releases.js';

const REPOSITORY_PREFIX = 'ghcr.io/siderolabs/';

/** The manifest text siderolabs/extensions renders from its `manifest.yaml.tmpl` template. */
export function renderSeedManifest(ext: SeedExtension, version: string): string {
  const description = ext.description.map((line, i) => `    ${i === 0 ? `[${ext.tier}] ` : ''}${line}\n`).join('');
  return [
    'version: v1alpha1',
    'metadata:',
    `  name: ${ext.name}`,
    `  version: "${version}"`,
    `  author: ${ext.author}`,
    '  description: |',
    `${description}  compatibility:`,
    '    talos:',
    `      version: "${ext.constraint}"`,
    '',
  ].join('\n');
}

/** The Talos releases the default catalog has an index for. */
export const SEEDED_TALOS_RELEASES: readonly string[] = Object.keys(SEED_RELEASES);

/** A fresh registry and catalog with the seeded extensions published for every seeded release. */
export function createDefaultCatalog(): ExtensionsCatalog {
  const catalog = new ExtensionsCatalog(new ImageRegistry());
  for (const [talos, versions] of Object.entries(SEED_RELEASES)) {
    const kernel = describeTalosVersion(talos).kernel as string;
    const images = Object.entries(versions).map(([name, version]) => {
      const ext = SEED_EXTENSIONS.find((e) => e.name === name) as SeedExtension;
      const reference = `${REPOSITORY_PREFIX}${name}:${version}`;
      const rootfs = ext.rootfs({ reference, talos, modules: `/usr/lib/modules/${kernel}-talos` });
      return { reference, image: imageFromDescription({ manifest: renderSeedManifest(ext, version), rootfs }) };
    });
    catalog.publish(talos, images);
  }
  return catalog;
}
