// What Talos's runtime.SBOMItemController (internal/app/machined/pkg/controllers/runtime/sbom_item.go, v1.11.2 on)
// makes of one `*.spdx.json` file: it decodes a reduced document (`packages[].name`, `versionInfo`,
// `licenseDeclared`, `externalRefs[].referenceType`/`referenceLocator`) with encoding/json, which ignores other keys
// and fails on a value of the wrong JSON type, and writes one SBOMItem per package: the license unless NOASSERTION,
// cpe23Type refs as CPEs, purl refs as PURLs. talos-sim has no SBOM controller; the catalog tests read the seeded
// SBOMs through this.

export interface SbomItem {
  readonly name: string;
  readonly version: string;
  readonly license: string;
  readonly cpes: readonly string[];
  readonly purls: readonly string[];
}

type Json = unknown;

/** encoding/json into a Go string: null leaves the zero value, anything but a string fails. */
function goString(value: Json, where: string): string {
  if (value === undefined || value === null) return '';
  if (typeof value !== 'string') throw new Error(`json: cannot unmarshal ${typeof value} into ${where} of type string`);
  return value;
}

/** encoding/json into a Go slice: null leaves it nil, anything but an array fails. */
function goSlice(value: Json, where: string): readonly Json[] {
  if (value === undefined || value === null) return [];
  if (!Array.isArray(value)) throw new Error(`json: cannot unmarshal ${typeof value} into ${where} of type slice`);
  return value;
}

function goObject(value: Json, where: string): Readonly<Record<string, Json>> {
  if (value === null) return {};
  if (typeof value !== 'object' || Array.isArray(value)) {
    throw new Error(`json: cannot unmarshal ${Array.isArray(value) ? 'array' : typeof value} into ${where}`);
  }
  return value as Record<string, Json>;
}

/** The SBOM items one SPDX file yields, in package order. Throws where the controller's decode fails. */
export function sbomItems(text: string): SbomItem[] {
  const doc = goObject(JSON.parse(text), 'spdxDocument');
  return goSlice(doc.packages, 'spdxDocument.packages').map((raw) => {
    const pkg = goObject(raw, 'spdxPackage');
    const refs = goSlice(pkg.externalRefs, 'spdxPackage.externalRefs').map((r) => goObject(r, 'spdxExternalRef'));
    const located = (type: string) =>
      refs
        .filter((r) => goString(r.referenceType, 'spdxExternalRef.referenceType') === type)
        .map((r) => goString(r.referenceLocator, 'spdxExternalRef.referenceLocator'));
    const license = goString(pkg.licenseDeclared, 'spdxPackage.licenseDeclared');
    return {
      name: goString(pkg.name, 'spdxPackage.name'),
      version: goString(pkg.versionInfo, 'spdxPackage.versionInfo'),
      license: license === 'NOASSERTION' ? '' : license,
      cpes: located('cpe23Type'),
      purls: located('purl'),
    };
  });
}
