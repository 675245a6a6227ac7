// Every scenario under scenarios/ runs with `sim scenario run` and passes: the examples are checked, not decoration.
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { sim } from '../support/run-sim.js';

const dir = join(import.meta.dirname, '../../scenarios');
const files = readdirSync(dir).filter((f) => f.endsWith('.yaml'));

describe('scenarios/', () => {
  it('has scenario scripts', () => {
    expect(files.length).toBeGreaterThan(0);
  });

  it.each(files)(
    '%s passes',
    async (file) => {
      const run = await sim(['scenario', 'run', file], { cwd: dir });
      expect(run.stderr).toBe('');
      expect(run.code).toBe(0);
      expect(run.stdout).toMatch(new RegExp(`^${file}: \\d+ steps? passed\\n$`, 'm'));
    },
    30_000,
  );
});
