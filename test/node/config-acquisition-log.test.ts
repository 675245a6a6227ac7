// The boot-time config validation warnings machined's config acquisition logs (config.AcquireController, v1.5.0 on):
// the config saved on STATE goes through Validate, each warning a `config validation warning` line with its field,
// at every boot (first boot, reboot, upgrade), also in `talosctl dmesg`; before v1.5 the validateConfig task's lines.
import { describe, expect, it } from 'vitest';
import { createCluster } from '../../src/index.js';

const TYPELESS = 'version: v1alpha1\nmachine:\n  install:\n    disk: /dev/sda\n';
const LEGACY =
  'version: v1alpha1\nmachine:\n  type: worker\n  install:\n    extensions:\n      - image: example.com/alpha:1.0\n';
const WARNING = 'use "worker" instead of "" for machine type';
const DEPRECATED =
  '.machine.install.extensions is deprecated, please see https://www.talos.dev/latest/talos-guides/install/boot-assets/';

const alpha = {
  ref: 'example.com/alpha:1.0',
  inline: {
    manifest: {
      version: 'v1alpha1',
      metadata: { name: 'alpha', version: '1.0', author: 'Me', description: 'alpha', compatibility: {} },
    },
    files: { '/usr/local/share/alpha/VERSION': '1.0' },
  },
};

describe('config validation warnings at boot', () => {
  it("are logged by config.AcquireController at every boot, after init's lines", async () => {
    await using cluster = await createCluster({
      clock: '2025-06-01T00:00:00Z',
      nodes: [{ address: '10.5.0.2', talos: 'v1.11.2', config: TYPELESS }],
    });
    const node = cluster.node('10.5.0.2');
    const warnings = () =>
      node.log.entries().filter((e) => e.message === 'config validation warning' && e.level === 'warn');
    expect(warnings().map((e) => e.fields)).toEqual([
      { component: 'controller-runtime', controller: 'config.AcquireController', warning: WARNING },
    ]);
    await node.reboot();
    expect(warnings()).toHaveLength(2);
    const dmesg = await cluster.run(['dmesg']);
    expect(dmesg.stdout).toContain(
      `10.5.0.2: user: warning: [2025-06-01T00:00:00Z]: [talos] config validation warning {"component": "controller-runtime", "controller": "config.AcquireController", "warning": "use \\"worker\\" instead of \\"\\" for machine type"}\n`,
    );
  });

  it('tell a node upgraded to v1.10+ with the legacy list still in its config that the list is deprecated', async () => {
    await using cluster = await createCluster({
      clock: '2025-06-01T00:00:00Z',
      images: [alpha],
      nodes: [{ address: '10.5.0.2', talos: 'v1.9.6', config: LEGACY }],
    });
    const node = cluster.node('10.5.0.2');
    await node.upgrade({ talosVersion: 'v1.10.9' });
    const lines = node.log.entries();
    const booted = lines.findLastIndex((e) => e.fields.component === 'init');
    const warned = lines.findIndex((e, i) => i > booted && e.message === 'config validation warning');
    // once (Validate: RuntimeValidate's second warning is not run on a config read from STATE)
    expect(
      lines.filter((e, i) => i > booted && e.message === 'config validation warning').map((e) => e.fields.warning),
    ).toEqual([DEPRECATED]);
    expect(warned).toBeGreaterThan(booted);
    expect(lines.slice(warned + 1).some((e) => e.fields.component === 'init')).toBe(false);
  });

  it("before v1.5, are the Boot sequence's validateConfig task's WARNING lines; none for a config without warnings", async () => {
    await using cluster = await createCluster({
      clock: '2025-06-01T00:00:00Z',
      nodes: [
        { address: '10.5.0.2', talos: 'v1.4.8', config: TYPELESS },
        { address: '10.5.0.3', talos: 'v1.11.2', config: 'version: v1alpha1\nmachine:\n  type: worker\n' },
      ],
    });
    const [old, quiet] = cluster.nodes;
    expect(old?.log.entries().some((e) => e.message === 'config validation warning')).toBe(false);
    expect((await cluster.run(['dmesg', '-n', '10.5.0.2'])).stdout).toContain(
      '10.5.0.2: user: warning: [2025-06-01T00:00:00Z]: [talos] task validateConfig (1/1): WARNING:\n' +
        `10.5.0.2: user: warning: [2025-06-01T00:00:00Z]: ${WARNING}\n`,
    );
    expect(quiet?.log.entries().some((e) => /config validation warning|WARNING/.test(e.message))).toBe(false);
  });
});
