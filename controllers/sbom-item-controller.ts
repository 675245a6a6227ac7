// runtime.SBOMItemController (v1.11.0-beta.0 on): publishes the node's software bill of materials once, at start:
// every package of every `*.spdx.json` regular file in /usr/share/spdx (Talos's own; a missing directory is an
// error) and then /usr/local/share/spdx (what system extensions ship; missing is fine), files in name order, one
// SBOMItem per package name. Items are modified in place, so a name seen twice keeps the later version and license
// and accumulates CPEs and PURLs (and a restart after a failure appends them again, as upstream does). A package
// named `Talos (…)` is published as `Talos`. License: before v1.14.0-alpha.2 licenseDeclared unless `NOASSERTION`;
// from it licenseConcluded unless `NOASSERTION`, else licenseDeclared unless `NOASSERTION` (an absent
// licenseConcluded therefore clears the license — upstream's behaviour).
import { type SBOMItemSpec, SBOMItemType } from '../resources/sbom-item.js';
import { isTalosAtLeast } from '../resources/talos-release.js';
import {
  type Controller,
  type Input,
  type Logger,
  newTypedResource,
  type Output,
  type Runtime,
} from '../src/cosi/index.js';
import { compareGoStrings, goFsErrorText, goQuote, isNotExist } from '../src/gofmt/index.js';
import { ControllerFailure } from './controller-failure.js';
import { DecodeCache } from './decode-cache.js';
import { decodeSpdxDocument, type SpdxDocument, type SpdxPackage } from './spdx-document.js';

/** constants.SPDXPath */
export const SPDX_PATH = '/usr/share/spdx';
/** constants.ExtensionSPDXPath */
export const EXTENSION_SPDX_PATH = '/usr/local/share/spdx';
/** Commit fc3f27d79: licenseConcluded is preferred from this release. */
export const LICENSE_CONCLUDED_SINCE = 'v1.14.0-alpha.2';
/** version.Name */
const TALOS_NAME = 'Talos';
const NO_ASSERTION = 'NOASSERTION';

/** Decoded documents: every node of a release reads the same base SBOM, every node of an asset the same extras. */
const documents = new DecodeCache<SpdxDocument>(64);

/** What the controller reads from the node's root: node:fs's readdir with file types and readFile. */
export interface SbomFiles {
  readdirSync(path: string, options: { readonly withFileTypes: true }): { name: string; isFile(): boolean }[];
  readFileSync(path: string): Uint8Array;
}

export interface SBOMItemControllerOptions {
  readonly files: SbomFiles;
  /** The node's release: how the license is chosen. */
  readonly talosVersion: string;
}

export class SBOMItemController implements Controller {
  readonly name = 'runtime.SBOMItemController';

  constructor(private readonly options: SBOMItemControllerOptions) {}

  inputs(): Input[] {
    return [];
  }

  outputs(): Output[] {
    return [{ type: SBOMItemType.definition.type, kind: 'exclusive' }];
  }

  async run(r: Runtime, logger: Logger): Promise<void> {
    // the controller runs a single time
    if (!(await r.nextEvent())) return;
    for (const [isExtension, path] of [
      [false, SPDX_PATH],
      [true, EXTENSION_SPDX_PATH],
    ] as const) {
      try {
        await this.processDirectory(r, logger, path, isExtension);
      } catch (err) {
        // the extension SBOM directory is only present if extensions are installed
        if (isExtension && isNotExist(err)) continue;
        throw err;
      }
    }
  }

  private async processDirectory(r: Runtime, logger: Logger, path: string, isExtension: boolean): Promise<void> {
    let entries: { name: string; isFile(): boolean }[];
    try {
      entries = this.options.files.readdirSync(path, { withFileTypes: true });
    } catch (err) {
      const cause = { code: (err as { code?: unknown }).code, message: goFsErrorText(err, 'open', path) };
      throw new ControllerFailure('sbom', `failed to read SBOM directory ${goQuote(path)}: ${cause.message}`, {
        cause,
      });
    }
    // os.ReadDir sorts by name
    for (const entry of [...entries].sort((a, b) => compareGoStrings(a.name, b.name))) {
      if (!entry.isFile()) {
        logger.log('debug', 'skipping non-regular file', { file: entry.name });
        continue;
      }
      if (!entry.name.endsWith('.spdx.json')) {
        logger.log('debug', 'skipping non-SPDX file', { file: entry.name });
        continue;
      }
      try {
        await this.processFile(r, `${path}/${entry.name}`, isExtension);
      } catch (err) {
        throw ControllerFailure.wrap('sbom', `failed to process SBOM file ${goQuote(entry.name)}`, err);
      }
    }
  }

  private async processFile(r: Runtime, path: string, isExtension: boolean): Promise<void> {
    let bytes: Uint8Array;
    try {
      bytes = this.options.files.readFileSync(path);
    } catch (err) {
      const cause = { code: (err as { code?: unknown }).code, message: goFsErrorText(err, 'open', path) };
      throw new ControllerFailure('sbom', `failed to open SBOM file ${goQuote(path)}: ${cause.message}`, { cause });
    }
    const licenseConcluded = isTalosAtLeast(this.options.talosVersion, LICENSE_CONCLUDED_SINCE);
    let packages: readonly SpdxPackage[];
    try {
      const key = `${licenseConcluded}\u0000${Buffer.from(bytes).toString('latin1')}`;
      packages = documents.get(key, () => decodeSpdxDocument(bytes, { licenseConcluded })).packages;
    } catch (err) {
      throw ControllerFailure.wrap('sbom', `failed to decode SBOM file ${goQuote(path)}`, err);
    }
    for (const pkg of packages) {
      const name = pkg.name.startsWith(`${TALOS_NAME} (`) ? TALOS_NAME : pkg.name;
      try {
        await r.modify(newTypedResource(SBOMItemType, name), (item) => {
          item.spec = updatedItem(item.spec, { ...pkg, name }, isExtension, licenseConcluded);
        });
      } catch (err) {
        throw ControllerFailure.wrap('state', `failed to create SBOM item for package ${goQuote(name)}`, err);
      }
    }
  }
}

/** The item after one package was applied to it; fields in Go order, omitempty ones left out. */
function updatedItem(
  current: SBOMItemSpec,
  pkg: SpdxPackage,
  isExtension: boolean,
  licenseConcluded: boolean,
): SBOMItemSpec {
  let license = current.license ?? '';
  if (licenseConcluded) {
    if (pkg.licenseConcluded !== NO_ASSERTION) license = pkg.licenseConcluded;
    else if (pkg.licenseDeclared !== NO_ASSERTION) license = pkg.licenseDeclared;
  } else if (pkg.licenseDeclared !== NO_ASSERTION) {
    license = pkg.licenseDeclared;
  }
  const cpes = [...(current.cpes ?? [])];
  const purls = [...(current.purls ?? [])];
  for (const ref of pkg.externalRefs) {
    if (ref.referenceType === 'cpe23Type') cpes.push(ref.referenceLocator);
    else if (ref.referenceType === 'purl') purls.push(ref.referenceLocator);
  }
  const item: SBOMItemSpec = { name: pkg.name, version: pkg.versionInfo };
  if (license !== '') item.license = license;
  if (cpes.length > 0) item.cpes = cpes;
  if (purls.length > 0) item.purls = purls;
  if (isExtension) item.extension = true;
  return item;
}
