import { describe, expect, it } from 'vitest';
import { expectGolden } from '../support/golden.js';
import { capture, EXTENSION_STATUS_RD, extensionStatus, metadata } from './fixtures.js';

const ISCSI = 'This system extension provides iSCSI tools.\n';

describe('yaml output (talosctl get -o yaml, spec §4.4)', () => {
  it('writes node, metadata and spec per resource with --- between them', () => {
    const { writer, text } = capture('yaml');
    writer.writeHeader(EXTENSION_STATUS_RD, false);
    writer.writeResource('172.20.0.2', extensionStatus('0', 'iscsi-tools', 'v0.1.4', { description: ISCSI }));
    writer.writeResource(
      '172.20.0.2',
      extensionStatus('1', 'util-linux-tools', '2.39.3', {
        description: 'This system extension provides util-linux tools.\n',
      }),
    );
    expectGolden('output/yaml-extensions.yaml.txt', text());
  });

  it('prints nothing for an empty list', () => {
    const { writer, text } = capture('yaml');
    writer.writeHeader(EXTENSION_STATUS_RD, false);
    writer.flush();
    expect(text()).toBe('');
  });

  it('adds the event line in watch mode', () => {
    const { writer, text } = capture('yaml');
    writer.writeHeader(EXTENSION_STATUS_RD, true);
    writer.writeResource('n1', { metadata: metadata({ owner: '' }), spec: {} }, 'destroyed');
    writer.writeResource('n2', { metadata: metadata({ version: undefined }), spec: null }, 'updated');
    expect(text()).toBe(
      'node: n1\nevent: destroyed\nmetadata:\n    namespace: runtime\n    type: ExtensionStatuses.runtime.talos.dev\n' +
        '    id: 0\n    version: 1\n    owner:\n    phase: running\n    created: 2024-08-09T03:07:41Z\n' +
        '    updated: 2024-08-09T03:07:41Z\nspec: {}\n---\nnode: n2\nevent: updated\nmetadata:\n' +
        '    namespace: runtime\n    type: ExtensionStatuses.runtime.talos.dev\n    id: 0\n    version: undefined\n' +
        '    owner: runtime.ExtensionStatusController\n    phase: running\n    created: 2024-08-09T03:07:41Z\n' +
        '    updated: 2024-08-09T03:07:41Z\nspec: null\n',
    );
  });

  it('writes labels and annotations sorted, finalizers in order, all untagged', () => {
    const { writer, text } = capture('yaml');
    writer.writeHeader(EXTENSION_STATUS_RD, false);
    const md = metadata({
      phase: 'tearingDown',
      created: new Date(Date.UTC(2024, 7, 9, 3, 7, 41, 999)),
      labels: new Map([
        ['talos.dev/yes', 'yes'],
        ['b', '1.0'],
        ['a', ''],
      ]),
      annotations: new Map([['note', 'two words: here']]),
      finalizers: ['z', 'a'],
    });
    writer.writeResource('n', { metadata: md, spec: { yes: 'yes' } });
    expect(text()).toBe(
      'node: n\nmetadata:\n    namespace: runtime\n    type: ExtensionStatuses.runtime.talos.dev\n    id: 0\n' +
        '    version: 1\n    owner: runtime.ExtensionStatusController\n    phase: tearingDown\n' +
        '    created: 2024-08-09T03:07:41Z\n    updated: 2024-08-09T03:07:41Z\n    labels:\n        a:\n' +
        "        b: 1.0\n        talos.dev/yes: yes\n    annotations:\n        note: 'two words: here'\n" +
        "    finalizers:\n        - z\n        - a\nspec:\n    'yes': 'yes'\n",
    );
  });

  it('refuses an invalid timestamp with a typed error and writes nothing', () => {
    const { writer, text } = capture('yaml');
    expect(() =>
      writer.writeResource('n', { metadata: metadata({ created: new Date(Number.NaN) }), spec: {} }),
    ).toThrow(expect.objectContaining({ kind: 'invalid-date' }));
    expect(text()).toBe('');
  });

  it('follows the chosen go-yaml flavour for spec strings and folding', () => {
    const long = 'This extension provides a very long description that goes on and on past the eighty column limit.';
    const resource = { metadata: metadata(), spec: { answer: 'yes', description: long } };
    const v3 = capture('yaml', { flavour: 'v3' });
    v3.writer.writeResource('n', resource);
    expect(v3.text().split('spec:\n')[1]).toBe(`    answer: "yes"\n    description: ${long}\n`);
    const rc6 = capture('yaml');
    rc6.writer.writeResource('n', resource);
    expect(rc6.text().split('spec:\n')[1]).toBe(
      "    answer: 'yes'\n    description: This extension provides a very long description that goes on and\n" +
        '        on past the eighty column limit.\n',
    );
  });
});
