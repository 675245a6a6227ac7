// k8s.NodeLabelSpecController against the cases of upstream controllers/k8s/node_label_spec_test.go (TestAddLabel,
// TestChangeLabel, TestDeleteLabel, TestExtensionLabels) and the per-release differences.
import { describe, expect, it } from 'vitest';
import { NodeLabelSpecController } from '../../controllers/node-label-spec-controller.js';
import { type NodeLabelSpecSpec, NodeLabelSpecType } from '../../resources/node-label-spec.js';
import type { Resource } from '../../src/cosi/index.js';
import { expectGolden } from '../support/golden.js';
import { derivedRuntime, printResources } from './derived-runtime.js';
import {
  applyConfig,
  applyDocuments,
  createExtensionStatus,
  SCHEMATIC_ID,
  UPSTREAM_EXTENSIONS,
  v1alpha1Config,
} from './node-label-spec-fixtures.js';

const KIND = { namespace: 'k8s', type: NodeLabelSpecType.definition.type };
const CP = 'node-role.kubernetes.io/control-plane';

async function setup(talosVersion = 'v1.13.0', extensionKeys?: boolean) {
  const env = derivedRuntime();
  env.runtime.registerController(
    new NodeLabelSpecController({ talosVersion, ...(extensionKeys === undefined ? {} : { extensionKeys }) }),
  );
  env.runtime.start();
  await env.runtime.settle();
  const labels = async () => {
    await env.runtime.settle();
    const list = (await env.state.list(KIND)) as Resource<NodeLabelSpecSpec>[];
    return Object.fromEntries(list.map((r) => [r.metadata.id, r.spec.value]));
  };
  return { ...env, labels };
}

