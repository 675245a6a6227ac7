// The SBOM files siderolabs/extensions images carry from v1.11 (spec extension-catalog §1.8): a pkg.yaml step with
// an `sbom:` block makes bldr write one SPDX 2.3 JSON document to `/usr/local/share/spdx/<file>.spdx.json`, which
// Talos's runtime.SBOMItemController reads (ExtensionSPDXPath) into SBOMItem resources: each package's `name`,
// `versionInfo`, `licenseDeclared` and its `cpe23Type`/`purl` externalRefs.
//
// The documents have the shape bldr writes through syft's SPDX encoder (bldr's testdata sbom/final/*.json and
// siderolabs/talos's controller testdata ext-spdx/tailscale.spdx.json): the package, the document-root directory
// package, their relationships, `created` at SOURCE_DATE_EPOCH (the extensions repository's first commit) and the
// bldr frontend of the Pkgfile's `# syntax` line as the tool. Left out: the `files` entries bldr adds for a step's
// source tarballs (URL and checksums), which nothing in Talos reads. Stand-ins: the hash suffix of the package's
// SPDX id and the namespace UUID, which syft derives from its internal structures; here they hash the package name
// and version, so they are stable but not upstream's.
import { createHash } from 'node:crypto';
import type { FileSpec } from '../image/image-description.js';
import { parseTalosVersion } from '../talos-version.js';
import { builtSince, type SeedContext } from './seed-context.js';

/** Where extensions put their SBOMs (Talos `constants.ExtensionSPDXPath`). */
export const EXTENSION_SPDX_PATH = '/usr/local/share/spdx';

/** First extensions tag whose pkg.yaml files carry `sbom:` steps (tailscale's came one pre-release earlier). */
export const SBOM_SINCE = 'v1.11.0-beta.1';

/** `git log <first commit> --pretty=%ct` of siderolabs/extensions: the Makefile's SOURCE_DATE_EPOCH. */
const CREATED = '2022-01-20T18:35:52Z';

/**
 * The bldr frontend the Pkgfile's `# syntax = ghcr.io/siderolabs/bldr:<v>` line names at each release's tag; the
 * releases between two entries are on the earlier one's.
 */
const BLDR_FRONTEND: readonly (readonly [release: string, bldr: string])[] = [
  ['v1.11.0-beta.0', 'v0.5.1'],
  ['v1.11.0', 'v0.5.2'],
  ['v1.11.2', 'v0.5.4'],
  ['v1.11.6', 'v0.5.6'],
  ['v1.12.0-alpha.0', 'v0.5.2'],
  ['v1.12.0-alpha.1', 'v0.5.4'],
  ['v1.12.0-beta.0', 'v0.5.5'],
  ['v1.12.0-rc.1', 'v0.5.6'],
  ['v1.14.0-alpha.2', 'v0.6.0'],
  ['v1.14.0-beta.0', 'v0.6.1'],
  ['v1.14.0-rc.1', 'v0.6.2'],
];

/** The bldr frontend a release's images were built with; release branches keep their line's last entry. */
export function bldrFrontend(talos: string): string {
  const at = parseTalosVersion(talos);
  const sameLine = (r: string) => parseTalosVersion(r).minor === at.minor && parseTalosVersion(r).major === at.major;
  const earlier = BLDR_FRONTEND.filter(([r]) => parseTalosVersion(r).compare(at) <= 0);
  const own = earlier.filter(([r]) => sameLine(r));
  return ((own.length > 0 ? own : earlier).at(-1) ?? BLDR_FRONTEND[0])?.[1] as string;
}

/** One `sbom:` step of a pkg.yaml. */
export interface SbomStep {
  /** The file name under /usr/local/share/spdx, without `.spdx.json` (`outputPath`). */
  readonly file: string;
  /** The bldr package the step belongs to: the SPDX package's name. */
  readonly pkg: string;
  readonly version: string;
  readonly cpes?: readonly string[];
  readonly purl?: string;
  /** As the pkg.yaml lists them. */
  readonly licenses?: readonly string[];
}

