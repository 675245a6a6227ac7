import { Volume } from 'memfs';
import { describe, expect, it } from 'vitest';
import {
  createNode,
  createNodeContainer,
  type ExtensionStatusSpec,
  isStatusError,
  MemoryLogger,
  seededRandom,
  type TalosNode,
  TOKENS,
  VirtualClock,
} from '../../src/index.js';

const EXTENSIONS_YAML = `layers:
    - image: 0.sqsh
      metadata:
        name: gvisor
        version: 20240212.0
        author: Sidero Labs
        description: |
            [core] This system extension provides gVisor using containerd's runtime handler.
        compatibility:
            talos:
                version: '>= v1.0.0'
    - image: modules.dep.sqsh
      metadata:
        name: modules.dep
        version: 6.12.18-talos
        author: Talos Machinery
        description: Combined modules.dep for all extensions
        compatibility:
            talos:
                version: ""
`;

async function boot(files: Record<string, string>, logger = new MemoryLogger()): Promise<TalosNode> {
  const node = await createNode({
    clock: new VirtualClock(),
    random: seededRandom(1),
    logger,
    rootfs: Volume.fromJSON(files),
  });
  await node.boot();
  return node;
}

describe('TalosNode', () => {
  it('registers the meta and Talos namespaces and resource definitions as resources', async () => {
    const node = await boot({ '/etc/extensions.yaml': '' });
    const namespaces = (await node.resources.list('meta', 'Namespaces.meta.cosi.dev')).map((r) => r.metadata.id);
    expect(namespaces).toContain('meta');
    expect(namespaces).toContain('runtime');
    const rds = await node.resources.definitions();
    // the types of the node's release (v1.13.9), sorted by type as `get rd` lists them
    expect(rds.map((rd) => rd.type)).toEqual([
      'EtcFileSpecs.files.talos.dev',
      'EtcFileStatuses.files.talos.dev',
      'ExtensionServiceConfigs.runtime.talos.dev',
      'ExtensionServiceConfigStatuses.runtime.talos.dev',
      'ExtensionStatuses.runtime.talos.dev',
      'Identities.cluster.talos.dev',
      'MachineConfigs.config.talos.dev',
      'Namespaces.meta.cosi.dev',
      'NodeAnnotationSpecs.k8s.talos.dev',
      'NodeLabelSpecs.k8s.talos.dev',
      'ResourceDefinitions.meta.cosi.dev',
      'SBOMItems.talos.dev',
      'ServicePIDs.runtime.talos.dev',
      'Services.v1alpha1.talos.dev',
    ]);
    const [rd] = await node.resources.list('meta', 'ResourceDefinitions.meta.cosi.dev');
    expect([rd?.metadata.owner, rd?.metadata.version]).toEqual(['meta', 1]);
    await node.shutdown();
  });

  it('publishes nothing for an empty /etc/extensions.yaml', async () => {
    const node = await boot({ '/etc/extensions.yaml': '' });
    expect(await node.resources.list('runtime', 'ExtensionStatuses.runtime.talos.dev')).toEqual([]);
    expect(node.runtime.controllers().filter((c) => c.name === 'runtime.ExtensionStatusController')).toEqual([
      { name: 'runtime.ExtensionStatusController', status: 'finished', failures: 0, lastError: undefined },
    ]);
    await node.shutdown();
  });

  it('publishes one ExtensionStatus per layer, id = image without .sqsh, owned by the controller, version 1', async () => {
    const node = await boot({ '/etc/extensions.yaml': EXTENSIONS_YAML });
    const list = await node.resources.list('runtime', 'ExtensionStatuses.runtime.talos.dev');
    expect(list.map((r) => [r.metadata.id, r.metadata.version, r.metadata.owner])).toEqual([
      ['0', 1, 'runtime.ExtensionStatusController'],
      ['modules.dep', 1, 'runtime.ExtensionStatusController'],
    ]);
    const gvisor = list[0]?.spec as ExtensionStatusSpec;
    expect(gvisor).toEqual({
      image: '0.sqsh',
      metadata: {
        name: 'gvisor',
        version: '20240212.0',
        author: 'Sidero Labs',
        description: "[core] This system extension provides gVisor using containerd's runtime handler.\n",
        compatibility: { talos: { version: '>= v1.0.0' } },
      },
    });
    expect(list[0]?.metadata.created.toISOString()).toBe('2024-08-09T03:07:41.000Z');
    await node.shutdown();
  });

  it('fails the controller with Go-style text when the file is missing, and retries with backoff', async () => {
    const logger = new MemoryLogger();
    const clock = new VirtualClock();
    const node = await createNode({
      clock,
      random: seededRandom(1),
      logger,
      rootfs: Volume.fromJSON({ '/etc/hosts': '' }),
    });
    await node.boot();
    const extensionStatus = () =>
      node.runtime.controllers().find((c) => c.name === 'runtime.ExtensionStatusController');
    const info = extensionStatus();
    expect(info?.lastError?.message).toBe(
      'failed loading extensions config: open /etc/extensions.yaml: no such file or directory',
    );
    expect(info?.status).toBe('backoff');
    await clock.advance(60_000);
    expect(extensionStatus()?.failures).toBeGreaterThan(3);
    await node.shutdown();
  });

  it('answers API calls with Talos access-policy errors as gRPC statuses', async () => {
    const node = await boot({ '/etc/extensions.yaml': EXTENSIONS_YAML });
    const failure = async (p: Promise<unknown>) =>
      p.then(
        () => undefined,
        (e: unknown) => e,
      );
    const missing = await failure(node.resources.get('runtime', 'ExtensionStatuses.runtime.talos.dev', '5'));
    expect(isStatusError(missing, 'NotFound')).toBe(true);
    expect((missing as Error).message).toBe(
      "rpc error: code = NotFound desc = resource ExtensionStatuses.runtime.talos.dev(runtime/5@undefined) doesn't exist",
    );
    expect(((await failure(node.resources.list('foo', 'ExtensionStatuses.runtime.talos.dev'))) as Error).message).toBe(
      'rpc error: code = PermissionDenied desc = namespace "foo" is not supported',
    );
    expect(((await failure(node.resources.list('runtime', 'Foos.talos.dev'))) as Error).message).toBe(
      'rpc error: code = PermissionDenied desc = resource type "Foos.talos.dev" is not supported',
    );
    await node.shutdown();
  });

  it('boots a stock rootfs of its version: read-only overlay at /, tmpfs runtime directories', async () => {
    const node = await createNode({ clock: new VirtualClock(), talosVersion: 'v1.10.9' });
    await node.boot();
    const { fs, mounts } = node.filesystem;
    expect(mounts.procMounts()).toBe(
      [
        'overlay / overlay ro,lowerdir=/layers/root 0 0',
        'tmpfs /run tmpfs rw 0 0',
        'tmpfs /system tmpfs rw 0 0',
        'tmpfs /tmp tmpfs rw 0 0',
        'tmpfs /var tmpfs rw 0 0',
        // the kernel's devtmpfs (modelled read-only: nothing writes device nodes in a simulation)
        'devtmpfs /dev devtmpfs ro,mode=755 0 0',
        // machined's rendered CRI config and identity files, bind-mounted read-only over the image's empty files, in
        // the order EtcFileController rendered them
        'tmpfs /etc/cri/conf.d/01-registries.part tmpfs ro 0 0',
        'tmpfs /etc/cri/conf.d/cri.toml tmpfs ro 0 0',
        'tmpfs /etc/machine-id tmpfs ro 0 0',
        'tmpfs /etc/iscsi/initiatorname.iscsi tmpfs ro 0 0',
        'tmpfs /etc/nvme/hostid tmpfs ro 0 0',
        'tmpfs /etc/nvme/hostnqn tmpfs ro 0 0',
        '',
      ].join('\n'),
    );
    expect(fs.readFileSync('/etc/os-release', 'utf8')).toContain('VERSION_ID=v1.10.9\n');
    expect(fs.readdirSync('/usr/lib/modules')).toEqual(['6.12.63-talos']);
    expect(() => fs.writeFileSync('/etc/hosts', 'x')).toThrow("EROFS: read-only file system, open '/etc/hosts'");
    fs.mkdirSync('/var/log');
    fs.writeFileSync('/var/log/x', 'ok');
    expect(fs.readFileSync('/var/log/x', 'utf8')).toBe('ok');
    await node.shutdown();
  });

  it('lets tests rebind parts of the composition root before the node is built', async () => {
    const container = createNodeContainer({ rootfs: Volume.fromJSON({ '/etc/extensions.yaml': '' }) });
    const clock = new VirtualClock(Date.UTC(2030, 0, 1));
    container.rebind(TOKENS.Clock).toConstantValue(clock);
    const node = await container.getAsync(TOKENS.TalosNode);
    await node.boot();
    const [ns] = await node.resources.list('meta', 'Namespaces.meta.cosi.dev');
    expect(ns?.metadata.created.toISOString()).toBe('2030-01-01T00:00:00.000Z');
    expect(node.clock).toBe(clock);
    await node.shutdown();
  });
});
