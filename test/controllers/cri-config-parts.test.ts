// The CRI config a node renders: files.CRIRegistryConfigController, files.CRIConfigPartsController and
// files.EtcFileController together (files.CRIConfigController from v1.14.0-beta.0), over a rootfs with the release's
// 00-base.part and placeholders, and an extension shipping gVisor's parts (siderolabs/extensions). containerd reads
// the merged file at /etc/cri/conf.d/cri.toml.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { criBasePart } from '../../controllers/cri-base-part.js';
import { CriConfigController } from '../../controllers/cri-config-controller.js';
import { CriConfigPartsController } from '../../controllers/cri-config-parts-controller.js';
import { CriRegistryConfigController } from '../../controllers/cri-registry-config-controller.js';
import { EtcFileController } from '../../controllers/etc-file-controller.js';
import { EtcFileSpecType, etcFileSpecType } from '../../resources/etc-file-spec.js';
import { EtcFileStatusType } from '../../resources/etc-file-status.js';
import { isTalosAtLeast } from '../../resources/talos-release.js';
import { newTypedResource } from '../../src/cosi/index.js';
import type { TreeDirectory } from '../../src/overlayfs-sim/index.js';
import { expectGolden } from '../support/golden.js';
import { derivedRuntime, nodeRoot, printResources } from './derived-runtime.js';
import { applyConfig } from './node-label-spec-fixtures.js';

const FIXTURES = join(import.meta.dirname, '..', 'fixtures', 'derived', 'cri-base');
const fixture = (name: string) => readFileSync(join(FIXTURES, name), 'utf8');
const SPECS = { namespace: 'files', type: 'EtcFileSpecs.files.talos.dev' };

function rootfs(version: string): TreeDirectory {
  const confd: TreeDirectory = { '00-base.part': criBasePart(version), 'cri.toml': '', hosts: {} };
  if (!isTalosAtLeast(version, 'v1.14.0-beta.0')) {
    Object.assign(confd, { '01-registries.part': '', '20-customization.part': '' });
  }
  return { etc: { cri: { 'conf.d': confd } } };
}

const GVISOR: TreeDirectory = {
  etc: {
    cri: {
      'conf.d': { '10-gvisor.part': fixture('10-gvisor.part'), '10-gvisor-kvm.part': fixture('10-gvisor-kvm.part') },
    },
  },
};

async function boot(version: string, ...layers: TreeDirectory[]) {
  const env = derivedRuntime();
  const { fs, mounts } = nodeRoot(...layers, rootfs(version));
  const files = {
    bindReadOnly: (source: string, target: string) => {
      mounts.bind(target, source, { readOnly: true });
    },
    unmount: (target: string) => mounts.unmount(target),
  };
  env.runtime.registerController(new EtcFileController({ files: fs, mounts: files }));
  if (isTalosAtLeast(version, 'v1.14.0-beta.0')) {
    env.runtime.registerController(new CriConfigController({ files: fs, talosVersion: version }));
  } else {
    env.runtime.registerController(new CriRegistryConfigController({ talosVersion: version }));
    env.runtime.registerController(new CriConfigPartsController({ files: fs, talosVersion: version }));
  }
  env.runtime.start();
  await env.runtime.settle();
  const criToml = () => fs.readFileSync('/etc/cri/conf.d/cri.toml', 'utf8');
  return { ...env, fs, mounts, criToml };
}

