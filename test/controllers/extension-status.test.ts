// runtime.ExtensionStatusController decoding /etc/extensions.yaml as the node's go-yaml release does (spec
// "Corrections by release", §5.2): first document only, go-yaml's unmarshal/construct error texts per release, a nil
// layer panics and the controller restarts with backoff.
import { describe, expect, it } from 'vitest';
import { ExtensionStatusController } from '../../controllers/extension-status-controller.js';
import { decodeExtensionsConfig } from '../../controllers/extensions-config-decoder.js';
import { ExtensionStatusType } from '../../resources/extension-status.js';
import type { YamlFlavour } from '../../src/goyaml/index.js';
import { derivedRuntime, nodeRoot } from './derived-runtime.js';

const KIND = { namespace: 'runtime', type: ExtensionStatusType.definition.type };

const LAYER = (image: string, name: string, version: string) =>
  `  - image: ${image}\n    metadata:\n      name: ${name}\n      version: ${version}\n      author: Sidero Labs\n      description: |\n        x\n      compatibility:\n        talos:\n          version: '>= v1.0.0'\n`;

async function boot(text: string, goYaml: YamlFlavour = 'rc6') {
  const env = derivedRuntime();
  const { fs } = nodeRoot({ etc: { 'extensions.yaml': text } });
  env.runtime.registerController(new ExtensionStatusController(fs, { goYaml }));
  env.runtime.start();
  await env.runtime.settle();
  const [info] = env.runtime.controllers();
  const ids = (await env.state.list(KIND)).map((r) => r.metadata.id);
  return { ...env, info, ids };
}

const failure = (text: string, flavour: YamlFlavour) => {
  try {
    decodeExtensionsConfig(text, flavour);
  } catch (err) {
    return (err as Error).message;
  }
  return undefined;
};

describe('runtime.ExtensionStatusController decoding /etc/extensions.yaml', () => {
  it('publishes the layers of the first document only, ignoring what follows', async () => {
    const text = `layers:\n${LAYER('0.sqsh', 'gvisor', '20250505.0')}${LAYER('modules.dep.sqsh', 'modules.dep', '6.18.24-talos')}---\nlayers: [\n`;
    const { ids, info, runtime } = await boot(text);
    expect(ids).toEqual(['0', 'modules.dep']);
    expect(info?.status).toBe('finished');
    await runtime.stop();
  });

  it('treats an empty stream, a bare document marker and comments as no extensions', async () => {
    for (const text of ['', '---\n', '# nothing\n', 'layers:\n', 'layers: []\n', 'other: 1\n']) {
      const { ids, info, runtime } = await boot(text);
      expect([text, ids, info?.status]).toEqual([text, [], 'finished']);
      await runtime.stop();
    }
  });

  it.each<[YamlFlavour, string]>([
    ['v3', 'yaml: unmarshal errors:\n  line 1: cannot unmarshal !!str `foo` into []*extensions.Layer'],
    ['rc3', 'yaml: unmarshal errors:\n  line 1: cannot unmarshal !!str `foo` into []*extensions.Layer'],
    ['rc4', 'yaml: construct errors:\n  line 1: cannot construct !!str `foo` into []*extensions.Layer'],
    ['rc6', 'yaml: construct errors: line 1: cannot construct !!str `foo` into []*extensions.Layer'],
  ])('reports `layers: foo` with go-yaml %s text and fails the controller', async (flavour, text) => {
    const { info, ids, runtime } = await boot('layers: foo\n', flavour);
    expect(info?.lastError?.message).toBe(`failed loading extensions config: ${text}`);
    expect([ids, info?.status]).toEqual([[], 'backoff']);
    await runtime.stop();
  });

  it('collects every value of the wrong shape, with the lines and truncated values go-yaml prints', () => {
    const text =
      'layers:\n  - image: [a]\n    metadata:\n      name: {a: b}\n      version: 12345678901\n  - notalayer-at-all\n';
    expect(failure(text, 'v3')).toBe(
      'yaml: unmarshal errors:\n  line 2: cannot unmarshal !!seq into string\n  line 4: cannot unmarshal !!map into string\n' +
        '  line 6: cannot unmarshal !!str `notalay...` into extensions.Layer',
    );
    expect(failure('- a\n', 'rc6')).toBe(
      'yaml: construct errors: line 1: cannot construct !!seq into extensions.Config',
    );
    expect(failure('layers:\n  - metadata: 3\n', 'rc4')).toBe(
      'yaml: construct errors:\n  line 2: cannot construct !!int `3` into extensions.Metadata',
    );
  });

  it('takes any scalar as text, except timestamps from go-yaml rc.5 on', () => {
    const text =
      'layers:\n  - image: 1.sqsh\n    metadata: {name: true, version: 2024-01-01, author: 1.10, description: ~}\n';
    expect(decodeExtensionsConfig(text, 'v3').layers[0]?.metadata).toEqual({
      name: 'true',
      version: '2024-01-01',
      author: '1.10',
      description: '',
      compatibility: { talos: { version: '' } },
    });
    expect(failure(text, 'rc6')).toBe(
      'yaml: construct errors: line 3: cannot construct !!timestamp `2024-01-01` into string',
    );
  });

  it('refuses duplicate keys as go-yaml does', () => {
    expect(failure('layers: []\nlayers: []\n', 'v3')).toBe(
      'yaml: unmarshal errors:\n  line 2: mapping key "layers" already defined at line 1',
    );
  });

  it('follows aliases and merge keys', () => {
    const text = `base: &m\n  name: x\n  version: "1"\nlayers:\n  - image: a.sqsh\n    metadata:\n      <<: *m\n      version: "2"\n  - image: b.sqsh\n    metadata: *m\n`;
    const { layers } = decodeExtensionsConfig(text, 'rc6');
    expect(layers.map((l) => [l?.image, l?.metadata.name, l?.metadata.version])).toEqual([
      ['a.sqsh', 'x', '2'],
      ['b.sqsh', 'x', '1'],
    ]);
  });

  it('panics on a null layer after publishing the ones before it, and keeps restarting', async () => {
    const text = `layers:\n${LAYER('0.sqsh', 'gvisor', '1')}  - null\n${LAYER('2.sqsh', 'zfs', '2')}`;
    const { info, ids, clock, runtime } = await boot(text);
    expect(ids).toEqual(['0']);
    expect(info?.lastError?.message).toBe(
      'controller "runtime.ExtensionStatusController" panicked: runtime error: invalid memory address or nil pointer dereference',
    );
    await clock.advance(30_000);
    const [after] = runtime.controllers();
    expect(after?.failures).toBeGreaterThan(3);
    expect(after?.status).toBe('backoff');
    await runtime.stop();
  });

  it('gives syntax errors in the frame of each go-yaml release', () => {
    const text = 'layers:\n  - image: a\n   bad: [\n';
    expect(failure(text, 'v3')).toMatch(/^yaml: line \d+: \S/);
    expect(failure(text, 'rc4')).toMatch(/^yaml: line \d+, column \d+: \S/);
    expect(failure(text, 'rc6')).toMatch(/^go-yaml load error in parser at L\d+\.C\d+: \S/);
  });
});
