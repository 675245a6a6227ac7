// Loading machine configs as Talos's config loader does (pkg/machinery/config/configloader at v1.13.9), texts and
// release differences included.
import { describe, expect, it } from 'vitest';
import { isMachineConfigError, parseMachineConfig, v1alpha1Document } from '../../src/index.js';
import { thrown } from '../support/errors.js';

const fails = (text: string, talosVersion = 'v1.13.9') => {
  const err = thrown(() => parseMachineConfig(text, { talosVersion }));
  expect(isMachineConfigError(err)).toBe(true);
  return err.message;
};

describe('parseMachineConfig', () => {
  it('reads the v1alpha1 document (by its sections, no kind needed) and named documents', () => {
    const config = parseMachineConfig(
      'machine:\n  install:\n    extensions: [{ image: a }]\n---\napiVersion: v1alpha1\nkind: ExtensionServiceConfig\nname: nut-client\nenvironment: [A=B]\n',
      { talosVersion: 'v1.13.9' },
    );
    expect(config.documents.map((d) => d.kind)).toEqual(['v1alpha1', 'ExtensionServiceConfig']);
    expect(v1alpha1Document(config)?.value.machine).toEqual({ install: { extensions: [{ image: 'a' }] } });
    expect(config.documents[1]).toMatchObject({ apiVersion: 'v1alpha1', name: 'nut-client' });
  });

  it.each([
    ['version: v1alpha1\n', 'error decoding document /v1alpha1/ (line 1): missing kind'],
    ['kind: Foo\n', 'error decoding document /Foo/ (line 1): missing apiVersion'],
    [
      'apiVersion: v1alpha1\nkind: Foo\n',
      'error decoding document v1alpha1/Foo/ (line 1): "Foo" "v1alpha1": not registered',
    ],
    ['', 'config not found'],
    ['---\n- a\n', 'expected a YAML document at line 2'],
    [
      'machine:\n  type: worker\n---\nmachine:\n  type: controlplane\n',
      'duplicate document /v1alpha1/ is not allowed (line 4)',
    ],
    [
      '---\napiVersion: v1alpha1\nkind: ExtensionServiceConfig\nname: foo\nenvironment: [A=B]\n---\napiVersion: v1alpha1\nkind: ExtensionServiceConfig\nname: foo\nenvironment: [A=B]\n',
      'duplicate document v1alpha1/ExtensionServiceConfig/foo is not allowed (line 7)',
    ],
    [
      'version: v1alpha1\nmachine:\n  install:\n    disk: /dev/sda\n    grubUseUKICmdline: true\n',
      'unknown keys found during decoding:\nmachine:\n    install:\n        grubUseUKICmdline: true\n',
      'v1.11.6',
    ],
    [
      'version: v1alpha1\nmachine:\n  typo: [1, 2]\ncluster:\n  clusterName: x\n  nme: z\n',
      'error decoding document /v1alpha1/ (line 1): unknown keys found during decoding:\nmachine:\n    typo:\n        - 1\n        - 2\ncluster:\n    nme: z\n',
    ],
  ])('refuses %j', (text, message, release = 'v1.13.9') => {
    expect(fails(text, release)).toBe(message);
  });

  it('knows the document kinds of each release: ExtensionServiceConfig from v1.7.0', () => {
    const doc = 'apiVersion: v1alpha1\nkind: ExtensionServiceConfig\nname: foo\nenvironment: [A=B]\n';
    expect(fails(doc, 'v1.6.8')).toBe('"ExtensionServiceConfig" "v1alpha1": not registered');
    expect(parseMachineConfig(doc, { talosVersion: 'v1.7.0' }).documents).toHaveLength(1);
    // per tag, pre-releases included: KubeNodeConfig from v1.14.0-beta.0; BGPPeerConfig only in v1.14.0-beta.0
    const kind = (k: string, release: string) => {
      try {
        return parseMachineConfig(`apiVersion: v1alpha1\nkind: ${k}\n`, { talosVersion: release }).documents.length;
      } catch {
        return 0;
      }
    };
    expect(['v1.14.0-alpha.2', 'v1.14.0-beta.0', 'v1.14.0-rc.1'].map((r) => kind('KubeNodeConfig', r))).toEqual([
      0, 1, 1,
    ]);
    expect(['v1.14.0-alpha.2', 'v1.14.0-beta.0', 'v1.14.0-beta.1'].map((r) => kind('BGPPeerConfig', r))).toEqual([
      0, 1, 0,
    ]);
    expect(kind('NetworkDefaultActionConfig', 'v1.6.0-beta.0')).toBe(1);
    // grubUseUKICmdline arrived in v1.12.0
    expect(
      parseMachineConfig('machine:\n  install:\n    grubUseUKICmdline: true\n', { talosVersion: 'v1.12.0' }).documents,
    ).toHaveLength(1);
  });

  it('decodes ExtensionServiceConfig documents as their Go struct: type errors and unknown keys refuse the config', () => {
    const esc =
      'version: v1alpha1\nmachine:\n  type: worker\n---\napiVersion: v1alpha1\nkind: ExtensionServiceConfig\n';
    expect(fails(`${esc}name: bar\nconfigFiles: hello\n`, 'v1.13.9')).toBe(
      'error decoding document v1alpha1/ExtensionServiceConfig/bar (line 5): error decoding ExtensionServiceConfig to ' +
        '*extensions.ServiceConfigV1Alpha1: yaml: construct errors:\n  line 8: cannot construct !!str `hello` into extensions.ConfigFileList',
    );
    expect(fails(`${esc}name: bar\nconfigFiles: hello\n`, 'v1.11.2')).toBe(
      'error decoding ExtensionServiceConfig to ' +
        '*extensions.ServiceConfigV1Alpha1: yaml: unmarshal errors:\n  line 8: cannot unmarshal !!str `hello` into extensions.ConfigFileList',
    );
    expect(fails(`${esc}nme: foo\n`)).toBe(
      'error decoding document v1alpha1/ExtensionServiceConfig/ (line 5): unknown keys found during decoding:\nnme: foo\n',
    );
    // strings as written, as go-yaml decodes them into string fields; the document is named by its text too
    const loaded = parseMachineConfig(`${esc}name: 0755\nenvironment: [A=1, 012]\n`, { talosVersion: 'v1.13.9' });
    expect(loaded.documents[1]).toMatchObject({ name: '0755', value: { name: '0755', environment: ['A=1', '012'] } });
    expect(
      fails(
        `${esc}name: 0755\nenvironment: [A=1]\n---\napiVersion: v1alpha1\nkind: ExtensionServiceConfig\nname: 0755\n`,
      ),
    ).toBe('duplicate document v1alpha1/ExtensionServiceConfig/0755 is not allowed (line 10)');
  });

  it("words what it refuses as each release's loader does", () => {
    const esc = (name: string, extra = '') =>
      `apiVersion: v1alpha1\nkind: ExtensionServiceConfig\nname: ${name}\n${extra}`;
    const twice = `version: v1alpha1\nmachine: {}\n---\n${esc('a')}---\n${esc('b')}---\n${esc('a')}`;
    const noApiVersion = 'version: v1alpha1\nmachine: {}\n---\nkind: ExtensionServiceConfig\nname: a\n';
    const trailing = 'version: v1alpha1\nmachine: {}\n---\n';
    const scalar = 'version: v1alpha1\nmachine: {}\n---\nhello\n';
    const texts = (release: string) =>
      [twice, noApiVersion, trailing, scalar].map((text) => {
        try {
          return parseMachineConfig(text, { talosVersion: release }).documents.length;
        } catch (err) {
          return (err as Error).message;
        }
      });
    // 6aa9b0677 (v1.13.0-alpha.1, v1.12.3): lines, empty documents skipped; a728bbd89 (v1.13.0-beta.0, v1.12.6)
    const newest = [
      'duplicate document v1alpha1/ExtensionServiceConfig/a is not allowed (line 12)',
      'error decoding document /ExtensionServiceConfig/a (line 4): missing apiVersion',
      1,
      'expected a YAML document at line 4',
    ];
    expect(texts('v1.13.9')).toEqual(newest);
    expect(texts('v1.12.6')).toEqual(newest);
    const lined = [
      newest[0],
      'error decoding document /ExtensionServiceConfig/a (line 4): "ExtensionServiceConfig" "": not registered',
      1,
      newest[3],
    ];
    expect(texts('v1.12.5')).toEqual(lined);
    expect(texts('v1.13.0-alpha.1')).toEqual(lined);
    const bare = [
      'duplicate document v1alpha1/ExtensionServiceConfig/a is not allowed',
      '"ExtensionServiceConfig" "": not registered',
      'missing kind',
      'missing kind',
    ];
    expect(texts('v1.12.2')).toEqual(bare);
    expect(texts('v1.13.0-alpha.0')).toEqual(bare);
    expect(texts('v1.8.0')).toEqual(bare);
    // before cd7c68266 (v1.8.0-beta.0) the config container refused duplicates once every document was decoded
    expect(texts('v1.7.6')[0]).toBe('duplicate document: ExtensionServiceConfig/a');
    expect(fails('version: v1alpha1\nmachine: {}\n---\nversion: v1alpha1\ndebug: true\n', 'v1.7.6')).toBe(
      'duplicate v1alpha1.Config',
    );
  });

  it('refuses a machine type that is not a string, with go-yaml decode error of the release', () => {
    expect(fails('version: v1alpha1\nmachine:\n  type: [worker]\n', 'v1.11.2')).toBe(
      'error decoding  to *v1alpha1.Config: yaml: unmarshal errors:\n  line 3: cannot unmarshal !!seq into string',
    );
    expect(fails('version: v1alpha1\nmachine:\n  type: {a: 1}\n', 'v1.13.9')).toBe(
      'error decoding document /v1alpha1/ (line 1): error decoding  to *v1alpha1.Config: yaml: construct errors:\n  line 3: cannot construct !!map into string',
    );
  });

  it('refuses the fields talos-sim reads in the wrong shape, as the loader decodes them, before unknown keys', () => {
    const config = [
      'version: v1alpha1',
      'machine:',
      '  type: worker',
      '  nodeLabels: [zone]',
      '  nodeAnnotations: {a: {b: c}}',
      '  env: x',
      '  install:',
      '    extensions: [ghcr.io/x:1]',
      '  registries:',
      '    config:',
      '      docker.io: {auth: {username: [u]}}',
      '  unknownField: 1',
      '',
    ].join('\n');
    expect(fails(config, 'v1.11.2')).toBe(
      'error decoding  to *v1alpha1.Config: yaml: unmarshal errors:\n' +
        '  line 4: cannot unmarshal !!seq into map[string]string\n' +
        '  line 5: cannot unmarshal !!map into string\n' +
        '  line 6: cannot unmarshal !!str `x` into map[string]string\n' +
        '  line 8: cannot unmarshal !!str `ghcr.io...` into v1alpha1.InstallExtensionConfig\n' +
        '  line 11: cannot unmarshal !!seq into string',
    );
    expect(fails('version: v1alpha1\nmachine:\n  install:\n    extensions: foo\n', 'v1.14.0')).toBe(
      'error decoding document /v1alpha1/ (line 1): error decoding  to *v1alpha1.Config: yaml: construct errors: ' +
        'line 4: cannot construct !!str `foo` into []v1alpha1.InstallExtensionConfig',
    );
    expect(fails('version: v1alpha1\nmachine: worker\n', 'v1.11.2')).toBe(
      'error decoding  to *v1alpha1.Config: yaml: unmarshal errors:\n' +
        '  line 2: cannot unmarshal !!str `worker` into v1alpha1.MachineConfig',
    );
    // the right shapes decode; only then are unknown keys looked for (above, the type errors came first)
    expect(fails('version: v1alpha1\nmachine:\n  nodeLabels: {zone: a}\n  unknownField: 1\n', 'v1.11.2')).toBe(
      'unknown keys found during decoding:\nmachine:\n    unknownField: 1\n',
    );
  });

  it('decodes only the fields the release has, and merges maps into maps as go-yaml does', () => {
    // nodeAnnotations came with v1.8, nodeLabels with v1.3: before, go-yaml skips the key and it is an unknown one
    const annotations = 'version: v1alpha1\nmachine:\n  type: worker\n  nodeAnnotations: [a]\n';
    expect(fails(annotations, 'v1.7.0')).toBe(
      'unknown keys found during decoding:\nmachine:\n    nodeAnnotations:\n        - a\n',
    );
    expect(fails(annotations, 'v1.8.0')).toBe(
      'error decoding  to *v1alpha1.Config: yaml: unmarshal errors:\n  line 4: cannot unmarshal !!seq into map[string]string',
    );
    // a merge key: its maps are decoded after the map's own keys, which they do not override; a scalar is fatal
    const merged = (merge: string) => `version: v1alpha1\nmachine:\n  nodeLabels:\n    <<: ${merge}\n    c: [d]\n`;
    expect(fails(merged('{a: [x]}'), 'v1.11.2')).toBe(
      'error decoding  to *v1alpha1.Config: yaml: unmarshal errors:\n' +
        '  line 5: cannot unmarshal !!seq into string\n  line 4: cannot unmarshal !!seq into string',
    );
    expect(fails(merged('{c: [x]}'), 'v1.11.2')).toBe(
      'error decoding  to *v1alpha1.Config: yaml: unmarshal errors:\n  line 5: cannot unmarshal !!seq into string',
    );
    expect(fails(merged('foo'), 'v1.11.2')).toContain('map merge requires map or sequence of maps as the value');
  });

  it('takes a config with a few hundred aliases, as go-yaml does, and refuses an alias bomb with its text', () => {
    const labels = Array.from({ length: 199 }, (_, i) => `    k${i + 1}: *v\n`).join('');
    const many = `version: v1alpha1\nmachine:\n  type: worker\n  nodeLabels:\n    k0: &v hello\n${labels}`;
    expect(parseMachineConfig(many, { talosVersion: 'v1.13.9' }).documents).toHaveLength(1);
    let bomb =
      'version: v1alpha1\nmachine:\n  type: worker\n  nodeLabels:\n    a0: &a0 [x, x, x, x, x, x, x, x, x, x]\n';
    for (let i = 1; i < 10; i++)
      bomb += `    a${i}: &a${i} [${Array(10)
        .fill(`*a${i - 1}`)
        .join(', ')}]\n`;
    expect(fails(bomb)).toBe('decode error: yaml: document contains excessive aliasing');
  });

  it('says a config nested deeper than it can decode is, instead of its stack running out', () => {
    const block = ['version: v1alpha1', 'debug:'];
    for (let i = 1; i <= 2000; i++) block.push(`${'  '.repeat(i)}k:`);
    for (const text of [
      `${block.join('\n')}\n`,
      `version: v1alpha1\ndebug: ${'['.repeat(3000)}${']'.repeat(3000)}\n`,
    ]) {
      expect(fails(text)).toMatch(
        /^decode error: yaml: line \d+: nested too deeply for talos-sim to decode \(Talos decodes up to 10000 levels\)$/,
      );
    }
  });

  it('refuses a config larger than its limit before parsing it', () => {
    expect(fails(`machine: {}\n# ${'x'.repeat(4 * 1024 * 1024)}\n`)).toBe(
      'invalid machine config: larger than the limit of 4194304 bytes (4 MiB)',
    );
  });
});
