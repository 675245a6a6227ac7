// The SBOMs seeded extensions ship from v1.11: which images carry which `/usr/local/share/spdx/*.spdx.json`, that
// each reads as Talos's SBOMItemController reads it, and that the documents have the shape bldr writes (held against
// the real one siderolabs/talos keeps as controller testdata).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createDefaultCatalog, SEEDED_TALOS_RELEASES } from '../../../src/extensions/index.js';
import { sbomItems } from './sbom-items.js';

const catalog = createDefaultCatalog();
const decoder = new TextDecoder();
const SPDX_DIR = 'rootfs/usr/local/share/spdx';

const SINCE_V1_11 = SEEDED_TALOS_RELEASES.filter((t) => !/^v1\.([0-9]|10)\./.test(t));
/** OPEN_ISCSI_VERSION at each tag: 2.1.12 reached the v1.13 branch in v1.13.8 and main in v1.14.0-beta.0. */
const OPEN_ISCSI: Readonly<Record<string, string>> = {
  'v1.11.2': '2.1.11',
  'v1.11.6': '2.1.11',
  'v1.12.11': '2.1.11',
  'v1.13.9': '2.1.12',
  'v1.14.0-alpha.1': '2.1.11',
  'v1.14.0-rc.1': '2.1.12',
};

const TALOS_TESTDATA = readFileSync(
  join(import.meta.dirname, '../../fixtures/extensions/spdx/talos-testdata-tailscale.spdx.json.txt'),
  'utf8',
);

/** `name -> the SPDX files its image ships`, for the images of a release that ship any. */
function spdxFiles(talos: string): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const entry of catalog.entries(talos)) {
    const listed = catalog.registry.pull(entry.pinned).image.lookup(SPDX_DIR);
    if (listed === undefined) continue;
    const name = entry.reference.slice('ghcr.io/siderolabs/'.length).split(':')[0] as string;
    out[name] = catalog.registry.pull(entry.pinned).image.list(SPDX_DIR) ?? [];
  }
  return out;
}

function read(pinned: string, path: string): string {
  const node = catalog.registry.pull(pinned).image.lookup(path);
  if (node?.kind !== 'file') throw new Error(`${pinned}: no file ${path}`);
  return decoder.decode(node.read());
}

/** Keys of a JSON value, recursively, in order: the shape of a document. */
function shape(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(shape);
  if (value !== null && typeof value === 'object') {
    return Object.entries(value).map(([k, v]) => [k, shape(v)]);
  }
  return typeof value;
}

describe('the SBOM reader', () => {
  it('reads Talos’s own testdata as its controller test expects', () => {
    const [tailscale, root] = sbomItems(TALOS_TESTDATA);
    expect(tailscale).toEqual({
      name: 'tailscale',
      version: '1.84.2',
      license: 'BSD-3-Clause',
      cpes: ['cpe:2.3:a:tailscale:tailscale:1.84.2:*:*:*:*:*:*:*'],
      purls: [],
    });
    expect(root).toEqual({ name: 'sidero-pkgs-tailscale', version: '1.84.2', license: '', cpes: [], purls: [] });
  });

  it('fails where encoding/json fails, and ignores what the reduced document lacks', () => {
    expect(() => sbomItems('{"packages": [{"name": 1}]}')).toThrow('cannot unmarshal number');
    expect(() => sbomItems('{"packages": {}}')).toThrow('cannot unmarshal object');
    expect(sbomItems('{"spdxVersion": "SPDX-2.3"}')).toEqual([]);
  });
});

