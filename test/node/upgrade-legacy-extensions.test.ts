// `.machine.install.extensions` across upgrades, as upstream splits the work: machined of the RUNNING release pulls
// the list (v1.0–v1.9, internal/pkg/install RunInstallerContainer) and the installer of the TARGET release builds it
// (v1.0–v1.9, cmd/installer installExtensions). From v1.10 neither happens, and the list only warns.
import { describe, expect, it } from 'vitest';
import {
  createCluster,
  type ExtensionStatusSpec,
  isInstallerError,
  isNodeLifecycleError,
  type ScenarioSpec,
  type TalosNode,
} from '../../src/index.js';
import { rejection } from '../support/errors.js';
import { inlineImage } from '../support/inline-image.js';

const image = inlineImage;

const legacy = (...images: string[]) =>
  `version: v1alpha1\nmachine:\n  type: worker\n  install:\n    extensions:\n${images.map((i) => `      - image: ${i}\n`).join('')}`;

const OLD_DOCS = 'https://www.talos.dev/latest/talos-guides/install/boot-assets/';
const DEPRECATED = `.machine.install.extensions is deprecated, please see ${OLD_DOCS}`;

function scenario(talos: string, config: string): ScenarioSpec {
  return {
    clock: '2025-06-01T00:00:00Z',
    images: [image('alpha', '1.0'), image('beta', '2.0')],
    nodes: [{ address: '10.5.0.2', talos, config }],
  };
}

async function extensions(node: TalosNode): Promise<string[]> {
  const list = await node.resources.list('runtime', 'ExtensionStatuses.runtime.talos.dev');
  return list.map((r) => `${r.metadata.id}=${(r.spec as ExtensionStatusSpec).metadata.name}`);
}

/** The node's log from the upgrade request on, as machined and the installer wrote it. */
function upgradeLines(node: TalosNode): string[] {
  const lines = node.log.entries().map((e) => e.message);
  return lines.slice(lines.lastIndexOf('upgrade request received: staged false, force false, reboot mode DEFAULT'));
}

