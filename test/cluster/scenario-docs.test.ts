// scenarios/README.md documents the format with an example per key: every YAML example there reads as a scenario.
import { cpSync, mkdirSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { SCENARIO_KEYS } from '../../src/cluster/cluster-plan.js';
import { createDefaultCatalog, readScenario } from '../../src/index.js';

const readme = readFileSync(join(import.meta.dirname, '../../scenarios/README.md'), 'utf8');
const examples = [...readme.matchAll(/```yaml\n([\s\S]*?)```/g)].map((m) => m[1] as string);

describe('scenarios/README.md', () => {
  it('has an example for every key', () => {
    for (const key of SCENARIO_KEYS) {
      expect(examples.some((e) => new RegExp(`^${key}:`, 'm').test(e))).toBe(true);
    }
  });

  it.each(examples.map((e, i) => [i, e]))('example %i reads as a scenario', (_, example) => {
    // the paths the examples name, made from a real extension
    const dir = mkdtempSync(join(tmpdir(), 'talos-sim-docs-'));
    const extension = join(import.meta.dirname, '../fixtures/extensions/upstream/good/extension1');
    for (const path of ['exts/gvisor', 'exts/my-extension']) {
      mkdirSync(join(dir, path), { recursive: true });
      cpSync(extension, join(dir, path), { recursive: true });
    }
    const { plan } = readScenario(example, { cwd: dir, catalog: createDefaultCatalog() });
    expect(plan.nodes.length).toBeGreaterThan(0);
  });
});