describe('bldr’s SPDX documents', () => {
  it('have the shape of the real one, but for the source tarball entries', () => {
    const real = JSON.parse(TALOS_TESTDATA);
    const [pinned] = catalog.find('/gvisor:', 'v1.11.6');
    const ours = JSON.parse(read(pinned as string, `${SPDX_DIR}/gvisor.spdx.json`));
    // bldr lists a step's source tarballs as files the package contains; talos-sim leaves them out
    const { files: _files, ...withoutFiles } = real;
    withoutFiles.relationships = real.relationships.slice(1);
    expect(shape(ours)).toEqual(shape(withoutFiles));
    // what does not depend on the package is bldr's, SOURCE_DATE_EPOCH included; the tool is v1.11.6's frontend
    expect({ ...ours.creationInfo, creators: [] }).toEqual({ ...real.creationInfo, creators: [] });
    expect(ours.creationInfo.creators).toEqual(['Organization: Anchore, Inc', 'Tool: bldr-v0.5.6']);
    expect(ours.documentNamespace).toMatch(/^https:\/\/anchore\.com\/bldr\/dir\/sidero-pkgs-gvisor-[0-9a-f-]{36}$/);
    const common = ({ SPDXID, name, versionInfo, licenseDeclared, externalRefs, ...rest }: Record<string, unknown>) =>
      rest;
    expect(common(ours.packages[0])).toEqual(common(real.packages[0]));
    expect(ours.packages[0].SPDXID).toMatch(/^SPDXRef-Package-bldr-package-gvisor-[0-9a-f]{16}$/);
    expect(common(ours.packages[1])).toEqual(common(real.packages[1]));
    expect(ours.relationships.map((r: { relationshipType: string }) => r.relationshipType)).toEqual([
      'CONTAINS',
      'DESCRIBES',
    ]);
  });
});

describe('tailscale’s SBOM', () => {
  it('is the one in Talos’s testdata but for its version, the tool and the hash-derived ids', () => {
    const [pinned] = catalog.find('/tailscale:', 'v1.11.2');
    const ours = read(pinned as string, `${SPDX_DIR}/tailscale.spdx.json`);
    const real = JSON.parse(TALOS_TESTDATA.replaceAll('1.84.2', '1.88.1').replace('bldr-v0.5.1', 'bldr-v0.5.4'));
    const ids = /"(SPDXRef-Package-bldr-package-tailscale-[0-9a-f]{16}|https:\/\/anchore[^"]*)"/g;
    const { files: _files, ...withoutFiles } = real;
    withoutFiles.relationships = real.relationships.slice(1);
    const normalized = (text: string) => text.replace(ids, '"ID"');
    expect(normalized(ours)).toBe(normalized(`${JSON.stringify(withoutFiles, null, 1)}\n`));
  });
});