describe('upgrading with .machine.install.extensions in the config', () => {
  it('v1.9 → v1.10: machined still pulls the list, the new installer ignores it, the node boots without them', async () => {
    await using cluster = await createCluster(scenario('v1.9.6', legacy('example.com/alpha:1.0')));
    const node = cluster.node('10.5.0.2');
    expect(await extensions(node)).toEqual(['000.example.com-alpha-1.0=alpha']);
    await node.upgrade({ talosVersion: 'v1.10.9' });
    expect([node.talosVersion, await extensions(node)]).toEqual(['v1.10.9', []]);
    // the list stays in the config, as on Talos: nothing rewrites it
    expect(node.machineConfig?.text).toBe(legacy('example.com/alpha:1.0'));
    expect(upgradeLines(node).slice(0, 5)).toEqual([
      'upgrade request received: staged false, force false, reboot mode DEFAULT',
      'pulling extension "example.com/alpha:1.0"',
      '2025/06/01 00:00:00 running Talos installer v1.10.9',
      '2025/06/01 00:00:00 WARNING: config validation:',
      `2025/06/01 00:00:00   ${DEPRECATED}`,
    ]);
  });

  it('v1.9 → v1.10: an image machined cannot pull fails the upgrade, although v1.10 would not install it', async () => {
    await using cluster = await createCluster(scenario('v1.9.6', legacy('example.com/alpha:1.0')));
    const node = cluster.node('10.5.0.2');
    await node.applyConfig(legacy('example.com/alpha:1.0', 'example.com/missing:1.0'));
    const err = await rejection(node.upgrade({ talosVersion: 'v1.10.9' }));
    expect(isNodeLifecycleError(err) && err.detail.kind).toBe('failed');
    const cause = isNodeLifecycleError(err) && err.detail.kind === 'failed' ? err.detail.cause : undefined;
    expect(isInstallerError(cause) && cause.detail).toMatchObject({
      kind: 'pull',
      reference: 'example.com/missing:1.0',
    });
    expect(err.message).toBe(
      'node 10.5.0.2: upgrade failed: error pulling image example.com/missing:1.0: image "example.com/missing:1.0" not found: repository example.com/missing does not exist',
    );
    // the request was accepted and machined got as far as the failing pull; the installer never ran
    expect(upgradeLines(node)).toEqual([
      'upgrade request received: staged false, force false, reboot mode DEFAULT',
      'pulling extension "example.com/alpha:1.0"',
      'pulling extension "example.com/missing:1.0"',
    ]);
    expect([node.phase, node.talosVersion, await extensions(node)]).toEqual([
      'running',
      'v1.9.6',
      ['000.example.com-alpha-1.0=alpha'],
    ]);
  });

  it('v1.10 → v1.9: machined pulls nothing, so the old installer finds nothing to install', async () => {
    await using cluster = await createCluster({
      ...scenario('v1.10.9', 'version: v1alpha1\nmachine:\n  type: worker\n'),
    });
    const node = cluster.node('10.5.0.2');
    const applied = await node.applyConfig(legacy('example.com/alpha:1.0'));
    expect(applied.warnings).toEqual([DEPRECATED, DEPRECATED]);
    await node.upgrade({ talosVersion: 'v1.9.6' });
    expect([node.talosVersion, await extensions(node)]).toEqual(['v1.9.6', []]);
    expect(upgradeLines(node).slice(0, 4)).toEqual([
      'upgrade request received: staged false, force false, reboot mode DEFAULT',
      '2025/06/01 00:00:00 running Talos installer v1.9.6',
      '2025/06/01 00:00:00 WARNING: config validation:',
      `2025/06/01 00:00:00   ${DEPRECATED}`,
    ]);
    // from v1.9 on itself, the next upgrade pulls and installs them again
    await node.upgrade();
    expect(await extensions(node)).toEqual(['000.example.com-alpha-1.0=alpha']);
  });

  it("v1.9 → v1.9: the installer's own build refuses an image, after machined accepted the request", async () => {
    const bad = image('bad', '1.0');
    const withBoot = { ...bad, inline: { ...bad.inline, files: { '/boot/vmlinuz': 'k' } } };
    await using cluster = await createCluster({
      ...scenario('v1.9.6', legacy('example.com/alpha:1.0')),
      images: [image('alpha', '1.0'), withBoot],
    });
    const node = cluster.node('10.5.0.2');
    await node.applyConfig(legacy('example.com/bad:1.0'));
    const err = await rejection(node.upgrade());
    const text = 'error validating extension "bad": path "/boot/vmlinuz" is not allowed in extensions';
    expect(err.message).toBe(`node 10.5.0.2: upgrade failed: ${text}`);
    expect(upgradeLines(node)).toEqual([
      'upgrade request received: staged false, force false, reboot mode DEFAULT',
      'pulling extension "example.com/bad:1.0"',
      '2025/06/01 00:00:00 running Talos installer v1.9.6',
      '2025/06/01 00:00:00 WARNING: config validation:',
      `2025/06/01 00:00:00   ${DEPRECATED}`,
      text,
    ]);
    expect(await extensions(node)).toEqual(['000.example.com-alpha-1.0=alpha']);
  });

  it('migrating to v1.10+ with extensions while the list is still in the config: warned, not refused', async () => {
    await using cluster = await createCluster(scenario('v1.9.6', legacy('example.com/alpha:1.0')));
    const node = cluster.node('10.5.0.2');
    await node.upgrade({ talosVersion: 'v1.13.0', extensions: ['example.com/beta:2.0'] });
    expect([node.talosVersion, await extensions(node)]).toEqual(['v1.13.0', ['0=beta']]);
    expect(node.machineConfig?.text).toBe(legacy('example.com/alpha:1.0'));
    const newDocs = 'https://docs.siderolabs.com/talos/latest/platform-specific-installations/boot-assets';
    expect(upgradeLines(node)).toContain(
      `2025/06/01 00:00:00   .machine.install.extensions is deprecated, please see ${newDocs}`,
    );
    // on v1.9 itself the two ways are still exclusive: its installer would replace the imager's extensions
    await using older = await createCluster(scenario('v1.9.6', legacy('example.com/alpha:1.0')));
    const both = await rejection(older.node('10.5.0.2').upgrade({ extensions: ['example.com/beta:2.0'] }));
    expect(both.message).toBe(
      "Talos v1.9.6's installer replaces the boot asset's extensions with .machine.install.extensions: give the extensions one way, not both",
    );
  });
});
