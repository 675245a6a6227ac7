// A node's lifecycle as upstream: reboot starts afresh from the same asset, upgrade installs a new one (the only way
// extensions change), applyConfig replaces the config or changes nothing, and overlapping calls end in defined phases.
import { describe, expect, it } from 'vitest';
import {
  createCluster,
  createNode,
  createNodeContainer,
  type ExtensionStatusSpec,
  isInstallerError,
  isInstallSpecError,
  isMachineConfigError,
  isNodeLifecycleError,
  parseMachineConfig,
  type ScenarioSpec,
  type StateEvent,
  type TalosNode,
  TOKENS,
} from '../../src/index.js';
import { rejection } from '../support/errors.js';
import { inlineImage } from '../support/inline-image.js';

const image = inlineImage;

const scenario: ScenarioSpec = {
  clock: '2025-06-01T00:00:00Z',
  images: [image('alpha', '1.0'), image('beta', '2.0')],
  nodes: [{ address: '10.5.0.2', talos: 'v1.12.0', extensions: ['example.com/alpha:1.0'] }],
};

async function extensions(node: TalosNode): Promise<string[]> {
  const list = await node.resources.list('runtime', 'ExtensionStatuses.runtime.talos.dev');
  return list.map((r) => `${r.metadata.id}=${(r.spec as ExtensionStatusSpec).metadata.name}`);
}

