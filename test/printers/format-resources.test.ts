// formatResources: talosctl's printers for library use, byte-identical to what sim get prints.
import { describe, expect, it } from 'vitest';
import { createCluster, ExtensionStatusType, formatResources } from '../../src/index.js';
import { sim } from '../support/run-sim.js';

describe('formatResources', () => {
  it('prints what sim get prints, in every format', async () => {
    await using cluster = await createCluster({
      talos: 'v1.11.2',
      officialExtensions: ['siderolabs/gvisor', 'siderolabs/drbd'],
    });
    const node = cluster.nodes[0];
    if (node === undefined) throw new Error('no node');
    const resources = await node.list(ExtensionStatusType);
    for (const format of ['table', 'yaml', 'json', 'jsonpath={.spec.metadata.name}']) {
      const printed = formatResources(ExtensionStatusType, resources, format, { flavour: 'v3' });
      expect(printed, format).toBe((await sim(['get', 'extensions', '-o', format])).stdout);
    }
    const definition = await node.definition('rd');
    const rds = (await node.list('rd')).map((resource) => ({ node: '10.9.9.9', resource }));
    expect(formatResources(definition, rds, 'table')).toMatch(
      /^NODE +NAMESPACE +TYPE +ID +VERSION +ALIASES\n10\.9\.9\.9 /,
    );
  });

  it('refuses an unknown format with talosctl text', () => {
    expect(() => formatResources(ExtensionStatusType, [], 'xml')).toThrow('output format "xml" is not supported');
  });
});
