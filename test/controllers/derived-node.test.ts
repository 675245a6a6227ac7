// The derived controllers wired into a real node the way the lead is asked to wire them (ControllersFactory →
// machinedControllers): a v1.13.0 rootfs with the release's CRI base part, placeholders and base SBOM, booted with a
// gVisor layer listed in /etc/extensions.yaml. Shows the merged CRI config readable where containerd reads it, the
// SBOM, and the extension labels — through the node's own filesystem, mount table and state.

import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { criBasePart } from '../../controllers/cri-base-part.js';
import { machinedControllers } from '../../controllers/machined-controllers.js';
import { talosBaseSpdxFiles } from '../../controllers/talos-base-sbom.js';
import { createNodeContainer, TOKENS, VirtualClock } from '../../src/index.js';
import { buildTalosRootfs } from '../../src/node/talos-rootfs.js';

const VERSION = 'v1.13.0';
const GVISOR_PART = readFileSync(
  join(import.meta.dirname, '..', 'fixtures', 'derived', 'cri-base', '10-gvisor.part'),
  'utf8',
);
const EXTENSIONS_YAML = `layers:
  - image: 0.sqsh
    metadata: {name: gvisor, version: 20250505.0, author: Sidero Labs, description: "x", compatibility: {talos: {version: ">= v1.0.0"}}}
  - image: 1.sqsh
    metadata: {name: schematic, version: 376567988ad370138ad8b2698212367b8edcb69b5fd68c80be1f2ec7d603b4ba, author: "Image Factory (https://factory.talos.dev)", description: "", compatibility: {talos: {version: ""}}}
`;

function rootfs() {
  const { volume, kernelRelease } = buildTalosRootfs({ version: VERSION });
  volume.writeFileSync('/etc/extensions.yaml', EXTENSIONS_YAML);
  const confd = '/etc/cri/conf.d';
  volume.writeFileSync(`${confd}/00-base.part`, criBasePart(VERSION));
  for (const f of ['cri.toml', '01-registries.part', '20-customization.part', 'base-spec.json'])
    volume.writeFileSync(`${confd}/${f}`, '');
  volume.writeFileSync(`${confd}/10-gvisor.part`, GVISOR_PART);
  volume.mkdirSync('/usr/share/spdx', { recursive: true });
  for (const [name, text] of Object.entries(talosBaseSpdxFiles({ version: VERSION, kernelRelease }))) {
    volume.writeFileSync(`/usr/share/spdx/${name}`, text);
  }
  return volume;
}

describe('derived controllers on a booted node', () => {
  it('render the CRI config, the SBOM and the node labels of a v1.13.0 node', async () => {
    const container = createNodeContainer({ talosVersion: VERSION, clock: new VirtualClock(), rootfs: rootfs() });
    container.rebind(TOKENS.ControllersFactory).toConstantValue((ctx) =>
      machinedControllers({
        facts: ctx.facts,
        fs: ctx.filesystem.fs,
        mounts: {
          bindReadOnly: (source, target) => {
            ctx.filesystem.mounts.bind(target, source, { readOnly: true });
          },
          unmount: (target) => ctx.filesystem.mounts.unmount(target),
        },
      }),
    );
    const node = await container.getAsync(TOKENS.TalosNode);
    await node.boot();
    const { fs } = node.filesystem;
    expect(node.runtime.controllers().filter((c) => c.failures > 0)).toEqual([]);
    const cri = fs.readFileSync('/etc/cri/conf.d/cri.toml', 'utf8');
    expect(cri).toContain("        [plugins.'io.containerd.cri.v1.runtime'.containerd.runtimes.runsc]");
    expect(() => fs.writeFileSync('/etc/cri/conf.d/cri.toml', 'x')).toThrow(/EROFS/);
    // types are registered by the node (the lead's part); the state already holds what the controllers wrote
    const list = async (namespace: string, type: string) =>
      (await node.state.list({ namespace, type })).map((r) => [r.metadata.id, (r.spec as { value?: string }).value]);
    expect(await list('k8s', 'NodeLabelSpecs.k8s.talos.dev')).toEqual([['extensions.talos.dev/gvisor', '20250505.0']]);
    expect(await list('k8s', 'NodeAnnotationSpecs.k8s.talos.dev')).toEqual([
      ['extensions.talos.dev/schematic', '376567988ad370138ad8b2698212367b8edcb69b5fd68c80be1f2ec7d603b4ba'],
    ]);
    const sbom = (await node.state.list({ namespace: 'runtime', type: 'SBOMItems.talos.dev' })).map(
      (r) => r.metadata.id,
    );
    expect(sbom).toEqual(['Talos', 'containerd', 'github.com/siderolabs/go-kubernetes', 'golang', 'kernel', 'runc']);
    expect(await list('runtime', 'ImageFactorySchematics.runtime.talos.dev')).toEqual([]);
    await node.shutdown();
  });
});
