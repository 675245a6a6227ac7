// The four extensions added to the seeded catalog together (iscsi-tools, nut-client, tailscale, util-linux-tools):
// their image tags release by release, and how the tests reach their images, through Image Factory's
// officialExtensions resolution on the default catalog.
import { type ExtensionsCatalog, SEEDED_TALOS_RELEASES } from '../../../src/extensions/index.js';
import { resolveOfficialExtensions, type Schematic } from '../../../src/imager/index.js';

export const NAMES = ['iscsi-tools', 'nut-client', 'tailscale', 'util-linux-tools'] as const;

/** Image tags by release, from each tag's vars.yaml (and the Pkgfile's UTIL_LINUX_VERSION); `-` where not built. */
export const VERSIONS: Readonly<Record<string, readonly [string, string, string, string]>> = {
  'v1.0.6': ['-', '-', '-', '-'],
  'v1.1.2': ['v0.1.1', '-', '-', '-'],
  'v1.2.9': ['v0.1.1', '2.8.0-v1.2.9', '-', '-'],
  'v1.3.7': ['v0.1.4', '2.8.0-v1.3.7', '-', '-'],
  'v1.4.8': ['v0.1.4', '2.8.0-v1.4.8', '-', '-'],
  'v1.5.6': ['v0.1.4', '2.8.0-v1.5.6', '1.46.1', '-'],
  'v1.6.8': ['v0.1.4', '2.8.1-v1.6.8', '1.54.0', 'v1.6.8'],
  'v1.7.7': ['v0.1.4', '2.8.2', '1.68.1', '2.39.3'],
  'v1.8.4': ['v0.1.6', '2.8.2', '1.72.1', '2.40.2'],
  'v1.9.6': ['v0.1.6', '2.8.2', '1.78.1', '2.40.4'],
  'v1.10.9': ['v0.2.0', '2.8.2', '1.84.0', '2.40.4'],
  // the real list siderolabs/talos keeps for v1.11.2
  'v1.11.2': ['v0.2.0', '2.8.4', '1.88.1', '2.41.1'],
  'v1.11.6': ['v0.2.0', '2.8.4', '1.88.1', '2.41.1'],
  'v1.12.11': ['v0.2.0', '2.8.4', '1.94.2', '2.41.4'],
  'v1.13.9': ['v0.2.0', '2.8.5', '1.102.2', '2.42.2'],
  // the real list siderolabs/talos keeps for v1.14.0-alpha.1
  'v1.14.0-alpha.1': ['v0.2.0', '2.8.5', '1.98.2', '2.42.0'],
  'v1.14.0-rc.1': ['v0.2.0', '2.8.5', '1.102.2', '2.42.2'],
};

export const versionOf = (name: string, talos: string) =>
  VERSIONS[talos]?.[NAMES.indexOf(name as (typeof NAMES)[number])];
export const releasesWith = (name: string) => SEEDED_TALOS_RELEASES.filter((t) => versionOf(name, t) !== '-');
export const official = (name: string): Schematic => ({
  customization: { systemExtensions: { officialExtensions: [`siderolabs/${name}`] } },
});

/** The image of `name` Image Factory resolves for `talos`. */
export function officialImage(catalog: ExtensionsCatalog, name: string, talos: string) {
  const [pinned] = resolveOfficialExtensions(official(name), talos, catalog);
  return catalog.registry.pull(pinned as string).image;
}
