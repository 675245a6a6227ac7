import { describe, expect, it } from 'vitest';
import { float64 } from '../../src/goyaml/index.js';
import { isOutputError, type OutputError } from '../../src/printers/index.js';
import { expectGolden } from '../support/golden.js';
import {
  capture,
  EXTENSION_STATUS_RD,
  extensionStatus,
  RESOURCE_DEFINITION_RD,
  resourceDefinition,
} from './fixtures.js';

/** Every column as wide as its widest cell + 3, the last column unpadded (one tabwriter block). */
function aligned(rows: readonly (readonly string[])[]): string {
  const widths = (rows[0] ?? []).map((_, i) => Math.max(...rows.map((r) => (r[i] ?? '').length)) + 3);
  return (
    rows.map((r) => r.map((cell, i) => (i === r.length - 1 ? cell : cell.padEnd(widths[i] ?? 0))).join('')).join('\n') +
    '\n'
  );
}

describe('table output (talosctl get, spec §4.3)', () => {
  it('aligns all rows of a list and shows the RD display type and upper-cased print columns', () => {
    const { writer, text } = capture('table');
    writer.writeHeader(EXTENSION_STATUS_RD, false);
    writer.writeResource('172.20.0.2', extensionStatus('0', 'iscsi-tools', 'v0.1.4'));
    writer.writeResource('172.20.0.2', extensionStatus('1', 'util-linux-tools', '2.39.3'));
    writer.writeResource(
      '172.20.0.2',
      extensionStatus('2', 'schematic', '613e1592b2da41ae5e265e8789429f22e121aab91cb4deb6bc3c0b6262961245'),
    );
    expect(text()).toBe('');
    writer.flush();
    expectGolden('output/table-extensions.txt', text());
  });

  it('prints only the header when there is nothing to list', () => {
    const { writer, text } = capture('table');
    writer.writeHeader(EXTENSION_STATUS_RD, false);
    writer.flush();
    expectGolden('output/table-empty.txt', text());
  });

  it('aligns several nodes in one table', () => {
    const { writer, text } = capture('table');
    writer.writeHeader(EXTENSION_STATUS_RD, false);
    writer.writeResource('10.5.0.2', extensionStatus('0', 'gvisor', '20240212.0'));
    writer.writeResource('10.5.0.2', extensionStatus('modules.dep', 'modules.dep', '6.12.18-talos'));
    writer.writeResource('10.5.0.3', extensionStatus('0', 'gvisor', '20240212.0'));
    writer.flush();
    expectGolden('output/table-two-nodes.txt', text());
  });

  it('joins several results of one column with spaces', () => {
    const { writer, text } = capture('table');
    writer.writeHeader(RESOURCE_DEFINITION_RD, false);
    writer.writeResource(
      '172.20.0.2',
      resourceDefinition('extensionstatuses.runtime.talos.dev', ['extensions', 'extensionstatus', 'es']),
    );
    writer.writeResource('172.20.0.2', resourceDefinition('namespaces.meta.cosi.dev', ['ns', 'namespace']));
    writer.flush();
    expectGolden('output/table-rd.txt', text());
  });

  it('buffers a watch until bootstrapped, then flushes every row aligned to itself (spec §4.7)', () => {
    const { writer, text } = capture('table');
    writer.writeHeader(EXTENSION_STATUS_RD, true);
    writer.writeResource('172.20.0.2', extensionStatus('0', 'gvisor', '20240212.0'), 'created');
    expect(text()).toBe('');
    writer.markBootstrapped();
    const updated = extensionStatus('0', 'gvisor', '20240301.0', { metadata: { version: 2 } });
    writer.writeResource('172.20.0.2', updated, 'updated');
    writer.writeResource('172.20.0.2', updated, 'destroyed');
    expectGolden('output/table-watch.txt', text());
  });

  it('sends the header out with the first row when bootstrapped from the start (watch of one id)', () => {
    const { writer, text } = capture('table', { bootstrapped: true });
    writer.writeHeader(EXTENSION_STATUS_RD, true);
    expect(text()).toBe('');
    writer.writeResource('172.20.0.2', extensionStatus('0', 'gvisor', '20240212.0'), 'created');
    expect(text()).toBe(
      'NODE         *   NAMESPACE   TYPE              ID   VERSION   NAME     VERSION\n' +
        '172.20.0.2   +   runtime     ExtensionStatus   0    1         gvisor   20240212.0\n',
    );
  });

  it('renders column values the way client-go prints them', () => {
    const { writer, text } = capture('table');
    writer.writeHeader(
      {
        displayType: 'Thing',
        printColumns: [
          { name: 'Missing', jsonPath: '{.missing}' },
          { name: 'Null', jsonPath: '{.nothing}' },
          { name: 'Num', jsonPath: '{.n} {.f}' },
          { name: 'Map', jsonPath: '{.m}' },
          { name: 'Health Unknown', jsonPath: '{.list}' },
        ],
      },
      false,
    );
    writer.writeResource('n', {
      metadata: { ...extensionStatus('x', 'a', 'b').metadata, version: undefined },
      spec: { nothing: null, n: 2, f: float64(1e6), m: { b: '<x>', a: true }, list: ['a', 1] },
    });
    writer.flush();
    const header = ['NODE', 'NAMESPACE', 'TYPE', 'ID', 'VERSION', 'MISSING', 'NULL', 'NUM', 'MAP', 'HEALTH UNKNOWN'];
    const row = [
      'n',
      'runtime',
      'Thing',
      'x',
      'undefined',
      '',
      'null',
      '2 1e+06',
      '{"a":true,"b":"\\u003cx\\u003e"}',
      '["a",1]',
    ];
    expect(text()).toBe(aligned([header, row]));
  });

  it('ends a row with the padding of the previous column when its last cell is empty', () => {
    const { writer, text } = capture('table');
    writer.writeHeader({ displayType: 'T', printColumns: [{ name: 'X', jsonPath: '{.x}' }] }, false);
    writer.writeResource('n', { metadata: extensionStatus('1', 'a', 'b').metadata, spec: {} });
    writer.flush();
    expect(text()).toBe('NODE   NAMESPACE   TYPE   ID   VERSION   X\nn      runtime     T      1    1         \n');
  });

  it('reports a print column that does not parse, quoting its name like talosctl', () => {
    const { writer } = capture('table');
    let error: OutputError | undefined;
    try {
      writer.writeHeader({ displayType: 'T', printColumns: [{ name: 'Bad', jsonPath: '{.a' }] }, false);
    } catch (err) {
      if (isOutputError(err)) error = err;
    }
    expect(error?.kind).toBe('column-parse');
    expect(error?.message).toBe('error parsing column "Bad" jsonpath: unclosed action');
  });
});
