// The help of every `sim` command reads as talosctl's does, and `sim --version` names the package's version.
import { readFileSync } from 'node:fs';
import type { Command } from 'commander';
import { describe, expect, it } from 'vitest';
import { buildProgram } from '../../src/cli/main.js';
import { sim } from '../support/run-sim.js';

function commands(c: Command): Command[] {
  return [c, ...c.commands.flatMap(commands)];
}

describe('sim help and version', () => {
  const program = buildProgram({ io: { stdout: () => {}, stderr: () => {} }, cwd: '/', env: {} });

  it('shows no commander placeholders such as (default: []) in any command', () => {
    const all = commands(program);
    expect(all.length).toBeGreaterThan(10);
    for (const c of all) expect(c.helpInformation(), c.name()).not.toMatch(/\(default: (\[\]|undefined|"")\)/);
  });

  it('prints the version of package.json with --version', async () => {
    const { version } = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as {
      version: string;
    };
    expect(await sim(['--version'])).toEqual({ code: 0, stdout: `${version}\n`, stderr: '' });
  });
});
