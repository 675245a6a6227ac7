// runtime.SBOMItemController over a simulated root: the release's base SBOM (modelled) in /usr/share/spdx and the
// documents extensions ship in /usr/local/share/spdx, with Go's JSON decoding errors.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { SBOMItemController } from '../../controllers/sbom-item-controller.js';
import { talosBaseSpdxFiles } from '../../controllers/talos-base-sbom.js';
import { type SBOMItemSpec, SBOMItemType } from '../../resources/sbom-item.js';
import type { Resource } from '../../src/cosi/index.js';
import type { TreeDirectory } from '../../src/overlayfs-sim/index.js';
import { expectGolden } from '../support/golden.js';
import { derivedRuntime, nodeRoot, printResources } from './derived-runtime.js';

const KIND = { namespace: 'runtime', type: SBOMItemType.definition.type };

const GVISOR_SPDX = JSON.stringify({
  spdxVersion: 'SPDX-2.3',
  packages: [
    {
      name: 'gvisor',
      versionInfo: '20250505.0',
      licenseDeclared: 'Apache-2.0',
      licenseConcluded: 'Apache-2.0',
      externalRefs: [
        {
          referenceCategory: 'SECURITY',
          referenceType: 'cpe23Type',
          referenceLocator: 'cpe:2.3:a:google:gvisor:20250505.0:*:*:*:*:*:*:*',
        },
        { referenceCategory: 'OTHER', referenceType: 'swid', referenceLocator: 'ignored' },
      ],
    },
  ],
});

function baseLayer(version: string, kernelRelease: string): TreeDirectory {
  return { usr: { share: { spdx: talosBaseSpdxFiles({ version, kernelRelease }) } } };
}

function extensionLayer(files: Record<string, string>): TreeDirectory {
  return { usr: { local: { share: { spdx: files } } } };
}

async function run(talosVersion: string, ...layers: TreeDirectory[]) {
  const env = derivedRuntime();
  const { fs } = nodeRoot(...layers);
  env.runtime.registerController(new SBOMItemController({ files: fs, talosVersion }));
  env.runtime.start();
  await env.runtime.settle();
  const items = (await env.state.list(KIND)) as Resource<SBOMItemSpec>[];
  const [info] = env.runtime.controllers();
  return { ...env, items, info };
}

const TESTDATA = join(import.meta.dirname, '..', 'fixtures', 'derived', 'spdx');
const testdata = (dir: string, name: string) => readFileSync(join(TESTDATA, dir, name), 'utf8');

