// runtime.ImageFactorySchematicController against upstream controllers/runtime/image_factory_schematic_test.go.
import { describe, expect, it } from 'vitest';
import {
  ImageFactorySchematicController,
  parseSchematicAuthor,
} from '../../controllers/image-factory-schematic-controller.js';
import { ImageFactorySchematicType } from '../../resources/image-factory-schematic.js';
import { expectGolden } from '../support/golden.js';
import { derivedRuntime, printResources } from './derived-runtime.js';
import { createExtensionStatus } from './node-label-spec-fixtures.js';

const KIND = { namespace: 'runtime', type: ImageFactorySchematicType.definition.type };
const ID = '376567988ad370138ad8b2698212367b8edcb69b5fd68c80be1f2ec7d603b4ba';

async function setup() {
  const env = derivedRuntime();
  env.runtime.registerController(new ImageFactorySchematicController());
  env.runtime.start();
  const specs = async () => {
    await env.runtime.settle();
    return (await env.state.list(KIND)).map((r) => [r.metadata.id, r.spec]);
  };
  return { ...env, specs };
}

describe('runtime.ImageFactorySchematicController', () => {
  it('publishes the schematic among other extensions (TestSchematicExtensionPresent)', async () => {
    const { state, specs, runtime } = await setup();
    await createExtensionStatus(state, '0', 'amd-ucode', '20240115');
    await createExtensionStatus(state, '1', 'zfs', '2.2.2-v1.6.0');
    await createExtensionStatus(state, 'schematic.sqsh', 'schematic', ID, 'Image Factory (https://factory.talos.dev)');
    expect(await specs()).toEqual([
      ['image-factory-schematic', { schematicId: ID, flavor: 'Image Factory', apiUrl: 'https://factory.talos.dev' }],
    ]);
    await runtime.stop();
  });

  it('publishes nothing without a schematic extension (TestNoSchematicExtension)', async () => {
    const { state, specs, runtime } = await setup();
    await createExtensionStatus(state, '0', 'amd-ucode', '20240115');
    expect(await specs()).toEqual([]);
    await runtime.stop();
  });

  it('removes the resource with its extension (TestSchematicExtensionDeleted)', async () => {
    const { state, specs, runtime } = await setup();
    await createExtensionStatus(state, '2', 'schematic', ID, 'Image Factory (https://factory.talos.dev)');
    expect(await specs()).toHaveLength(1);
    await state.destroy({ namespace: 'runtime', type: 'ExtensionStatuses.runtime.talos.dev', id: '2' });
    expect(await specs()).toEqual([]);
    await runtime.stop();
  });

  it('splits a custom factory author and one without a URL (TestCustomImageFactory, TestAuthorWithoutURL)', async () => {
    expect(parseSchematicAuthor('My Factory (https://factory.example.com)')).toEqual({
      flavor: 'My Factory',
      apiUrl: 'https://factory.example.com',
    });
    expect(parseSchematicAuthor('Just A Name')).toEqual({ flavor: 'Just A Name', apiUrl: '' });
    expect(parseSchematicAuthor('A (b) (c')).toEqual({ flavor: 'A (b)', apiUrl: 'c' });
    const { state, specs, runtime } = await setup();
    await createExtensionStatus(state, '0', 'schematic', 'abc123', 'Just A Name');
    expect(await specs()).toEqual([
      ['image-factory-schematic', { schematicId: 'abc123', flavor: 'Just A Name', apiUrl: '' }],
    ]);
    await runtime.stop();
  });

  it('skips a schematic with an empty version with a warning, and takes the next one', async () => {
    const { state, specs, logger, runtime } = await setup();
    await createExtensionStatus(state, '0', 'schematic', '', 'Image Factory (https://a)');
    await createExtensionStatus(state, '1', 'schematic', 'def', 'Image Factory (https://b)');
    expect(await specs()).toEqual([
      ['image-factory-schematic', { schematicId: 'def', flavor: 'Image Factory', apiUrl: 'https://b' }],
    ]);
    expect(logger.entries.filter((e) => e.level === 'warn').map((e) => e.message)).toContain(
      'schematic extension has empty version (schematic ID), skipping',
    );
    await runtime.stop();
  });

  it('prints as talosctl get imagefactoryschematics does (table, yaml, json)', async () => {
    const { state, runtime } = await setup();
    await createExtensionStatus(state, '2', 'schematic', ID, 'Image Factory (https://factory.talos.dev)');
    await runtime.settle();
    const list = await state.list(KIND);
    expectGolden('derived/image-factory-schematic.table.txt', printResources('table', ImageFactorySchematicType, list));
    expectGolden('derived/image-factory-schematic.yaml.txt', printResources('yaml', ImageFactorySchematicType, list));
    expectGolden('derived/image-factory-schematic.json.txt', printResources('json', ImageFactorySchematicType, list));
    await runtime.stop();
  });
});
