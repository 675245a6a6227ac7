// extension_service_config_test.go TestReconcileExtensionServiceConfig: resources from the documents of the
// machine config in force, removed with it.
import { describe, expect, it } from 'vitest';
import { ExtensionServiceConfigController } from '../../controllers/extension-service-config-controller.js';
import { ExtensionServiceConfigResourceType } from '../../resources/extension-service-config.js';
import { MachineConfigType } from '../../resources/machine-config.js';
import { newTypedResource } from '../../src/cosi/index.js';
import { parseMachineConfig } from '../../src/machine-config/index.js';
import { controllerFixture } from './controller-fixtures.js';

const CONFIG = `apiVersion: v1alpha1
kind: ExtensionServiceConfig
name: test-extension-a
configFiles:
  - content: test-content-a
    mountPath: /etc/test
---
apiVersion: v1alpha1
kind: ExtensionServiceConfig
name: test-extension-b
configFiles:
  - content: test-content-b
    mountPath: /etc/bar
  - content: test-content-c
    mountPath: /var/etc/foo
environment:
  - FOO=BAR
`;

describe('runtime.ExtensionServiceConfigController', () => {
  it('writes one resource per document and removes them with the config', async () => {
    const f = controllerFixture();
    const mc = newTypedResource(MachineConfigType, 'v1alpha1');
    mc.spec = { text: CONFIG, documents: [...parseMachineConfig(CONFIG, { talosVersion: 'v1.14.0-rc.1' }).documents] };
    await f.state.create(mc);
    await f.start(new ExtensionServiceConfigController());
    const kind = { namespace: 'runtime', type: ExtensionServiceConfigResourceType };
    const list = await f.state.list(kind);
    expect(list.map((r) => [r.metadata.id, r.metadata.owner, r.spec])).toEqual([
      [
        'test-extension-a',
        'runtime.ExtensionServiceConfigController',
        { files: [{ content: 'test-content-a', mountPath: '/etc/test' }] },
      ],
      [
        'test-extension-b',
        'runtime.ExtensionServiceConfigController',
        {
          files: [
            { content: 'test-content-b', mountPath: '/etc/bar' },
            { content: 'test-content-c', mountPath: '/var/etc/foo' },
          ],
          environment: ['FOO=BAR'],
        },
      ],
    ]);
    expect(list[0]?.spec).not.toHaveProperty('environment');

    await f.state.destroy(mc.metadata);
    await f.settle();
    expect(await f.state.list(kind)).toEqual([]);
    await f.stop();
  });

  it('follows a config change: updates kept documents, drops removed ones', async () => {
    const f = controllerFixture();
    const mc = newTypedResource(MachineConfigType, 'v1alpha1');
    mc.spec = { text: CONFIG, documents: [...parseMachineConfig(CONFIG).documents] };
    await f.state.create(mc);
    await f.start(new ExtensionServiceConfigController());
    const next = CONFIG.split('---\n')[1] as string;
    await f.state.modify(newTypedResource(MachineConfigType, 'v1alpha1'), (r) => {
      r.spec = { text: next, documents: [...parseMachineConfig(next.replace('FOO=BAR', 'FOO=BAZ')).documents] };
    });
    await f.settle();
    const list = await f.state.list({ namespace: 'runtime', type: ExtensionServiceConfigResourceType });
    expect(
      list.map((r) => [r.metadata.id, r.metadata.version, (r.spec as { environment: string[] }).environment]),
    ).toEqual([['test-extension-b', 2, ['FOO=BAZ']]]);
    await f.stop();
  });
});