describe('runtime.SBOMItemController', () => {
  it.each(['v1.13.0', 'v1.14.0-rc.1'])(
    'reconciles upstream testdata/spdx and testdata/ext-spdx as TestReconcile expects (%s)',
    async (version) => {
      const { items, runtime } = await run(
        version,
        extensionLayer({ 'tailscale.spdx.json': testdata('ext-spdx', 'tailscale.spdx.json') }),
        { usr: { share: { spdx: { 'test.spdx.json': testdata('spdx', 'test.spdx.json') } } } },
      );
      const item = (id: string) => items.find((r) => r.metadata.id === id)?.spec;
      expect(item('apparmor-x86_64')).toMatchObject({
        name: 'apparmor-x86_64',
        version: 'v3.1.7',
        license: 'GPL-2.0-or-later',
      });
      expect(item('apparmor-x86_64')?.cpes).toEqual(
        expect.arrayContaining([
          'cpe:2.3:a:apparmor:apparmor:v3.1.7:*:*:*:*:*:*:*',
          'cpe:2.3:a:canonical:apparmor:v3.1.7:*:*:*:*:*:*:*',
        ]),
      );
      expect([item('apparmor-x86_64')?.purls, item('apparmor-x86_64')?.extension]).toEqual([undefined, undefined]);
      expect(item('cel.dev/expr')).toEqual({
        name: 'cel.dev/expr',
        version: 'v0.24.0',
        purls: ['pkg:golang/cel.dev/expr@v0.24.0'],
      });
      expect(item('tailscale')).toMatchObject({
        name: 'tailscale',
        version: '1.84.2',
        license: 'BSD-3-Clause',
        extension: true,
      });
      expect(item('tailscale')?.cpes).toContain('cpe:2.3:a:tailscale:tailscale:1.84.2:*:*:*:*:*:*:*');
      expect(item('tailscale')?.purls).toBeUndefined();
      await runtime.stop();
    },
  );

  it('publishes the base items of a v1.11 node, the Talos item as `Talos`, once, and finishes', async () => {
    const { items, info, runtime } = await run('v1.11.0', baseLayer('v1.11.0', '6.12.43-talos'));
    expect(items.map((r) => [r.metadata.id, r.spec.version, r.spec.license ?? '', r.spec.extension ?? false])).toEqual([
      ['Talos', 'v1.11.0', '', false],
      ['containerd', 'v2.1.4', 'Apache-2.0', false],
      ['github.com/siderolabs/go-kubernetes', 'v0.2.26', '', false],
      ['golang', '1.24.6', 'BSD-3-Clause', false],
      ['kernel', '6.12.43', 'GPL-2.0-only', false],
      ['runc', 'v1.3.0', 'Apache-2.0', false],
    ]);
    expect(info?.status).toBe('finished');
    await runtime.stop();
  });

  it('marks what extensions ship with extension: true; a missing extension directory is fine', async () => {
    const base = baseLayer('v1.13.0', '6.18.24-talos');
    const without = await run('v1.13.0', base);
    expect(without.items.some((r) => r.spec.extension)).toBe(false);
    await without.runtime.stop();
    const { items, runtime } = await run('v1.13.0', extensionLayer({ 'gvisor.spdx.json': GVISOR_SPDX }), base);
    const gvisor = items.find((r) => r.metadata.id === 'gvisor');
    expect(gvisor?.spec).toEqual({
      name: 'gvisor',
      version: '20250505.0',
      license: 'Apache-2.0',
      cpes: ['cpe:2.3:a:google:gvisor:20250505.0:*:*:*:*:*:*:*'],
      extension: true,
    });
    await runtime.stop();
  });

  it('skips files not named *.spdx.json and anything that is not a regular file', async () => {
    const { items, logger, runtime } = await run(
      'v1.13.0',
      extensionLayer({ 'a.json': '{', 'notes.txt': 'x', 'dir.spdx.json': { 'x.spdx.json': GVISOR_SPDX } } as never),
      baseLayer('v1.13.0', '6.18.24-talos'),
    );
    expect(items.some((r) => r.spec.extension)).toBe(false);
    const skipped = logger.entries
      .filter((e) => e.message.startsWith('skipping'))
      .map((e) => [e.message, e.fields.file]);
    expect(skipped).toEqual([
      ['skipping non-SPDX file', 'a.json'],
      ['skipping non-regular file', 'dir.spdx.json'],
      ['skipping non-SPDX file', 'notes.txt'],
    ]);
    await runtime.stop();
  });

  it('fails without a base SBOM directory, and retries with backoff', async () => {
    const { info, clock, runtime } = await run('v1.13.0', extensionLayer({ 'gvisor.spdx.json': GVISOR_SPDX }));
    expect(info?.lastError?.message).toBe(
      'failed to read SBOM directory "/usr/share/spdx": open /usr/share/spdx: no such file or directory',
    );
    expect(info?.status).toBe('backoff');
    await clock.advance(10_000);
    expect(runtime.controllers()[0]?.failures).toBeGreaterThan(1);
    await runtime.stop();
  });

  it('fails on a broken document with Go encoding/json texts', async () => {
    const base = baseLayer('v1.13.0', '6.18.24-talos');
    const failure = async (text: string) => {
      const { info, runtime } = await run('v1.13.0', extensionLayer({ 'x.spdx.json': text }), base);
      await runtime.stop();
      return info?.lastError?.message.replace(
        'failed to process SBOM file "x.spdx.json": failed to decode SBOM file "/usr/local/share/spdx/x.spdx.json": ',
        '',
      );
    };
    expect(await failure('')).toBe('EOF');
    expect(await failure('  \n')).toBe('EOF');
    expect(await failure('{"packages": [')).toBe('unexpected EOF');
    expect(await failure('{"packages" 1}')).toBe("invalid character '1' after object key");
    expect(await failure('{"packages": [}')).toBe("invalid character '}' looking for beginning of value");
    expect(await failure('{"a": tru}')).toBe("invalid character '}' in literal true (expecting 'e')");
    expect(await failure('{"a": 1 "b"}')).toBe("invalid character '\"' after object key:value pair");
    expect(await failure('{"a": "\\q"}')).toBe("invalid character 'q' in string escape code");
    expect(await failure('{"a": -x}')).toBe("invalid character 'x' in numeric literal");
    expect(await failure('{"a": [1 2]}')).toBe("invalid character '2' after array element");
    expect(await failure('{1}')).toBe("invalid character '1' looking for beginning of object key string");
    expect(await failure("{'a': 1}")).toBe("invalid character '\\'' looking for beginning of object key string");
    expect(await failure('{"a": "\t"}')).toBe("invalid character '\\t' in string literal");
    expect(await failure('[]')).toBe('json: cannot unmarshal array into Go value of type runtime.spdxDocument');
    expect(await failure('{"packages": {}}')).toBe(
      'json: cannot unmarshal object into Go struct field spdxDocument.packages of type []runtime.spdxPackage',
    );
    expect(await failure('{"packages": ["x"]}')).toBe(
      'json: cannot unmarshal string into Go struct field spdxDocument.packages of type runtime.spdxPackage',
    );
    expect(await failure('{"packages": [{"name": 1}, {"versionInfo": true}]}')).toBe(
      'json: cannot unmarshal number into Go struct field spdxPackage.packages.name of type string',
    );
    expect(await failure('{"packages": [{"externalRefs": [{"referenceType": {}}]}]}')).toBe(
      'json: cannot unmarshal object into Go struct field spdxExternalRef.packages.externalRefs.referenceType of type string',
    );
  });

  it('reads keys case-insensitively, ignores unknown ones and what follows the first value', async () => {
    // null sets the slice to nil; a later key matching the same field wins
    const doc =
      '{"packages": [{"name": "z"}], "packages": null, "PACKAGES": [{"Name": "x", "versioninfo": "1", "name": "y", "extra": [1]}]} trailing';
    const { items, runtime } = await run(
      'v1.13.0',
      extensionLayer({ 'x.spdx.json': doc }),
      baseLayer('v1.13.0', '6.18.24-talos'),
    );
    expect(items.filter((r) => r.spec.extension).map((r) => r.spec)).toEqual([
      { name: 'y', version: '1', extension: true },
    ]);
    await runtime.stop();
  });

  it('accumulates CPEs and PURLs of packages with the same name, later versions win', async () => {
    const doc = JSON.stringify({
      packages: [
        {
          name: 'dup',
          versionInfo: '1',
          licenseDeclared: 'MIT',
          externalRefs: [{ referenceType: 'purl', referenceLocator: 'p1' }],
        },
        {
          name: 'dup',
          versionInfo: '2',
          licenseDeclared: 'NOASSERTION',
          externalRefs: [{ referenceType: 'purl', referenceLocator: 'p2' }],
        },
      ],
    });
    const { items, runtime } = await run(
      'v1.13.0',
      extensionLayer({ 'd.spdx.json': doc }),
      baseLayer('v1.13.0', '6.18.24-talos'),
    );
    const dup = items.find((r) => r.metadata.id === 'dup');
    expect([dup?.spec, dup?.metadata.version]).toEqual([
      { name: 'dup', version: '2', license: 'MIT', purls: ['p1', 'p2'], extension: true },
      2,
    ]);
    await runtime.stop();
  });

  it('from v1.14.0-alpha.2 prefers licenseConcluded (an absent one clears the license, as upstream)', async () => {
    const doc = JSON.stringify({
      packages: [
        { name: 'a', versionInfo: '1', licenseDeclared: 'MIT', licenseConcluded: 'Apache-2.0' },
        { name: 'b', versionInfo: '1', licenseDeclared: 'MIT', licenseConcluded: 'NOASSERTION' },
        { name: 'c', versionInfo: '1', licenseDeclared: 'MIT' },
      ],
    });
    const licenses = async (version: string) => {
      const { items, runtime } = await run(
        version,
        extensionLayer({ 'l.spdx.json': doc }),
        baseLayer(version, '6.18.44-talos'),
      );
      await runtime.stop();
      return ['a', 'b', 'c'].map((id) => items.find((r) => r.metadata.id === id)?.spec.license ?? '');
    };
    expect(await licenses('v1.13.9')).toEqual(['MIT', 'MIT', 'MIT']);
    expect(await licenses('v1.14.0-rc.1')).toEqual(['Apache-2.0', 'MIT', '']);
  });

  it('prints as talosctl get sbom does (table, yaml, json) on a v1.14 node with gVisor', async () => {
    const { items, runtime } = await run(
      'v1.14.0-rc.1',
      extensionLayer({ 'gvisor.spdx.json': GVISOR_SPDX }),
      baseLayer('v1.14.0-rc.1', '6.18.44-talos'),
    );
    expect(items.find((r) => r.metadata.id === 'talos')?.spec).toEqual({
      name: 'talos',
      version: 'v1.14.0-rc.1',
      license: 'MPL-2.0',
      cpes: ['cpe:2.3:o:siderolabs:talos_linux:1.14.0-rc.1:*:*:*:*:*:*:*'],
      purls: ['pkg:generic/talos@v1.14.0-rc.1'],
    });
    expectGolden('derived/sbom-items.table.txt', printResources('table', SBOMItemType, items));
    expectGolden('derived/sbom-items.yaml.txt', printResources('yaml', SBOMItemType, items));
    expectGolden('derived/sbom-items.json.txt', printResources('json', SBOMItemType, items));
    await runtime.stop();
  });
});
