import { describe, expect, it } from 'vitest';
import { float64 } from '../../src/goyaml/index.js';
import { isOutputError, type OutputError } from '../../src/printers/index.js';
import { expectGolden } from '../support/golden.js';
import { capture, EXTENSION_STATUS_RD, extensionStatus, metadata } from './fixtures.js';

function errorOf(fn: () => void): OutputError {
  try {
    fn();
  } catch (err) {
    if (isOutputError(err)) return err;
    throw err;
  }
  throw new Error('expected an OutputError');
}

describe('json output (talosctl get -o json, spec §4.5 and §7)', () => {
  it('writes sorted keys, numeric id and version, HTML escapes and a 4-space indent', () => {
    const { writer, text } = capture('json');
    writer.writeHeader(EXTENSION_STATUS_RD, false);
    writer.writeResource(
      '172.20.0.2',
      extensionStatus('0', 'iscsi-tools', 'v0.1.4', { description: 'This system extension provides iSCSI tools.\n' }),
    );
    expectGolden('output/json-extension.json.txt', text());
  });

  it('re-types untagged metadata by the YAML resolver', () => {
    const { writer, text } = capture('json');
    writer.writeHeader(EXTENSION_STATUS_RD, false);
    const md = metadata({
      owner: '',
      labels: new Map([
        ['a', 'true'],
        ['b', '1.0'],
        ['c', ''],
        ['d', '2024-01-01'],
      ]),
    });
    writer.writeResource('172.20.0.2', { metadata: md, spec: { v: '>= 1 & <2' } });
    expectGolden('output/json-typing.json.txt', text());
  });

  it('concatenates objects and adds the event key in watch mode', () => {
    const { writer, text } = capture('json');
    writer.writeHeader(EXTENSION_STATUS_RD, true);
    writer.writeResource('a', { metadata: metadata({ id: 'modules.dep' }), spec: [] }, 'created');
    writer.writeResource('b', { metadata: metadata(), spec: {} }, 'destroyed');
    const objects = text().split('}\n{');
    expect(objects).toHaveLength(2);
    expect(text()).toMatch(/^\{\n {4}"event": "created",\n {4}"metadata": \{\n/);
    expect(text()).toContain('"id": "modules.dep"');
    expect(text()).toContain('"spec": []\n}\n{\n    "event": "destroyed"');
    expect(text().endsWith('"spec": {}\n}\n')).toBe(true);
  });

  it('writes floats, -0 and big integers the way Go does', () => {
    const { writer, text } = capture('json');
    writer.writeResource('n', {
      metadata: metadata(),
      spec: {
        a: float64(1e21),
        b: float64(1e-7),
        c: float64(-0),
        d: 18446744073709551615n,
        e: 0.5,
        f: 'a\u2028\u0001\u007f😀',
      },
    });
    expect(text()).toContain(
      '"spec": {\n        "a": 1e+21,\n        "b": 1e-7,\n        "c": -0,\n        "d": 18446744073709551615,\n' +
        '        "e": 0.5,\n        "f": "a\\u2028\\u0001\u007f😀"\n    }',
    );
  });

  it('refuses NaN and infinities for the whole resource, writing nothing', () => {
    const { writer, text } = capture('json');
    const error = errorOf(() => writer.writeResource('n', { metadata: metadata(), spec: { x: Number.NaN } }));
    expect(error.kind).toBe('json-encode');
    expect(error.message).toBe('json: unsupported value: NaN');
    expect(
      errorOf(() => writer.writeResource('n', { metadata: metadata(), spec: [Number.NEGATIVE_INFINITY] })).message,
    ).toBe('json: unsupported value: -Inf');
    expect(text()).toBe('');
  });

  it('refuses a label key that reads back as a non-string (map[interface {}]interface {})', () => {
    const { writer } = capture('json');
    const md = metadata({ labels: new Map([['1', 'one']]) });
    expect(errorOf(() => writer.writeResource('n', { metadata: md, spec: {} })).message).toBe(
      'json: unsupported type: map[interface {}]interface {}',
    );
  });
});
