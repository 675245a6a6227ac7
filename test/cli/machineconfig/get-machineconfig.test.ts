// `sim get machineconfig` prints what talosctl prints: the config's text as a string spec (every document, comments
// and quoting as applied), with the talos.dev/yaml-spec annotation from Talos v1.12, in each talosctl era.
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { expectGolden } from '../../support/golden.js';
import { type SimRun, sim } from '../../support/run-sim.js';

const FIXTURES = join(import.meta.dirname, '..', '..', 'fixtures', 'cli', 'machineconfig');

function getMc(node: string, ...args: string[]): Promise<SimRun> {
  return sim(['get', 'mc', '-n', node, ...args, '--scenario', 'scenario.yaml'], { cwd: FIXTURES });
}

const FORMATS: readonly (readonly [name: string, args: readonly string[]])[] = [
  ['table', []],
  ['yaml', ['-o', 'yaml']],
  ['json', ['-o', 'json']],
  ['jsonpath', ['-o', 'jsonpath={.spec}']],
];

describe('sim get machineconfig', () => {
  for (const [format, args] of FORMATS) {
    it(`v1.11.2 node, talosctl v1.11.2, ${format}: the spec as the text received, a string since talosctl v1.8`, async () => {
      const run = await getMc('10.5.0.2', ...args);
      expect([run.code, run.stderr]).toEqual([0, '']);
      expectGolden(`cli/machineconfig/v1.11.2-${format}.txt`, run.stdout);
    });

    it(`v1.14.0-rc.1 node, talosctl v1.14.0-rc.1, ${format}: a string spec and the yaml-spec annotation`, async () => {
      const run = await getMc('10.5.0.3', ...args);
      expect([run.code, run.stderr]).toEqual([0, '']);
      expectGolden(`cli/machineconfig/v1.14.0-rc.1-${format}.txt`, run.stdout);
    });
  }

  it('keeps every document, comments and quoting as applied, in the YAML and the JSON', async () => {
    const yaml = await getMc('10.5.0.3', '-o', 'yaml');
    expect(yaml.stdout).toContain('    # a worker with a long label value');
    expect(yaml.stdout).toContain('    ---\n    apiVersion: v1alpha1\n    kind: ExtensionServiceConfig\n');
    const json = JSON.parse((await getMc('10.5.0.2', '-o', 'json')).stdout) as { spec: string };
    expect(json.spec.split('\n---\n')).toHaveLength(2);
    expect(json.spec).toContain('example.com/rack: "12"');
  });

  it('a newer talosctl reads a v1.11 node the way f118ee47e does: the raw text, every document', async () => {
    const run = await getMc('10.5.0.2', '-o', 'yaml', '--talosctl-version', 'v1.14.0-rc.1');
    expect(run.code).toBe(0);
    expectGolden('cli/machineconfig/v1.11.2-talosctl-v1.14.0-rc.1.yaml.txt', run.stdout);
  });

  it('talosctl v1.12.0 to v1.12.4 shows a v1.11 node only the first document, re-encoded (issue #12787)', async () => {
    const run = await getMc('10.5.0.2', '-o', 'yaml', '--talosctl-version', 'v1.12.2');
    expect(run.code).toBe(0);
    expect(run.stdout).not.toContain('ExtensionServiceConfig');
    expectGolden('cli/machineconfig/v1.11.2-talosctl-v1.12.2.yaml.txt', run.stdout);
  });

  it('talosctl before v1.8 writes the received text in place of the spec, and -o json decodes its first document', async () => {
    const yaml = await getMc('10.5.0.2', '-o', 'yaml', '--talosctl-version', 'v1.7.7');
    expect(yaml.code).toBe(0);
    expectGolden('cli/machineconfig/v1.11.2-talosctl-v1.7.7.yaml.txt', yaml.stdout);
    const json = await getMc('10.5.0.2', '-o', 'jsonpath={.spec.machine.type}', '--talosctl-version', 'v1.7.7');
    expect(json.stdout).toBe('worker\n');
  });

  it('talosctl v1.11 against a v1.12+ node prints the YAML text the node sent, a string holding a literal block', async () => {
    const run = await getMc('10.5.0.3', '-o', 'jsonpath={.spec}', '--talosctl-version', 'v1.11.2');
    expect(run.code).toBe(0);
    expect(run.stdout.startsWith('|\n    version: v1alpha1\n')).toBe(true);
  });
});
