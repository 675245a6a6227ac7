// k8s.NodeAnnotationSpecController against upstream controllers/k8s/node_annotation_spec_test.go (TestChangeLabel,
// TestExtensionAnnotations) and the label-versus-annotation boundary of §5.4.
import { describe, expect, it } from 'vitest';
import { NodeAnnotationSpecController } from '../../controllers/node-annotation-spec-controller.js';
import { NodeLabelSpecController } from '../../controllers/node-label-spec-controller.js';
import { type NodeAnnotationSpecSpec, NodeAnnotationSpecType } from '../../resources/node-annotation-spec.js';
import { NodeLabelSpecType } from '../../resources/node-label-spec.js';
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

const KIND = { namespace: 'k8s', type: NodeAnnotationSpecType.definition.type };
const LABELS = { namespace: 'k8s', type: NodeLabelSpecType.definition.type };

async function setup(talosVersion = 'v1.13.0') {
  const env = derivedRuntime();
  env.runtime.registerController(new NodeAnnotationSpecController({ talosVersion }));
  env.runtime.registerController(new NodeLabelSpecController({ talosVersion }));
  env.runtime.start();
  const read = async (kind: typeof KIND) => {
    await env.runtime.settle();
    const list = (await env.state.list(kind)) as Resource<NodeAnnotationSpecSpec>[];
    return Object.fromEntries(list.map((r) => [r.metadata.id, r.spec.value]));
  };
  return { ...env, annotations: () => read(KIND), labels: () => read(LABELS) };
}

describe('k8s.NodeAnnotationSpecController', () => {
  it('follows the config annotations (TestChangeLabel)', async () => {
    const { state, annotations, runtime } = await setup();
    await applyConfig(state, v1alpha1Config('controlplane', {}, { 'some/annotation': 'oldValue' }));
    expect(await annotations()).toEqual({ 'some/annotation': 'oldValue' });
    await applyConfig(state, v1alpha1Config('controlplane', {}, { 'some/annotation': 'newValue' }));
    expect(await annotations()).toEqual({ 'some/annotation': 'newValue' });
    await runtime.stop();
  });

  it('annotates only the schematic, whose 64-hex id is no label value (TestExtensionAnnotations)', async () => {
    const { state, annotations, labels, runtime } = await setup();
    for (const [id, name, version] of UPSTREAM_EXTENSIONS) await createExtensionStatus(state, id, name, version);
    expect(await annotations()).toEqual({ 'extensions.talos.dev/schematic': SCHEMATIC_ID });
    expect(await labels()).toEqual({
      'extensions.talos.dev/zfs': '2.2.4',
      'extensions.talos.dev/drbd': '9.2.8-v1.7.5',
    });
    await runtime.stop();
  });

  it('puts each extension on exactly one side of the label-value rules', async () => {
    const { state, annotations, labels, runtime } = await setup();
    const cases: [string, string][] = [
      ['v63', 'a'.repeat(63)],
      ['v64', 'a'.repeat(64)],
      ['plus', '1.0+build'],
      ['space', 'a b'],
      ['dash-end', '1.0-'],
      ['dot-start', '.1'],
      ['underscore', 'a_b'],
      ['empty', ''],
    ];
    for (const [i, [name, version]] of cases.entries()) await createExtensionStatus(state, String(i), name, version);
    const p = 'extensions.talos.dev/';
    expect(await labels()).toEqual({
      [`${p}v63`]: 'a'.repeat(63),
      [`${p}underscore`]: 'a_b',
      [`${p}empty`]: '',
    });
    expect(await annotations()).toEqual({
      [`${p}v64`]: 'a'.repeat(64),
      [`${p}plus`]: '1.0+build',
      [`${p}space`]: 'a b',
      [`${p}dash-end`]: '1.0-',
      [`${p}dot-start`]: '.1',
    });
    await runtime.stop();
  });

  it('lets an extension key win over a config annotation of the same name', async () => {
    const { state, annotations, runtime } = await setup();
    await applyConfig(state, v1alpha1Config('worker', {}, { 'extensions.talos.dev/schematic': 'mine', a: 'b' }));
    await createExtensionStatus(state, '0', 'schematic', SCHEMATIC_ID);
    expect(await annotations()).toEqual({ 'extensions.talos.dev/schematic': SCHEMATIC_ID, a: 'b' });
    await runtime.stop();
  });

  it('from v1.14.0-beta.0 reads the KubeNodeConfig document first', async () => {
    const { state, annotations, runtime } = await setup('v1.14.0-rc.1');
    await applyDocuments(state, {
      text: '',
      documents: [
        { kind: 'v1alpha1', value: { machine: { type: 'worker', nodeAnnotations: { old: 'x' } } } },
        { kind: 'KubeNodeConfig', apiVersion: 'v1alpha1', name: undefined, value: { annotations: { new: 'y' } } },
      ],
    });
    expect(await annotations()).toEqual({ new: 'y' });
    await runtime.stop();
  });

  it('prints as talosctl get nodeannotationspecs does (table, yaml, json)', async () => {
    const { state, runtime } = await setup();
    await applyConfig(state, v1alpha1Config('worker', {}, { 'example.com/owner': 'team a' }));
    for (const [id, name, version] of UPSTREAM_EXTENSIONS) await createExtensionStatus(state, id, name, version);
    await runtime.settle();
    const list = await state.list(KIND);
    expectGolden('derived/node-annotation-specs.table.txt', printResources('table', NodeAnnotationSpecType, list));
    expectGolden('derived/node-annotation-specs.yaml.txt', printResources('yaml', NodeAnnotationSpecType, list));
    expectGolden('derived/node-annotation-specs.json.txt', printResources('json', NodeAnnotationSpecType, list));
    await runtime.stop();
  });
});
