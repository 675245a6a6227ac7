import { describe, expect, it } from 'vitest';
import {
  InMemoryState,
  META_NAMESPACE,
  NamespaceResourceType,
  ResourceDefinitionError,
  ResourceDefinitionResourceType,
  type ResourceDefinitionSpec,
  ResourceRegistry,
  State,
  seededRandom,
  VirtualClock,
} from '../../src/cosi/index.js';

const setup = async () => {
  const state = new State(new InMemoryState({ clock: new VirtualClock(), random: seededRandom(1) }));
  const registry = new ResourceRegistry(state);
  await registry.registerDefaults();
  return { state, registry };
};

describe('ResourceRegistry', () => {
  it('stores the meta namespace and the meta RDs as resources owned by meta', async () => {
    const { state } = await setup();
    const rds = await state.list({ namespace: META_NAMESPACE, type: ResourceDefinitionResourceType });
    expect(rds.map((r) => [r.metadata.id, r.metadata.owner, r.metadata.version])).toEqual([
      ['namespaces.meta.cosi.dev', 'meta', 1],
      ['resourcedefinitions.meta.cosi.dev', 'meta', 1],
    ]);
    const rd = rds[1]?.spec as ResourceDefinitionSpec;
    expect(rd.printColumns).toEqual([{ name: 'Aliases', jsonPath: '{.aliases[:]}' }]);
    const [meta] = await state.list({ namespace: META_NAMESPACE, type: NamespaceResourceType });
    expect(meta?.spec).toEqual({
      description: 'Metadata namespace which contains resource and namespace definitions.',
    });
  });

  it('refuses an invalid definition with its cosi text and stores nothing', async () => {
    const { state, registry } = await setup();
    const before = await state.list({ namespace: META_NAMESPACE, type: ResourceDefinitionResourceType });
    await expect(
      registry.registerType({ definition: { type: 'Test.cosi.dev', defaultNamespace: 'x' }, newSpec: () => ({}) }),
    ).rejects.toThrow(new ResourceDefinitionError('name should be plural'));
    expect(await state.list({ namespace: META_NAMESPACE, type: ResourceDefinitionResourceType })).toEqual(before);
  });

  it('refuses to register the same type twice', async () => {
    const { registry } = await setup();
    const type = { definition: { type: 'Tests.cosi.dev', defaultNamespace: 'x' }, newSpec: () => ({}) };
    await registry.registerType(type);
    await expect(registry.registerType(type)).rejects.toThrow(
      'resource ResourceDefinitions.meta.cosi.dev(meta/tests.cosi.dev@undefined) already exists',
    );
  });
});
