// Scenarios: parsing, and booting the clusters they describe (the default one included).
import { describe, expect, it } from 'vitest';
import { defaultScenario } from '../../scenarios/default.js';
import { seededRandom, VirtualClock } from '../../src/index.js';
import { bootScenario, parseScenario, ScenarioError } from '../../src/node/scenario.js';

const options = () => ({ clock: new VirtualClock(), random: seededRandom(1) });

async function extensionRows(scenario: Parameters<typeof bootScenario>[0]): Promise<string[][]> {
  const nodes = await bootScenario(scenario, {
    ...options(),
    cwd: `${import.meta.dirname}/../fixtures/extensions/upstream/good`,
  });
  const rows: string[][] = [];
  for (const node of nodes) {
    for (const r of await node.resources.list('runtime', 'ExtensionStatuses.runtime.talos.dev')) {
      const m = (r.spec as { metadata: { name: string; version: string } }).metadata;
      rows.push([node.address, r.metadata.id, m.name, m.version]);
    }
    await node.shutdown();
  }
  return rows;
}

describe('parseScenario', () => {
  it('reads the keys of a YAML scenario', () => {
    expect(parseScenario('talos: v1.10\nnodes: [10.5.0.2]\nextensions: [./ext]\n')).toEqual({
      talos: 'v1.10',
      nodes: ['10.5.0.2'],
      extensions: ['./ext'],
    });
    expect(parseScenario('')).toEqual({});
  });

  it.each([
    ['- a', 'a scenario is a YAML mapping'],
    [
      'talso: v1.10',
      'unknown scenario key "talso" (known: talos, nodes, officialExtensions, extensions, machineConfig)',
    ],
    ['nodes: 10.5.0.2', 'scenario key "nodes" must be a list of strings'],
    ['talos: 1.10', 'scenario key "talos" must be a string'],
  ])('refuses %j', (text, message) => {
    expect(() => parseScenario(text)).toThrow(new ScenarioError(message));
  });
});

describe('bootScenario', () => {
  it('boots the default scenario: Image Factory with gVisor and DRBD on v1.11.2', async () => {
    const rows = await extensionRows(defaultScenario);
    expect(rows.map((r) => r.slice(1, 3))).toEqual([
      ['0', 'gvisor'],
      ['1', 'drbd'],
      ['2', 'schematic'],
      ['modules.dep', 'modules.dep'],
    ]);
    expect(rows[3]?.[3]).toBe('6.12.48-talos');
  });

  it('installs .machine.install.extensions on Talos v1.9 with legacy layer names', async () => {
    const machineConfig =
      'machine:\n  install:\n    extensions:\n      - image: ghcr.io/siderolabs/gvisor:20250707.0\n';
    const rows = await extensionRows({ talos: 'v1.9', machineConfig });
    expect(rows.map((r) => r[1])).toEqual(['000.ghcr.io-siderolabs-gvisor-20250707.0']);
  });

  it('builds local extension images for every node of the scenario', async () => {
    const rows = await extensionRows({ talos: 'v1.10', nodes: ['10.5.0.2', '10.5.0.3'], extensions: ['./extension1'] });
    expect(rows).toEqual([
      ['10.5.0.2', '0', 'gvisor', '20220117.0-v1.0.0'],
      ['10.5.0.3', '0', 'gvisor', '20220117.0-v1.0.0'],
    ]);
  });
});
