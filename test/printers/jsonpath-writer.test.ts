import { describe, expect, it } from 'vitest';
import { float64, GoMap } from '../../src/goyaml/index.js';
import {
  formatTalosctlResult,
  isJsonPathResultError,
  isOutputError,
  JsonPath,
  type PrintableResource,
} from '../../src/printers/index.js';
import { capture, extensionStatus, metadata } from './fixtures.js';

const EXT = extensionStatus('0', 'iscsi-tools', 'v0.1.4', {
  description: 'This system extension provides iSCSI tools.\n',
});

const RD: PrintableResource = {
  metadata: metadata({ id: 'extensionstatuses.runtime.talos.dev', owner: '' }),
  spec: {
    aliases: ['extensions', 'extensionstatus', 'es'],
    printColumns: [
      { jsonPath: '{.metadata.name}', name: 'Name' },
      { jsonPath: '{.metadata.version}', name: 'Version' },
    ],
    empty: [],
    ratio: float64(1000000),
    small: 0.5,
    flag: true,
  },
};

/** talosctl get -o jsonpath=… over a list: stdout, and the per-resource errors it collects. */
function run(template: string, resources: readonly PrintableResource[], strict = false) {
  const { writer, text } = capture(`jsonpath=${template}`, { strictJsonPathRange: strict });
  const errors: string[] = [];
  writer.writeHeader({ displayType: 'X', printColumns: [] }, false);
  for (const resource of resources) {
    try {
      writer.writeResource('172.20.0.2', resource);
    } catch (err) {
      if (!isJsonPathResultError(err)) throw err;
      errors.push(err.message);
    }
  }
  return { stdout: text(), errors };
}

