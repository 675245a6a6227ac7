// A model of the SPDX documents a Talos release carries in /usr/share/spdx, for the simulated rootfs: a handful of
// the real items (the integration test's "common items": Talos itself, github.com/siderolabs/go-kubernetes,
// containerd, runc, golang, kernel) with each release's versions, not the hundreds of Go modules and packages a real
// node lists. Versions are the tags' (pkg/machinery/constants, go.mod); the shape follows the producers:
// - up to v1.14.0-alpha.1 syft scans the rootfs (`--source-name Talos`, from v1.14.0-alpha.1 lower-cased `talos`,
//   commit 0760b5c28): the root package carries the source name and tag, Go modules carry a golang purl, licenses are
//   NOASSERTION;
// - from v1.14.0-alpha.2 tools/sbom-builder (commit 38244fd5b) adds the OS package `talos` (MPL-2.0, generic purl,
//   cpe `siderolabs:talos_linux`) and `github.com/siderolabs/talos`, and fills Go module licenses (fc3f27d79);
// - siderolabs/pkgs documents (containerd, runc, golang, kernel) declare and conclude their licenses.
import { isTalosAtLeast } from '../resources/talos-release.js';

interface Components {
  readonly goKubernetes: string;
  readonly containerd: string;
  readonly runc: string;
  readonly go: string;
}

/** Component versions at the tags talos-sim knows (constants.go and go.mod at each tag). */
const COMPONENTS: Readonly<Record<string, Components>> = {
  'v1.11.0': { goKubernetes: 'v0.2.26', containerd: '2.1.4', runc: '1.3.0', go: '1.24.6' },
  'v1.11.2': { goKubernetes: 'v0.2.26', containerd: '2.1.4', runc: '1.3.1', go: '1.24.6' },
  'v1.11.6': { goKubernetes: 'v0.2.26', containerd: '2.1.5', runc: '1.3.4', go: '1.24.11' },
  'v1.12.0': { goKubernetes: 'v0.2.28', containerd: '2.1.6', runc: '1.3.4', go: '1.25.5' },
  'v1.12.11': { goKubernetes: 'v0.2.28', containerd: '2.2.5', runc: '1.3.6', go: '1.25.12' },
  'v1.13.0': { goKubernetes: 'v0.2.36', containerd: '2.2.3', runc: '1.4.2', go: '1.26.2' },
  'v1.13.9': { goKubernetes: 'v0.2.38', containerd: '2.2.7', runc: '1.4.3', go: '1.26.6' },
  'v1.14.0-alpha.1': { goKubernetes: 'v0.2.37', containerd: '2.3.1', runc: '1.4.2', go: '1.26.3' },
  'v1.14.0-alpha.2': { goKubernetes: 'v0.2.39', containerd: '2.3.2', runc: '1.5.0-rc.3', go: '1.26.4' },
  'v1.14.0-beta.1': { goKubernetes: 'v0.2.41', containerd: '2.3.3', runc: '1.5.1', go: '1.26.5' },
  'v1.14.0-rc.1': { goKubernetes: 'v0.2.41', containerd: '2.3.3', runc: '1.5.1', go: '1.26.6' },
};

/** The components of the nearest known tag at or before `version` (the first known tag for older ones). */
function componentsOf(version: string): Components {
  const tags = Object.keys(COMPONENTS);
  const at = tags.filter((t) => isTalosAtLeast(version, t)).at(-1) ?? (tags[0] as string);
  return COMPONENTS[at] as Components;
}

interface ModelPackage {
  readonly name: string;
  readonly version: string;
  readonly license?: string;
  readonly refs?: readonly (readonly [type: 'purl' | 'cpe23Type', locator: string])[];
}

function spdxJson(name: string, packages: readonly ModelPackage[]): string {
  const doc = {
    spdxVersion: 'SPDX-2.3',
    dataLicense: 'CC0-1.0',
    SPDXID: 'SPDXRef-DOCUMENT',
    name,
    documentNamespace: `https://sidero.dev/spdx/${name}`,
    creationInfo: { created: '1970-01-01T00:00:00Z', creators: ['Tool: talos-sim model'] },
    packages: packages.map((p, i) => ({
      name: p.name,
      SPDXID: `SPDXRef-Package-${i}`,
      versionInfo: p.version,
      downloadLocation: 'NOASSERTION',
      licenseConcluded: p.license ?? 'NOASSERTION',
      licenseDeclared: p.license ?? 'NOASSERTION',
      copyrightText: 'NOASSERTION',
      ...(p.refs === undefined
        ? {}
        : {
            externalRefs: p.refs.map(([type, locator]) => ({
              referenceCategory: type === 'purl' ? 'PACKAGE-MANAGER' : 'SECURITY',
              referenceType: type,
              referenceLocator: locator,
            })),
          }),
    })),
  };
  return `${JSON.stringify(doc, null, 1)}\n`;
}

export interface TalosBaseSbomFacts {
  /** The release tag, e.g. `v1.13.0`. */
  readonly version: string;
  /** `uname -r`, e.g. `6.18.24-talos`. */
  readonly kernelRelease: string | undefined;
}

/** File name → content of the modelled /usr/share/spdx of a release (empty before v1.11, which has no SBOM). */
export function talosBaseSpdxFiles(facts: TalosBaseSbomFacts): Record<string, string> {
  const { version } = facts;
  if (!isTalosAtLeast(version, 'v1.11.0-beta.0')) return {};
  const c = componentsOf(version);
  const builder = isTalosAtLeast(version, 'v1.14.0-alpha.2');
  const sourceName = isTalosAtLeast(version, 'v1.14.0-alpha.1') ? 'talos' : 'Talos';
  const goModule = (path: string, v: string, license?: string): ModelPackage => ({
    name: path,
    version: v,
    ...(license === undefined ? {} : { license }),
    refs: [['purl', `pkg:golang/${path}@${v}`]],
  });
  const talos: ModelPackage[] = [{ name: sourceName, version }];
  if (builder) {
    talos.push({
      name: 'talos',
      version,
      license: 'MPL-2.0',
      refs: [
        ['purl', `pkg:generic/talos@${version}`],
        ['cpe23Type', `cpe:2.3:o:siderolabs:talos_linux:${version.replace(/^v/, '')}:*:*:*:*:*:*:*`],
      ],
    });
    talos.push(goModule('github.com/siderolabs/talos', version, 'MPL-2.0'));
  }
  talos.push(goModule('github.com/siderolabs/go-kubernetes', c.goKubernetes, builder ? 'MPL-2.0' : undefined));
  const files: Record<string, string> = {
    'containerd.spdx.json': spdxJson('containerd', [
      { name: 'containerd', version: `v${c.containerd}`, license: 'Apache-2.0' },
    ]),
    'golang.spdx.json': spdxJson('golang', [{ name: 'golang', version: c.go, license: 'BSD-3-Clause' }]),
    'runc.spdx.json': spdxJson('runc', [{ name: 'runc', version: `v${c.runc}`, license: 'Apache-2.0' }]),
    'talos.spdx.json': spdxJson(sourceName, talos),
  };
  const kernel = facts.kernelRelease?.split('-')[0];
  if (kernel !== undefined) {
    files['kernel.spdx.json'] = spdxJson('kernel', [{ name: 'kernel', version: kernel, license: 'GPL-2.0-only' }]);
  }
  return files;
}