describe('CRI config from parts', () => {
  it("ships each release's 00-base.part as upstream's hack/cri-plugin.part", () => {
    for (const tag of ['v1.0.6', 'v1.9.0', 'v1.11.0', 'v1.13.0', 'v1.14.0-rc.1']) {
      expect(criBasePart(tag)).toBe(fixture(`${tag}.part`));
    }
  });

  it('merges the base, registries and extension parts of a v1.13 node into /etc/cri/conf.d/cri.toml', async () => {
    const { criToml, state, runtime, mounts } = await boot('v1.13.0', GVISOR);
    const text = criToml();
    expect(text.split('\n').slice(0, 6)).toEqual([
      expect.stringMatching(/^## \/etc\/cri\/conf\.d\/00-base\.part \(sha256:[0-9a-f]{64}\)$/),
      expect.stringMatching(/^## \/etc\/cri\/conf\.d\/01-registries\.part \(sha256:/),
      expect.stringMatching(/^## \/etc\/cri\/conf\.d\/10-gvisor-kvm\.part \(sha256:/),
      expect.stringMatching(/^## \/etc\/cri\/conf\.d\/10-gvisor\.part \(sha256:/),
      expect.stringMatching(/^## \/etc\/cri\/conf\.d\/20-customization\.part \(sha256:e3b0c442/),
      '',
    ]);
    expectGolden('derived/cri-toml-v1.13.0-gvisor.toml', text);
    expect(mounts.procMounts()).toContain('/etc/cri/conf.d/cri.toml');
    const spec = (await state.list(SPECS)).find((r) => r.metadata.id === 'cri/conf.d/cri.toml');
    expect([...(spec?.metadata.annotations.keys() ?? [])]).toEqual([
      'talos.dev/source-file:/etc/cri/conf.d/00-base.part',
      'talos.dev/source-file:/etc/cri/conf.d/01-registries.part',
      'talos.dev/source-file:/etc/cri/conf.d/10-gvisor-kvm.part',
      'talos.dev/source-file:/etc/cri/conf.d/10-gvisor.part',
      'talos.dev/source-file:/etc/cri/conf.d/20-customization.part',
    ]);
    expect(runtime.controllers().every((c) => c.failures === 0)).toBe(true);
    await runtime.stop();
  });

  it('puts registry credentials of the machine config in 01-registries.part and the merge', async () => {
    const { state, criToml, fs, runtime } = await boot('v1.13.0');
    await applyConfig(
      state,
      'version: v1alpha1\nmachine:\n  type: worker\n  registries:\n    config:\n      docker.io:\n        auth:\n          username: u\n          password: "p\'w"\n',
    );
    await runtime.settle();
    expect(fs.readFileSync('/etc/cri/conf.d/01-registries.part', 'utf8')).toBe(
      "[plugins]\n  [plugins.'io.containerd.cri.v1.images']\n    [plugins.'io.containerd.cri.v1.images'.registry]\n" +
        "      config_path = '/etc/cri/conf.d/hosts'\n\n      [plugins.'io.containerd.cri.v1.images'.registry.configs]\n" +
        "        [plugins.'io.containerd.cri.v1.images'.registry.configs.'registry-1.docker.io']\n" +
        "          [plugins.'io.containerd.cri.v1.images'.registry.configs.'registry-1.docker.io'.auth]\n" +
        "            username = 'u'\n            password = \"p'w\"\n            auth = ''\n            identitytoken = ''\n",
    );
    expect(criToml()).toContain(
      "        [plugins.'io.containerd.cri.v1.images'.registry.configs.'registry-1.docker.io'.auth]",
    );
    await runtime.stop();
  });

  it('fails on an extension part that is not TOML, naming it, and keeps retrying', async () => {
    const broken: TreeDirectory = { etc: { cri: { 'conf.d': { '15-broken.part': '[plugins\n' } } } };
    const { runtime } = await boot('v1.13.0', broken);
    const parts = runtime.controllers().find((c) => c.name === 'files.CRIConfigPartsController');
    expect(parts?.lastError?.message).toBe(
      'error decoding "/etc/cri/conf.d/15-broken.part": toml: expected character ]',
    );
    expect(parts?.status).toBe('backoff');
    await runtime.stop();
  });

  it('fails on parts that disagree on a type', async () => {
    const bad: TreeDirectory = { etc: { cri: { 'conf.d': { '15-x.part': 'version = "3"\n' } } } };
    const { runtime } = await boot('v1.11.0', bad);
    expect(runtime.controllers().find((c) => c.name === 'files.CRIConfigPartsController')?.lastError?.message).toBe(
      'error merging "/etc/cri/conf.d/15-x.part": merge map key map[string]interface {}[version]: merge type mismatch left int64 right string',
    );
    await runtime.stop();
  });

  it('names parts without checksums before v1.10.4, and concatenates them before v1.3', async () => {
    const v110 = await boot('v1.10.0', GVISOR);
    expect(v110.criToml().split('\n')[0]).toBe('## /etc/cri/conf.d/00-base.part');
    const spec = (await v110.state.list(SPECS)).find((r) => r.metadata.id === 'cri/conf.d/cri.toml');
    expect(spec?.metadata.annotations.size).toBe(0);
    await v110.runtime.stop();
    const v12 = await boot('v1.2.9', GVISOR);
    expect(v12.criToml().startsWith(`\n## /etc/cri/conf.d/00-base.part\n\n${criBasePart('v1.2.9')}\n## `)).toBe(true);
    await v12.runtime.stop();
  });

  it('from v1.14.0-beta.0 names parts by origin and adds CRI customizations', async () => {
    const { state, criToml, runtime } = await boot('v1.14.0-rc.1', GVISOR);
    await applyConfig(
      state,
      'version: v1alpha1\nmachine:\n  type: worker\n  files:\n    - path: /etc/cri/conf.d/20-customization.part\n      op: create\n      content: |\n        [plugins."io.containerd.cri.v1.images"]\n          snapshotter = "native"\n',
      'v1.14.0-rc.1',
    );
    await runtime.settle();
    const text = criToml();
    expect(
      text
        .split('\n')
        .slice(0, 5)
        .map((l) => l.replace(/ \(sha256:[0-9a-f]{64}\)$/, '')),
    ).toEqual([
      '## file /etc/cri/conf.d/00-base.part',
      '## in-memory registries',
      '## file /etc/cri/conf.d/10-gvisor-kvm.part',
      '## file /etc/cri/conf.d/10-gvisor.part',
      '## in-memory customization "customization"',
    ]);
    expectGolden('derived/cri-toml-v1.14.0-rc.1-gvisor.toml', text);
    await runtime.stop();
  });

  it('prints EtcFileSpec and EtcFileStatus as talosctl does (table, yaml, json)', async () => {
    const { state, runtime } = await boot('v1.13.4');
    const specs = (await state.list(SPECS)).filter((r) => r.metadata.id === 'cri/conf.d/01-registries.part');
    const type = etcFileSpecType(true);
    expectGolden('derived/etc-file-specs.table.txt', printResources('table', type, specs));
    expectGolden('derived/etc-file-specs.yaml.txt', printResources('yaml', type, specs, { flavour: 'rc4' }));
    expectGolden('derived/etc-file-specs.json.txt', printResources('json', type, specs, { flavour: 'rc4' }));
    const statuses = await state.list({ namespace: 'files', type: EtcFileStatusType.definition.type });
    expect(statuses.map((s) => s.metadata.id)).toEqual(['cri/conf.d/01-registries.part', 'cri/conf.d/cri.toml']);
    expectGolden('derived/etc-file-statuses.table.txt', printResources('table', EtcFileStatusType, statuses));
    expectGolden('derived/etc-file-statuses.yaml.txt', printResources('yaml', EtcFileStatusType, statuses));
    expectGolden('derived/etc-file-statuses.json.txt', printResources('json', EtcFileStatusType, statuses));
    await runtime.stop();
  });
});

describe('CRI config annotations', () => {
  it('keeps the annotation of a part that went away (upstream clears by value, a no-op)', async () => {
    const env = derivedRuntime();
    const { fs } = nodeRoot(rootfs('v1.13.0'));
    const stale = newTypedResource(EtcFileSpecType, 'cri/conf.d/cri.toml');
    stale.metadata.annotations.set('talos.dev/source-file:/etc/cri/conf.d/99-gone.part', 'ab');
    await env.state.create(stale, { owner: 'files.CRIConfigPartsController' });
    env.runtime.registerController(new CriConfigPartsController({ files: fs, talosVersion: 'v1.13.0' }));
    env.runtime.start();
    await env.runtime.settle();
    const spec = await env.state.get({
      namespace: 'files',
      type: EtcFileSpecType.definition.type,
      id: 'cri/conf.d/cri.toml',
    });
    expect([...spec.metadata.annotations.keys()]).toEqual([
      'talos.dev/source-file:/etc/cri/conf.d/99-gone.part',
      'talos.dev/source-file:/etc/cri/conf.d/00-base.part',
      'talos.dev/source-file:/etc/cri/conf.d/01-registries.part',
      'talos.dev/source-file:/etc/cri/conf.d/20-customization.part',
    ]);
    expect((spec.spec as { contents: string }).contents).toContain('## /etc/cri/conf.d/00-base.part');
    await env.runtime.stop();
  });
});