describe('SBOMs in the seeded images', () => {
  it('appear with the sbom steps of v1.11: none before', () => {
    const before = SEEDED_TALOS_RELEASES.filter((t) => /^v1\.([0-9]|10)\./.test(t));
    expect(before).toHaveLength(11);
    for (const talos of before) expect(spdxFiles(talos), talos).toEqual({});
  });

  it.each(SINCE_V1_11)('%s: where the pkg.yaml has sbom steps', (talos) => {
    // iscsi-tools: its own step and its open-iscsi stage's until v1.12; from v1.13 one step, still open-iscsi.spdx.json
    const iscsi =
      talos.startsWith('v1.11.') || talos.startsWith('v1.12.') ? ['iscsi-tools', 'open-iscsi'] : ['open-iscsi'];
    expect(spdxFiles(talos)).toEqual({
      gvisor: ['gvisor.spdx.json'],
      'intel-ucode': ['intel-ucode.spdx.json'],
      'iscsi-tools': iscsi.map((f) => `${f}.spdx.json`),
      'nut-client': ['nut-client.spdx.json'],
      'qemu-guest-agent': ['qemu-guest-agent.spdx.json'],
      tailscale: ['tailscale.spdx.json'],
      'vmtoolsd-guest-agent': ['vmtoolsd-guest-agent.spdx.json'],
    });
  });

  it.each(SINCE_V1_11)('%s: read as SBOM items of the version built', (talos) => {
    for (const entry of catalog.entries(talos)) {
      const [repository = '', tag = ''] = entry.reference.split(/:(?=[^:]*$)/);
      const name = repository.slice('ghcr.io/siderolabs/'.length);
      // iscsi-tools' SBOM describes open-iscsi, whose version is not the packaging version v0.2.0
      const version = name === 'iscsi-tools' ? OPEN_ISCSI[talos] : tag;
      for (const file of spdxFiles(talos)[name] ?? []) {
        const text = read(entry.pinned, `${SPDX_DIR}/${file}`);
        const [pkg, root] = sbomItems(text);
        // until v1.12 the open-iscsi stage's SBOM names its own package
        const pkgName = file === 'open-iscsi.spdx.json' && spdxFiles(talos)[name]?.length === 2 ? 'open-iscsi' : name;
        expect(pkg, `${entry.pinned} ${file}`).toMatchObject({ name: pkgName, version });
        expect(root).toEqual({ name: `sidero-pkgs-${pkgName}`, version, license: '', cpes: [], purls: [] });
        expect(pkg?.cpes.every((cpe) => cpe.startsWith('cpe:2.3:a:') && cpe.includes(`:${version}:`))).toBe(true);
      }
    }
  });

  it('declare the licenses and CPEs of the pkg.yaml, as syft writes them', () => {
    const items = (name: string, talos: string) => {
      const [pinned] = catalog.find(`/${name}:`, talos);
      return sbomItems(read(pinned as string, `${SPDX_DIR}/${name}.spdx.json`))[0];
    };
    expect(items('gvisor', 'v1.13.9')).toEqual({
      name: 'gvisor',
      version: '20260810.0',
      license: 'Apache-2.0',
      cpes: ['cpe:2.3:a:google:gvisor:20260810.0:*:*:*:*:*:*:*'],
      purls: [],
    });
    expect(items('qemu-guest-agent', 'v1.12.11')).toMatchObject({
      license: 'GPL-2.0-only AND LGPL-2.1-only',
      cpes: ['cpe:2.3:a:qemu:qemu:10.2.0:*:*:*:*:*:*:*'],
    });
    expect(items('intel-ucode', 'v1.11.2')).toEqual({
      name: 'intel-ucode',
      version: '20250812',
      license: '',
      cpes: [],
      purls: [],
    });
    expect(items('vmtoolsd-guest-agent', 'v1.14.0-rc.1')).toMatchObject({ version: 'v1.5.1', license: 'Apache-2.0' });
    expect(items('nut-client', 'v1.13.9')).toEqual({
      name: 'nut-client',
      version: '2.8.5',
      license: 'GPL-2.0-only AND GPL-3.0-only',
      cpes: [],
      purls: [],
    });
    expect(items('tailscale', 'v1.11.2')).toEqual({
      name: 'tailscale',
      version: '1.88.1',
      license: 'BSD-3-Clause',
      cpes: ['cpe:2.3:a:tailscale:tailscale:1.88.1:*:*:*:*:*:*:*'],
      purls: [],
    });
    const [iscsi] = catalog.find('/iscsi-tools:', 'v1.14.0-rc.1');
    expect(sbomItems(read(iscsi as string, `${SPDX_DIR}/open-iscsi.spdx.json`))[0]).toEqual({
      name: 'iscsi-tools',
      version: '2.1.12',
      license: 'GPL-2.0-only',
      cpes: ['cpe:2.3:a:open-iscsi_project:open-iscsi:2.1.12:*:*:*:*:*:*:*'],
      purls: [],
    });
  });

  it('name the bldr frontend each release’s Pkgfile was built with', () => {
    const tool = (talos: string) => {
      const [pinned] = catalog.find('/gvisor:', talos);
      return JSON.parse(read(pinned as string, `${SPDX_DIR}/gvisor.spdx.json`)).creationInfo.creators[1];
    };
    expect(['v1.11.2', 'v1.11.6', 'v1.12.11', 'v1.13.9', 'v1.14.0-alpha.1', 'v1.14.0-rc.1'].map(tool)).toEqual([
      'Tool: bldr-v0.5.4',
      'Tool: bldr-v0.5.6',
      'Tool: bldr-v0.5.6',
      'Tool: bldr-v0.5.6',
      'Tool: bldr-v0.5.6',
      'Tool: bldr-v0.6.2',
    ]);
  });
});