describe('node lifecycle', () => {
  it('reboot recreates the resources with fresh created times and empties the tmpfs mounts', async () => {
    await using cluster = await createCluster(scenario);
    const node = cluster.node('10.5.0.2');
    node.filesystem.fs.writeFileSync('/var/marker', 'before');
    await cluster.advance('10s');
    await node.reboot();
    const [status] = await node.resources.list('runtime', 'ExtensionStatuses.runtime.talos.dev');
    expect(status?.metadata.created.toISOString()).toBe('2025-06-01T00:00:10.000Z');
    expect(status?.metadata.version).toBe(1);
    expect(node.filesystem.fs.existsSync('/var/marker')).toBe(false);
    expect(node.phase).toBe('running');
    const lines = node.log.entries().map((e) => e.message);
    expect(lines.filter((l) => l === 'enabling system extension alpha 1.0')).toHaveLength(2);
    expect(
      lines.some((l) =>
        /^reboot via API received\. actor id: [0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/.test(
          l,
        ),
      ),
    ).toBe(true);
  });

  it('upgrade adds and removes extensions, and moves to another release', async () => {
    await using cluster = await createCluster(scenario);
    const node = cluster.node('10.5.0.2');
    await node.upgrade({ extensions: ['example.com/alpha:1.0', 'example.com/beta:2.0'] });
    expect(await extensions(node)).toEqual(['0=alpha', '1=beta']);
    expect(node.filesystem.fs.readFileSync('/usr/local/share/beta/VERSION', 'utf8')).toBe('2.0');
    await node.upgrade({ talosVersion: 'v1.13.0', extensions: ['example.com/beta:2.0'] });
    expect(await extensions(node)).toEqual(['0=beta']);
    expect(node.filesystem.fs.existsSync('/usr/local/share/alpha')).toBe(false);
    expect(node.talosVersion).toBe('v1.13.0');
    expect(node.filesystem.fs.readFileSync('/etc/os-release', 'utf8')).toContain('VERSION_ID=v1.13.0\n');
    // the same release again is allowed and keeps what was installed
    await node.upgrade();
    expect(await extensions(node)).toEqual(['0=beta']);
  });

  it('a failed upgrade build leaves the node as it was, running', async () => {
    await using cluster = await createCluster(scenario);
    const node = cluster.node('10.5.0.2');
    const err = await rejection(node.upgrade({ extensions: ['example.com/missing:1.0'] }));
    expect(err.message).toContain('example.com/missing:1.0');
    expect(node.phase).toBe('running');
    expect(await extensions(node)).toEqual(['0=alpha']);
    // a release line talos-sim has no build of has no installer image: refused before the node goes down
    for (const talosVersion of ['v1.15', 'v9.9.9']) {
      const unknown = await rejection(node.upgrade({ talosVersion }));
      expect(isInstallSpecError(unknown) && unknown.detail).toEqual({
        kind: 'unknown-release',
        talosVersion: `${talosVersion.length === 5 ? `${talosVersion}.0` : talosVersion}`,
      });
    }
    expect([node.phase, node.talosVersion]).toEqual(['running', 'v1.12.0']);
    expect(await extensions(node)).toEqual(['0=alpha']);
  });

  it('upgrade moves between Image Factory and the imager: either list given replaces both', async () => {
    await using cluster = await createCluster({
      ...scenario,
      nodes: [{ address: '10.5.0.2', talos: 'v1.11.2', officialExtensions: ['siderolabs/gvisor'] }],
    });
    const node = cluster.node('10.5.0.2');
    expect(await extensions(node)).toEqual(['0=gvisor', '1=schematic']);
    await node.upgrade({ extensions: ['example.com/beta:2.0'] });
    expect(await extensions(node)).toEqual(['0=beta']);
    await node.upgrade({ officialExtensions: ['siderolabs/gvisor'] });
    expect(await extensions(node)).toEqual(['0=gvisor', '1=schematic']);
    const both = await rejection(
      node.upgrade({ extensions: ['example.com/beta:2.0'], officialExtensions: ['siderolabs/gvisor'] }),
    );
    expect(isInstallSpecError(both) && both.detail.kind).toBe('factory-and-imager');
  });

  it('installs and upgrades through Image Factory from v1.2.0, its floor, also before the imager (v1.5)', async () => {
    await using cluster = await createCluster({
      ...scenario,
      nodes: [{ address: '10.5.0.2', talos: 'v1.3.7', officialExtensions: ['siderolabs/gvisor'] }],
    });
    const node = cluster.node('10.5.0.2');
    expect(await extensions(node)).toEqual(['0=gvisor', '1=schematic']);
    await node.upgrade({ talosVersion: 'v1.2.9' });
    expect([node.talosVersion, await extensions(node)]).toEqual(['v1.2.9', ['0=gvisor', '1=schematic']]);
    // the imager of v1.4 did not build boot assets with extensions: that is still refused
    const imager = await rejection(node.upgrade({ talosVersion: 'v1.4.8', extensions: ['example.com/beta:2.0'] }));
    expect(imager.message).toBe(
      'Talos v1.4.8 predates the imager (v1.5.0): install extensions through .machine.install.extensions of the machine config',
    );
    const older = await rejection(node.upgrade({ talosVersion: 'v1.1.2' }));
    expect(isInstallSpecError(older) && older.detail).toEqual({ kind: 'no-image-factory', talosVersion: 'v1.1.2' });
    expect(older.message).toBe(
      'Image Factory serves Talos v1.2.0 and later: install extensions on Talos v1.1.2 through .machine.install.extensions of the machine config',
    );
    expect([node.phase, node.talosVersion]).toEqual(['running', 'v1.2.9']);
  });

  it('upgrade checks the config the new release boots with, and changes nothing when it is refused', async () => {
    const esc = 'apiVersion: v1alpha1\nkind: ExtensionServiceConfig\nname: alpha\nenvironment:\n  - A=b\n';
    await using cluster = await createCluster({
      ...scenario,
      nodes: [
        {
          address: '10.5.0.2',
          talos: 'v1.12.0',
          extensions: ['example.com/alpha:1.0'],
          config: `version: v1alpha1\nmachine:\n  type: worker\n---\n${esc}`,
        },
      ],
    });
    const node = cluster.node('10.5.0.2');
    const before = node.machineConfig?.text;
    // what applyConfig refuses, upgrade refuses
    const bogus = await rejection(node.upgrade({ config: 'version: v1alpha1\nmachine:\n  type: bogus\n' }));
    expect(isMachineConfigError(bogus)).toBe(true);
    expect(bogus.message).toBe(
      (await rejection(node.applyConfig('version: v1alpha1\nmachine:\n  type: bogus\n'))).message,
    );
    expect((await rejection(node.upgrade({ config: esc }))).message).toContain("doesn't contain v1alpha1 config");
    expect([node.phase, node.talosVersion, node.machineConfig?.text]).toEqual(['running', 'v1.12.0', before]);
    expect(await extensions(node)).toEqual(['0=alpha']);
  });

  it('an upgrade whose installer cannot load the config in force fails once machined accepted it', async () => {
    const esc = 'apiVersion: v1alpha1\nkind: ExtensionServiceConfig\nname: alpha\nenvironment:\n  - A=b\n';
    const config = `version: v1alpha1\nmachine:\n  type: worker\n---\n${esc}`;
    await using cluster = await createCluster({
      ...scenario,
      nodes: [{ address: '10.5.0.2', talos: 'v1.12.0', extensions: ['example.com/alpha:1.0'], config }],
    });
    const node = cluster.node('10.5.0.2');
    // v1.6's installer loads the config with v1.6's configloader, which has no ExtensionServiceConfig document
    const older = await rejection(node.upgrade({ talosVersion: 'v1.6.0' }));
    expect(isNodeLifecycleError(older) && older.detail).toMatchObject({ kind: 'failed', operation: 'upgrade' });
    const cause = isNodeLifecycleError(older) && older.detail.kind === 'failed' ? older.detail.cause : undefined;
    expect(isInstallerError(cause) && cause.kind).toBe('config-load');
    expect(older.message).toBe(
      'node 10.5.0.2: upgrade failed: error loading machine configuration: "ExtensionServiceConfig" "v1alpha1": not registered',
    );
    // what the installer printed reached the kernel log, after machined's request line
    expect(
      node.log
        .entries()
        .slice(-3)
        .map((e) => e.message),
    ).toEqual([
      'upgrade request received: staged false, force false, reboot mode DEFAULT',
      '2025/06/01 00:00:00 running Talos installer v1.6.0',
      'error loading machine configuration: "ExtensionServiceConfig" "v1alpha1": not registered',
    ]);
    // the upgrade was accepted but did not happen: the node runs its old install
    expect([node.phase, node.talosVersion, node.machineConfig?.text]).toEqual(['running', 'v1.12.0', config]);
    expect(await extensions(node)).toEqual(['0=alpha']);
  });

  it("an upgrade whose installer refuses the config in force fails with the installer's validation text", async () => {
    const config = 'version: v1alpha1\npersist: false\nmachine:\n  type: worker\n';
    await using cluster = await createCluster({
      ...scenario,
      nodes: [{ address: '10.5.0.2', talos: 'v1.5.5', config }],
    });
    const node = cluster.node('10.5.0.2');
    // `.persist should be enabled` came in v1.6: v1.5 loaded the config, v1.6's installer refuses it
    const err = await rejection(node.upgrade({ talosVersion: 'v1.6.0' }));
    expect(err.message).toBe(
      'node 10.5.0.2: upgrade failed: machine configuration is invalid: 1 error occurred:\n\t* .persist should be enabled\n\n',
    );
    expect(node.log.entries().at(-1)?.message).toBe(
      'machine configuration is invalid: 1 error occurred:\n\t* .persist should be enabled\n\n',
    );
    expect([node.phase, node.talosVersion]).toEqual(['running', 'v1.5.5']);
  });

  it('a boot that cannot be prepared fails as the operation: the node stays stopped and boots later', async () => {
    const container = createNodeContainer({ address: '10.5.0.9', talosVersion: 'v1.12.0' });
    const made = container.get(TOKENS.CoreStateFactory);
    let failNext = false;
    container.rebind(TOKENS.CoreStateFactory).toConstantValue((parts) => {
      if (failNext) {
        failNext = false;
        throw new RangeError('out of memory');
      }
      return made(parts);
    });
    const node = await container.getAsync(TOKENS.TalosNode);
    await node.boot();
    failNext = true;
    const err = await rejection(node.reboot());
    expect(isNodeLifecycleError(err) && err.detail).toMatchObject({
      kind: 'failed',
      operation: 'reboot',
      phase: 'stopped',
    });
    expect(err.message).toBe('node 10.5.0.9: reboot failed: out of memory');
    expect(node.phase).toBe('stopped');
    await node.boot();
    expect(node.phase).toBe('running');
    await node.shutdown();
  });

  it('applyConfig publishes the MachineConfig resource; an invalid config changes nothing', async () => {
    await using cluster = await createCluster(scenario);
    const node = cluster.node('10.5.0.2');
    const config = 'version: v1alpha1\nmachine:\n  type: worker\n';
    await node.applyConfig(config);
    const read = () => node.resources.get('config', 'MachineConfigs.config.talos.dev', 'v1alpha1');
    const applied = await read();
    expect([applied.metadata.version, (applied.spec as { text: string }).text]).toEqual([1, config]);
    const err = await rejection(node.applyConfig('version: v1alpha1\nmachine: [\n'));
    expect(isMachineConfigError(err)).toBe(true);
    expect(node.machineConfig?.text).toBe(config);
    expect((await read()).metadata.version).toBe(1);
    await node.applyConfig(`${config}  # changed\n`);
    expect((await read()).metadata.version).toBe(2);
    // a config that parses but fails Talos's validation is refused with its text, and changes nothing either
    const invalid = await rejection(node.applyConfig('version: v1alpha1\nmachine:\n  type: database\n'));
    expect(isMachineConfigError(invalid)).toBe(true);
    expect(invalid.message).toContain('unknown machine type "database"');
    expect(node.machineConfig?.text).toBe(`${config}  # changed\n`);
    expect((await read()).metadata.version).toBe(2);
    // so is an ExtensionServiceConfig document that fails its own rules
    const service = await rejection(
      node.applyConfig(`${config}---\napiVersion: v1alpha1\nkind: ExtensionServiceConfig\nname: x\n`),
    );
    expect(service.message).toBe(
      '1 error occurred:\n\t* ExtensionServiceConfig/x: no config files found for extension "x"\n\n',
    );
    expect((await read()).metadata.version).toBe(2);
    expect(await node.resources.list('runtime', 'ExtensionServiceConfigs.runtime.talos.dev')).toEqual([]);
    // a MachineConfig parsed for another release is loaded by the node's: v1.12 has no KubeSpanConfig document (and
    // v1.12.0's loader says so without the document and line that v1.12.3 added)
    const newer = parseMachineConfig(`${config}---\napiVersion: v1alpha1\nkind: KubeSpanConfig\nenabled: true\n`);
    expect((await rejection(node.applyConfig(newer))).message).toBe('"KubeSpanConfig" "v1alpha1": not registered');
    expect((await read()).metadata.version).toBe(2);
  });

  it('upgrades a legacy-install node (≤ v1.9) with the .machine.install.extensions of the config in force', async () => {
    const legacy = (...images: string[]) =>
      `version: v1alpha1\nmachine:\n  install:\n    extensions:\n${images.map((i) => `      - image: ${i}\n`).join('')}`;
    await using cluster = await createCluster({
      ...scenario,
      nodes: [{ address: '10.5.0.2', talos: 'v1.3.7', config: legacy('example.com/alpha:1.0') }],
    });
    const node = cluster.node('10.5.0.2');
    expect(await extensions(node)).toEqual(['000.example.com-alpha-1.0=alpha']);
    // a new config is only installed by the next upgrade, as on Talos
    await node.applyConfig(legacy('example.com/alpha:1.0', 'example.com/beta:2.0'));
    expect(await extensions(node)).toEqual(['000.example.com-alpha-1.0=alpha']);
    await node.upgrade({ talosVersion: 'v1.4.0' });
    expect(await extensions(node)).toEqual(['000.example.com-alpha-1.0=alpha', '001.example.com-beta-2.0=beta']);
    expect(node.talosVersion).toBe('v1.4.0');
  });

  it('refuses a second boot while one runs, and ends the first one running', async () => {
    const node = await createNode();
    const first = node.boot();
    const second = await rejection(node.boot());
    expect(isNodeLifecycleError(second) && second.kind).toBe('invalid-phase');
    expect(second.message).toBe('node 172.20.0.2: cannot boot while boot is in progress');
    await first;
    // an operation allowed in this phase is still refused while another one runs, naming it
    const upgrading = node.upgrade();
    const apply = await rejection(node.applyConfig('version: v1alpha1\nmachine:\n  type: worker\n'));
    expect(isNodeLifecycleError(apply) && apply.detail).toEqual({
      kind: 'invalid-phase',
      address: '172.20.0.2',
      operation: 'applyConfig',
      phase: 'running',
      inProgress: 'upgrade',
    });
    expect(apply.message).toBe('node 172.20.0.2: cannot applyConfig while upgrade is in progress');
    await upgrading;
    expect(node.phase).toBe('running');
    await node.shutdown();
  });

  it('shutdown during boot aborts the boot: nothing keeps running', async () => {
    const node = await createNode();
    const booting = node.boot();
    const stopping = node.shutdown();
    const err = await rejection(booting);
    await stopping;
    expect(isNodeLifecycleError(err) && err.kind).toBe('aborted');
    expect(err.message).toBe('node 172.20.0.2: boot aborted: the node was shut down');
    expect(node.phase).toBe('stopped');
    expect(node.runtime.controllers()).toEqual([]);
    // a stopped node boots again, from fresh state
    await node.boot();
    expect(node.phase).toBe('running');
    await node.shutdown();
    await node.shutdown();
    // a boot from stopped prepares a new boot first, and a reboot or an upgrade boots last: a shutdown meanwhile
    // aborts their boot too, and the node ends stopped
    for (const operation of ['boot', 'reboot', 'upgrade'] as const) {
      if (operation !== 'boot') await node.boot();
      const running = operation === 'boot' ? node.boot() : operation === 'reboot' ? node.reboot() : node.upgrade();
      const stopped = node.shutdown();
      expect((await rejection(running)).message, operation).toBe(
        `node 172.20.0.2: ${operation} aborted: the node was shut down`,
      );
      await stopped;
      expect(node.phase, operation).toBe('stopped');
    }
  });

  it('refuses reboot, upgrade and applyConfig in phases where upstream cannot do them', async () => {
    const node = await createNode();
    expect((await rejection(node.reboot())).message).toBe('node 172.20.0.2: cannot reboot while the node is created');
    await node.boot();
    await node.shutdown();
    expect((await rejection(node.upgrade())).message).toBe('node 172.20.0.2: cannot upgrade while the node is stopped');
    // machined's service API needs a running node too: nothing answers a stopped one
    for (const call of ['start', 'stop', 'restart'] as const) {
      const err = await rejection(node.services[call]('apid'));
      expect(isNodeLifecycleError(err) && err.detail).toEqual({
        kind: 'invalid-phase',
        address: '172.20.0.2',
        operation: `service ${call}`,
        phase: 'stopped',
      });
      expect(err.message).toBe(`node 172.20.0.2: cannot service ${call} while the node is stopped`);
    }
  });

  it('completes every watch opened on the node when it shuts down', async () => {
    const node = await createNode();
    await node.boot();
    const events: StateEvent['type'][] = [];
    let completed = false;
    const stream = await node.resources.watch('meta', 'Namespaces.meta.cosi.dev', undefined, {
      bootstrapContents: true,
    });
    stream.subscribe({ next: (e) => events.push(e.type), complete: () => (completed = true) });
    await node.settle();
    expect(events.at(-1)).toBe('Bootstrapped');
    await node.shutdown();
    expect(completed).toBe(true);
    // a watch opened after the shutdown completes at once
    let late = false;
    (await node.resources.watch('meta', 'Namespaces.meta.cosi.dev')).subscribe({ complete: () => (late = true) });
    expect(late).toBe(true);
  });
});

describe('public entry points refuse bad arguments with typed errors', () => {
  it('createNode checks the boot asset it is given', async () => {
    for (const bootAsset of [
      {},
      { layers: 5 },
      { talosVersion: 'v1.11.2', firmwarePath: '/lib/firmware', layers: [{}] },
    ]) {
      const err = await rejection(createNode({ bootAsset } as never));
      expect([err.name, err.message]).toEqual([
        'NodeOptionsError',
        'bootAsset must be a boot asset built by buildBootAsset, buildFactoryBootAsset or installWithExtensions',
      ]);
    }
  });

  it('the resource API answers InvalidArgument, not a TypeError', async () => {
    const node = await createNode();
    await node.boot();
    const err = await rejection(node.resources.list(undefined as never, undefined as never));
    expect(err.message).toBe('rpc error: code = InvalidArgument desc = namespace must be a non-empty string');
    await node.shutdown();
  });
});

describe('extension inputs', () => {
  it('a string names a path when one exists there, as in scenarios; otherwise a reference', async () => {
    const cwd = `${import.meta.dirname}/../fixtures/extensions/upstream/good`;
    await using cluster = await createCluster({ talos: 'v1.12.0', nodes: ['10.5.0.2'] }, { cwd });
    const node = cluster.node('10.5.0.2');
    // relative to the scenario's directory (the cwd of an object scenario)
    await node.upgrade({ extensions: ['./extension1', 'ghcr.io/siderolabs/gvisor:20250707.0'] });
    expect(await extensions(node)).toEqual(['0=gvisor', '1=gvisor']);
    expect(node.bootAsset?.layers.map((l) => l.origin)).toEqual([
      './extension1',
      'ghcr.io/siderolabs/gvisor:20250707.0',
    ]);
  });
});