describe('k8s.NodeLabelSpecController', () => {
  it('publishes the config labels of a worker and no control-plane label (TestAddLabel)', async () => {
    const { state, labels, runtime } = await setup();
    await applyConfig(state, v1alpha1Config('worker', { expectedLabel: 'expectedValue' }));
    expect(await labels()).toEqual({ expectedLabel: 'expectedValue' });
    const [label] = await state.list(KIND);
    expect([label?.metadata.owner, label?.spec]).toEqual([
      'k8s.NodeLabelSpecController',
      { key: 'expectedLabel', value: 'expectedValue' },
    ]);
    await runtime.stop();
  });

  it('follows a changed value and adds the empty control-plane label (TestChangeLabel)', async () => {
    const { state, labels, runtime } = await setup();
    await applyConfig(state, v1alpha1Config('controlplane', { someLabel: 'oldValue' }));
    expect(await labels()).toEqual({ someLabel: 'oldValue', [CP]: '' });
    await applyConfig(state, v1alpha1Config('controlplane', { someLabel: 'newValue' }));
    expect(await labels()).toEqual({ someLabel: 'newValue', [CP]: '' });
    const some = (await state.list(KIND)).find((r) => r.metadata.id === 'someLabel');
    expect(some?.metadata.version).toBe(2);
    await runtime.stop();
  });

  it('destroys labels the config no longer asks for (TestDeleteLabel)', async () => {
    const { state, labels, runtime } = await setup();
    await applyConfig(state, v1alpha1Config('worker', { label: 'labelValue' }));
    expect(await labels()).toEqual({ label: 'labelValue' });
    await applyConfig(state, v1alpha1Config('worker', {}));
    expect(await labels()).toEqual({});
    await runtime.stop();
  });

  it('labels extensions whose version is a label value, not the schematic (TestExtensionLabels)', async () => {
    const { state, labels, runtime } = await setup();
    for (const [id, name, version] of UPSTREAM_EXTENSIONS) await createExtensionStatus(state, id, name, version);
    expect(await labels()).toEqual({
      'extensions.talos.dev/zfs': '2.2.4',
      'extensions.talos.dev/drbd': '9.2.8-v1.7.5',
    });
    await runtime.stop();
  });

  it('labels the modules.dep layer with its kernel release, and extension keys win over user keys', async () => {
    const { state, labels, runtime } = await setup();
    await applyConfig(state, v1alpha1Config('init', { 'extensions.talos.dev/gvisor': 'mine', team: 'a' }));
    await createExtensionStatus(state, '0', 'gvisor', '20250505.0');
    await createExtensionStatus(state, 'modules.dep', 'modules.dep', '6.18.24-talos');
    expect(await labels()).toEqual({
      'extensions.talos.dev/gvisor': '20250505.0',
      'extensions.talos.dev/modules.dep': '6.18.24-talos',
      team: 'a',
      [CP]: '',
    });
    await runtime.stop();
  });

  it('skips extensions whose label key is not a qualified name, and nameless ones', async () => {
    const { state, labels, runtime } = await setup();
    await createExtensionStatus(state, '0', 'bad name', '1.0');
    await createExtensionStatus(state, '1', '', '1.0');
    await createExtensionStatus(state, '2', `x${'y'.repeat(63)}`, '1.0');
    await createExtensionStatus(state, '3', 'ok_name-1.2', '');
    expect(await labels()).toEqual({ 'extensions.talos.dev/ok_name-1.2': '' });
    await runtime.stop();
  });

  it('removes an extension label when its ExtensionStatus goes away', async () => {
    const { state, labels, runtime } = await setup();
    await createExtensionStatus(state, '0', 'zfs', '2.2.4');
    expect(await labels()).toEqual({ 'extensions.talos.dev/zfs': '2.2.4' });
    await state.destroy({ namespace: 'runtime', type: 'ExtensionStatuses.runtime.talos.dev', id: '0' });
    expect(await labels()).toEqual({});
    await runtime.stop();
  });

  it('before v1.8 labels come from the config only', async () => {
    const { state, labels, runtime } = await setup('v1.7.7', false);
    await applyConfig(state, v1alpha1Config('controlplane', { a: 'b' }), 'v1.7.7');
    await createExtensionStatus(state, '0', 'zfs', '2.2.4');
    expect(await labels()).toEqual({ a: 'b', [CP]: '' });
    expect(new NodeLabelSpecController({ talosVersion: 'v1.7.7', extensionKeys: false }).inputs()).toHaveLength(1);
    await runtime.stop();
  });

  it('from v1.14.0-beta.0 reads KubeNodeConfig, which adds no control-plane label', async () => {
    const { state, labels, runtime } = await setup('v1.14.0-rc.1');
    await applyDocuments(state, {
      text: '',
      documents: [
        { kind: 'v1alpha1', value: { version: 'v1alpha1', machine: { type: 'controlplane' } } },
        { kind: 'KubeNodeConfig', apiVersion: 'v1alpha1', name: undefined, value: { labels: { zone: 'b' } } },
      ],
    });
    await createExtensionStatus(state, '0', 'zfs', '2.2.4');
    expect(await labels()).toEqual({ zone: 'b', 'extensions.talos.dev/zfs': '2.2.4' });
    await applyDocuments(state, {
      text: '',
      documents: [{ kind: 'v1alpha1', value: { machine: { type: 'controlplane', nodeLabels: { zone: 'c' } } } }],
    });
    expect(await labels()).toEqual({ zone: 'c', [CP]: '', 'extensions.talos.dev/zfs': '2.2.4' });
    await runtime.stop();
  });

  it('prints as talosctl get nodelabelspecs does (table, yaml, json)', async () => {
    const { state, runtime } = await setup();
    await applyConfig(state, v1alpha1Config('controlplane', { 'topology.kubernetes.io/zone': 'eu-1' }));
    for (const [id, name, version] of UPSTREAM_EXTENSIONS) await createExtensionStatus(state, id, name, version);
    await runtime.settle();
    const list = await state.list(KIND);
    expect(list.map((r) => r.metadata.id)).not.toContain(`extensions.talos.dev/schematic=${SCHEMATIC_ID}`);
    expectGolden('derived/node-label-specs.table.txt', printResources('table', NodeLabelSpecType, list));
    expectGolden('derived/node-label-specs.yaml.txt', printResources('yaml', NodeLabelSpecType, list));
    expectGolden('derived/node-label-specs.json.txt', printResources('json', NodeLabelSpecType, list));
    await runtime.stop();
  });
});