describe('-o jsonpath vectors (spec §8.5)', () => {
  it.each([
    ['{.metadata.id}', '0\n'],
    ['{.metadata.version}', '1\n'],
    ['{.node}', '172.20.0.2\n'],
    ['{$.node}', '172.20.0.2\n'],
    ["{['node']}", '172.20.0.2\n'],
    ['{.spec.metadata.name}', 'iscsi-tools\n'],
    ['{.metadata.created}', '"2024-08-09T03:07:41Z"\n'],
    ['{.spec.metadata.compatibility}', '{\n    "talos": {\n        "version": "\\u003e= v1.6.0"\n    }\n}\n'],
    ['{.spec.metadata.description}', 'This system extension provides iSCSI tools.\n\n'],
    ['{.metadata.id}:{.spec.metadata.name}', '0\n:\niscsi-tools\n'],
    ['id={.metadata.id}', 'id=\n0\n'],
    ['{.metadata.id}{"\\n"}', '0\n\n\n'],
    ['plain text', 'plain text\n'],
  ])('%s on the extension', (template, stdout) => {
    expect(run(template, [EXT])).toEqual({ stdout, errors: [] });
  });

  it.each([
    ['{.metadata.owner}', '<nil>\n'],
    ['{.spec.aliases}', '[\n    "extensions",\n    "extensionstatus",\n    "es"\n]\n'],
    ['{.spec.aliases[*]}', 'extensions\nextensionstatus\nes\n'],
    ['{.spec.aliases[0]}', 'extensions\n'],
    ['{.spec.aliases[-1]}', 'es\n'],
    ['{.spec.aliases[0:2]}', 'extensions\nextensionstatus\n'],
    ['{.spec.aliases[1:]}', 'extensionstatus\nes\n'],
    ['{.spec.aliases[::2]}', 'extensions\nes\n'],
    ['{.spec.aliases[0,2]}', 'extensions\nes\n'],
    ['{.spec.empty[*]}', ''],
    ['{.spec.empty}', '[]\n'],
    ['{.spec.printColumns[*].name}', 'Name\nVersion\n'],
    ['{.spec.printColumns[?(@.name=="Name")].jsonPath}', '{.metadata.name}\n'],
    [
      "{.spec.printColumns[?(@.name=='Version')]}",
      '{\n    "jsonPath": "{.metadata.version}",\n    "name": "Version"\n}\n',
    ],
    ["{.spec.printColumns[0]['name','jsonPath']}", 'Name\n{.metadata.name}\n'],
    ['{.spec.printColumns[?(@.missing)]}', ''],
    [
      '{range .spec.printColumns[*]}{.name}={.jsonPath}{end}',
      'Name\n=\n{.metadata.name}\nVersion\n=\n{.metadata.version}\n',
    ],
    ['{..name}', 'Name\nVersion\n'],
    ['{.spec.ratio}', '1e+06\n'],
    ['{.spec.small}', '0.5\n'],
    ['{.spec.flag}', 'true\n'],
  ])('%s on the RD', (template, stdout) => {
    expect(run(template, [RD])).toEqual({ stdout, errors: [] });
  });

  it.each([
    ['{.spec.aliases[:5]}', 'array index out of bounds: index 4, length 3'],
    ['{.spec.aliases[3]}', 'array index out of bounds: index 3, length 3'],
    ['{.spec.empty[0]}', 'array index out of bounds: index 0, length 0'],
    ['{.spec.printColumns[?(@.missing=="x")]}', 'missing is not found'],
    ['{.spec.printColumns[?(@.name==1)]}', 'incompatible types for comparison'],
    ['{.spec.missing}', 'missing is not found'],
    ['{.spec.aliases.foo}', 'foo is not found'],
    ['{.metadata[0]}', 'map[string]interface {} is not array or slice'],
    ['{hello}', 'unrecognized identifier hello'],
    ['{.metadata.labels}', 'labels is not found'],
    ['{.a}{end}', 'a is not found'],
    ['{.node}{end}', 'not in range, nothing to end'],
  ])('%s fails for the resource with the collected error', (template, error) => {
    expect(run(template, [RD])).toEqual({ stdout: '', errors: [`error finding result for jsonpath: ${error}`] });
  });

  it('prints literal text once per resource', () => {
    expect(run('plain text', [EXT, RD])).toEqual({ stdout: 'plain text\nplain text\n', errors: [] });
  });

  it('matches talosctl own tests (output/jsonpath_test.go)', () => {
    const cpu = (spec: unknown): PrintableResource => ({ metadata: metadata({ id: 'myCPU' }), spec });
    expect(run('{.metadata.id}', [cpu({})]).stdout).toBe('myCPU\n');
    expect(run('{.spec}', [cpu({ coreCount: 2 })]).stdout).toBe('{\n    "coreCount": 2\n}\n');
  });

  it('keeps printing the other resources after one fails', () => {
    const withLabel = { ...EXT, metadata: metadata({ labels: new Map([['a', 'b']]) }) };
    expect(run('{.metadata.labels.a}', [EXT, withLabel])).toEqual({
      stdout: 'b\n',
      errors: ['error finding result for jsonpath: labels is not found'],
    });
  });

  it('reproduces the range reuse bug on the second resource, unless strict', () => {
    const template = '{range .spec.printColumns[*]}{.name}={.jsonPath}{end}';
    const first = 'Name\n=\n{.metadata.name}\nVersion\n=\n{.metadata.version}\n';
    expect(run(template, [RD, RD])).toEqual({
      stdout: first,
      errors: ['error finding result for jsonpath: name is not found'],
    });
    expect(run(template, [RD, RD], true)).toEqual({ stdout: first + first, errors: [] });
  });

  it('prints a whole map with HTML escapes', () => {
    const path = new JsonPath('{}');
    const results = path.findResults(
      new GoMap([
        ['a', 1n],
        ['b', '<x>&'],
      ]),
    );
    expect(results.flat().map(formatTalosctlResult)).toEqual(['{\n    "a": 1,\n    "b": "\\u003cx\\u003e\\u0026"\n}']);
  });

  it('adds the event key in watch mode', () => {
    const { writer, text } = capture('jsonpath={.event} {.metadata.id}');
    writer.writeHeader({ displayType: 'X', printColumns: [] }, true);
    writer.writeResource('n', EXT, 'updated');
    expect(text()).toBe('updated\n \n0\n');
  });

  it('reports a result JSON cannot print after the results before it', () => {
    const { writer, text } = capture('jsonpath={.node}{.spec}');
    let message = '';
    try {
      writer.writeResource('n', { metadata: metadata(), spec: { x: Number.NaN } });
    } catch (err) {
      if (isOutputError(err)) message = `${err.kind}: ${err.message}`;
    }
    expect(text()).toBe('n\n');
    expect(message).toBe('jsonpath-print: error generating jsonpath results: json: unsupported value: NaN');
  });
});