/** syft replaces the deprecated SPDX ids pkg.yaml files use by their `-only` successors. */
const DEPRECATED_LICENSE_IDS: Readonly<Record<string, string>> = {
  'GPL-2.0': 'GPL-2.0-only',
  'GPL-3.0': 'GPL-3.0-only',
  'LGPL-2.1': 'LGPL-2.1-only',
};

function hex(algorithm: 'sha1' | 'sha256', text: string): string {
  return createHash(algorithm).update(text).digest('hex');
}

/** A UUIDv5-shaped stand-in for the namespace syft derives deterministically from the document. */
function namespaceUuid(seed: string): string {
  const h = hex('sha1', seed);
  const variant = ((Number.parseInt(h[16] as string, 16) & 0x3) | 0x8).toString(16);
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-5${h.slice(13, 16)}-${variant}${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

/** The SPDX JSON text bldr writes for `step`, built with bldr frontend `bldr`. */
export function spdxDocument(step: SbomStep, bldr: string): string {
  const root = `sidero-pkgs-${step.pkg}`;
  const packageId = `SPDXRef-Package-bldr-package-${step.pkg}-${hex('sha256', `${step.pkg}@${step.version}`).slice(0, 16)}`;
  const rootId = `SPDXRef-DocumentRoot-Directory-${root}`;
  const licenses = (step.licenses ?? []).map((l) => DEPRECATED_LICENSE_IDS[l] ?? l);
  const externalRefs = [
    ...(step.cpes ?? []).map((cpe) => ({
      referenceCategory: 'SECURITY',
      referenceType: 'cpe23Type',
      referenceLocator: cpe,
    })),
    ...(step.purl === undefined
      ? []
      : [{ referenceCategory: 'PACKAGE-MANAGER', referenceType: 'purl', referenceLocator: step.purl }]),
  ];
  const doc = {
    spdxVersion: 'SPDX-2.3',
    dataLicense: 'CC0-1.0',
    SPDXID: 'SPDXRef-DOCUMENT',
    name: root,
    documentNamespace: `https://anchore.com/bldr/dir/${root}-${namespaceUuid(`${root}@${step.version}`)}`,
    creationInfo: {
      licenseListVersion: '3.25',
      creators: ['Organization: Anchore, Inc', `Tool: bldr-${bldr}`],
      created: CREATED,
    },
    packages: [
      {
        name: step.pkg,
        SPDXID: packageId,
        versionInfo: step.version,
        supplier: 'NOASSERTION',
        downloadLocation: 'NOASSERTION',
        filesAnalyzed: false,
        sourceInfo: 'acquired package info from the following paths: /Pkgfile',
        licenseConcluded: 'NOASSERTION',
        licenseDeclared: licenses.length === 0 ? 'NOASSERTION' : licenses.join(' AND '),
        copyrightText: 'NOASSERTION',
        ...(externalRefs.length === 0 ? {} : { externalRefs }),
      },
      {
        name: root,
        SPDXID: rootId,
        versionInfo: step.version,
        supplier: 'NOASSERTION',
        downloadLocation: 'NOASSERTION',
        filesAnalyzed: false,
        licenseConcluded: 'NOASSERTION',
        licenseDeclared: 'NOASSERTION',
        copyrightText: 'NOASSERTION',
        primaryPackagePurpose: 'FILE',
      },
    ],
    relationships: [
      { spdxElementId: rootId, relatedSpdxElement: packageId, relationshipType: 'CONTAINS' },
      { spdxElementId: 'SPDXRef-DOCUMENT', relatedSpdxElement: rootId, relationshipType: 'DESCRIBES' },
    ],
  };
  return `${JSON.stringify(doc, null, 1)}\n`;
}

/** The SPDX files of `steps` in an image built for ctx's release, none before `since` (default SBOM_SINCE). */
export function sbom(
  ctx: SeedContext,
  steps: readonly SbomStep[],
  since: string = SBOM_SINCE,
): Record<string, FileSpec> {
  if (!builtSince(ctx, since)) return {};
  const bldr = bldrFrontend(ctx.talos);
  return Object.fromEntries(
    steps.map((step) => [`${EXTENSION_SPDX_PATH}/${step.file}.spdx.json`, spdxDocument(step, bldr)]),
  );
}
