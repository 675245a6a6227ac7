// A seeded extension's `manifest.yaml` for one release: the manifest of that release's era, rendered as
// siderolabs/extensions renders its `manifest.yaml` (`$VERSION` replaced by sed) or, from v1.11,
// `manifest.yaml.tmpl` (`{{ .VERSION }}`, and the `[{{ .TIER }}] ` tag opening the description).
import { parseTalosVersion } from '../talos-version.js';
import type { SeedExtension, SeedManifest } from './seed-extension.js';

/** First release whose descriptions open with the `[tier]` tag. */
const TIERED_SINCE = parseTalosVersion('v1.11.0');

/** The manifest facts of `ext` as built for Talos release `talos`. */
export function seedManifest(ext: SeedExtension, talos: string): SeedManifest {
  const at = parseTalosVersion(talos);
  let manifest = ext.manifest;
  for (const era of ext.earlier ?? []) {
    if (at.compare(parseTalosVersion(era.before)) < 0) manifest = { ...manifest, ...era.differs };
  }
  return manifest;
}

/** The manifest text of `ext` built for Talos release `talos` and tagged `tag` (its VERSION). */
export function renderSeedManifest(ext: SeedExtension, talos: string, tag: string): string {
  const m = seedManifest(ext, talos);
  const tier = m.tier !== undefined && parseTalosVersion(talos).compare(TIERED_SINCE) >= 0 ? `[${m.tier}] ` : '';
  const description = m.description.map((line, i) => `    ${i === 0 ? tier : ''}${line}\n`).join('');
  return [
    'version: v1alpha1',
    'metadata:',
    `  name: ${m.name}`,
    `  version: "${m.version ?? tag}"`,
    `  author: ${m.author}`,
    '  description: |',
    `${description}  compatibility:`,
    '    talos:',
    `      version: "${m.constraint}"`,
    '',
  ].join('\n');
}
