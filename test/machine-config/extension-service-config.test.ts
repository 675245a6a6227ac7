// service_config_test.go (marshal stability, merge), Validate() texts, the container's prefix, multierror and
// duplicate check, and decoding with the config loader's texts.

import { describe, expect, it } from 'vitest';
import { LineCounter, parseDocument } from 'yaml';
import { formatMultierror } from '../../src/gofmt/index.js';
import {
  decodeExtensionServiceConfig,
  decodeExtensionServiceConfigNode,
  duplicateExtensionServiceConfig,
  type ExtensionServiceConfigDocument,
  encodeExtensionServiceConfig,
  extensionServiceConfigErrors,
  extensionServiceConfigProblem,
  mergeExtensionServiceConfig,
} from '../../src/machine-config/extension-service-config.js';
import { isMachineConfigError } from '../../src/machine-config/index.js';
import { thrown } from '../support/errors.js';

const doc = (
  name: string,
  configFiles: { content: string; mountPath: string }[] = [],
  environment: string[] = [],
): ExtensionServiceConfigDocument => ({
  apiVersion: 'v1alpha1',
  kind: 'ExtensionServiceConfig',
  name,
  configFiles,
  environment,
});

describe('ExtensionServiceConfig document', () => {
  it('encodes byte for byte as testdata/extension_service_config.yaml (TestExtensionServiceConfigMarshalStability)', () => {
    const text = encodeExtensionServiceConfig(doc('foo', [{ content: 'hello', mountPath: '/etc/foo' }], ['FOO=BAR']));
    expect(text).toBe(
      'apiVersion: v1alpha1\nkind: ExtensionServiceConfig\nname: foo\nconfigFiles:\n    - content: hello\n      mountPath: /etc/foo\nenvironment:\n    - FOO=BAR\n',
    );
  });

  it('omits empty lists when encoding', () => {
    expect(encodeExtensionServiceConfig(doc('bar', [], ['A=1']))).toBe(
      'apiVersion: v1alpha1\nkind: ExtensionServiceConfig\nname: bar\nenvironment:\n    - A=1\n',
    );
  });

  it('merges configFiles by mountPath (TestExtensionServiceConfigMerge)', () => {
    const left = doc('foo', [{ content: 'hello', mountPath: '/etc/foo' }]);
    const right = doc('foo', [
      { content: 'hello world', mountPath: '/etc/foo' },
      { content: 'bar', mountPath: '/etc/bar' },
    ]);
    const merged = mergeExtensionServiceConfig(left, right);
    expect(merged.configFiles).toHaveLength(2);
    expect(merged.configFiles.map((f) => f.content)).toEqual(['hello world', 'bar']);
    expect(left.configFiles[0]?.content).toBe('hello');
  });

  it('appends environments and keeps the left name when the right one is empty', () => {
    const merged = mergeExtensionServiceConfig(doc('foo', [], ['A=1']), doc('', [], ['A=2']));
    expect(merged).toMatchObject({ name: 'foo', environment: ['A=1', 'A=2'] });
  });

  it.each([
    [doc(''), 'name is required'],
    [doc('tailscale'), 'no config files found for extension "tailscale"'],
    [
      doc('x', [
        { content: '', mountPath: '' },
        { content: 'a', mountPath: '' },
      ]),
      'extension content is required for extension "x"',
    ],
    [doc('x', [{ content: 'a', mountPath: '' }]), 'extension mount path is required for extension "x"'],
    [doc('x', [{ content: 'a', mountPath: 'relative/is/fine' }]), undefined],
    [doc('x', [], ['TS_AUTHKEY=x']), undefined],
  ])('validates %j with the first failing rule', (d, problem) => {
    expect(extensionServiceConfigProblem(d)).toBe(problem);
  });

  it('prefixes each document error with its id for the container multierror', () => {
    const errors = extensionServiceConfigErrors([doc('ok', [], ['A=1']), doc('nut-client'), doc('')]);
    expect(errors).toEqual([
      'ExtensionServiceConfig/nut-client: no config files found for extension "nut-client"',
      'ExtensionServiceConfig/: name is required',
    ]);
    expect(formatMultierror(errors)).toBe(
      '2 errors occurred:\n\t* ExtensionServiceConfig/nut-client: no config files found for extension "nut-client"\n\t* ExtensionServiceConfig/: name is required\n\n',
    );
  });

  it('refuses two documents with the same name', () => {
    expect(duplicateExtensionServiceConfig([doc('a'), doc('b'), doc('a')])).toBe(
      'duplicate document: ExtensionServiceConfig/a',
    );
    expect(duplicateExtensionServiceConfig([doc('a'), doc('b')])).toBeUndefined();
  });
});

describe('decoding', () => {
  it('builds the document from a parsed mapping, scalars as their text', () => {
    expect(
      decodeExtensionServiceConfig({
        apiVersion: 'v1alpha1',
        kind: 'ExtensionServiceConfig',
        name: 'nut-client',
        configFiles: [{ content: 'MONITOR x', mountPath: '/usr/local/etc/nut/upsmon.conf' }],
        environment: ['A=1', 2],
      }),
    ).toEqual(doc('nut-client', [{ content: 'MONITOR x', mountPath: '/usr/local/etc/nut/upsmon.conf' }], ['A=1', '2']));
  });

  it('refuses unknown keys with the loader text, sorted, items shaped as the document', () => {
    const err = thrown(() =>
      decodeExtensionServiceConfig({
        name: 'x',
        zeta: 1,
        alpha: 'a',
        configFiles: [
          { content: 'a', mountPath: '/a' },
          { content: 'b', mountPath: '/b', mode: 420 },
        ],
      }),
    );
    expect(isMachineConfigError(err)).toBe(true);
    expect(err.message).toBe('unknown keys found during decoding:\nalpha: a\nconfigFiles:\n    - mode: 420\nzeta: 1\n');
  });

  it('refuses values of the wrong shape with go-yaml type errors', () => {
    expect(
      thrown(() => decodeExtensionServiceConfig({ name: 'x', environment: 'A=1' }, { flavour: 'v3' })).message,
    ).toBe(
      'error decoding ExtensionServiceConfig to *extensions.ServiceConfigV1Alpha1: yaml: unmarshal errors:\n  cannot unmarshal !!str into []string',
    );
  });

  it('decodes from the YAML node with go-yaml line numbers', () => {
    const lines = new LineCounter();
    const text =
      'apiVersion: v1alpha1\nkind: ExtensionServiceConfig\nname: x\nconfigFiles:\n  - content: [a]\n    mountPath: /a\n';
    const parsed = parseDocument(text, { lineCounter: lines, schema: 'failsafe' });
    const err = thrown(() =>
      decodeExtensionServiceConfigNode(parsed, parsed.contents as never, lines, { flavour: 'rc6' }),
    );
    expect(err.message).toBe(
      'error decoding ExtensionServiceConfig to *extensions.ServiceConfigV1Alpha1: yaml: construct errors: line 5: cannot construct !!seq into string',
    );
    const good = parseDocument(text.replace('[a]', '"0755"'), { lineCounter: lines, schema: 'failsafe' });
    expect(decodeExtensionServiceConfigNode(good, good.contents as never, lines).configFiles).toEqual([
      { content: '0755', mountPath: '/a' },
    ]);
  });
});
