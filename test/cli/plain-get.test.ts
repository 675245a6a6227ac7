// A plain `sim get`, read without commander and answered from a kept snapshot before the command tree loads: what it
// reads is what commander gives the `get` action for the same arguments, and what it prints is what the command
// tree prints.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Command } from 'commander';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import type { CliContext } from '../../src/cli/cli-context.js';
import { answerPlainGet } from '../../src/cli/commands/get-snapshot.js';
import { buildProgram, runCli } from '../../src/cli/main.js';
import { parsePlainGet } from '../../src/cli/plain-get.js';
import { runSim } from '../../src/cli/run-sim.js';
import { hoistSimulationOptions } from '../../src/cli/simulation-options.js';
import { capturedIo, sim } from '../support/run-sim.js';

const repo = join(import.meta.dirname, '..', '..');
const quiet: CliContext = { io: { stdout: () => true, stderr: () => {} }, cwd: '/', env: {} };

/** What commander hands the `get` action for argv, as runCli parses it; undefined when it does not reach it. */
async function commanderReads(argv: readonly string[]): Promise<unknown> {
  const program = buildProgram(quiet);
  let read: unknown;
  const get = program.commands.find((c) => c.name() === 'get') as Command;
  get.action((args: string[], opts: Record<string, unknown>) => {
    read = { args, opts: { ...opts } };
  });
  try {
    await program.parseAsync(hoistSimulationOptions(argv), { from: 'user' });
  } catch {
    return undefined;
  }
  return read;
}

describe('reading a plain sim get', () => {
  it('reads what commander reads, whenever it reads anything', async () => {
    // lists as users write them (global flags, the command's name, words and options), with what it must leave alone
    // mixed in: options it does not read, values that look like flags, empty values, other commands
    const flag = fc.oneof(
      {
        arbitrary: fc.constantFrom(
          '-o',
          '--output',
          '-n',
          '--nodes',
          '--namespace',
          '--talos',
          '--scenario',
          '--clock',
          '--talosctl-version',
        ),
        weight: 6,
      },
      {
        arbitrary: fc.constantFrom('--cluster', '--no-cache', '-w', '--watch', '-oyaml', '-h', '-V', '--', '-', '-x'),
        weight: 1,
      },
    );
    const value = fc.oneof(
      {
        arbitrary: fc.constantFrom(
          'yaml',
          'json',
          '10.5.0.2',
          's.yaml',
          'v1.11',
          'jsonpath={.spec}',
          '2025-01-01T00:00:00Z',
        ),
        weight: 6,
      },
      { arbitrary: fc.constantFrom('', '-x', 'get', '--output'), weight: 1 },
    );
    const option = fc.oneof(
      fc.tuple(flag, value),
      fc.tuple(flag, value).map(([f, v]) => [`${f}=${v}`]),
      flag.map((f) => [f]),
    );
    const word = fc.constantFrom('extensions', 'es', 'mc', '0', 'runtime', 'get', 'g', 'list').map((w) => [w]);
    const argv = fc
      .tuple(
        fc.array(option, { maxLength: 2 }),
        fc.constantFrom(['get'], ['g'], ['list'], []),
        fc.array(fc.oneof(word, option), { maxLength: 5 }),
      )
      .map(([before, name, after]) => [...before.flat(), ...name, ...after.flat()]);
    let read = 0;
    await fc.assert(
      fc.asyncProperty(argv, async (list) => {
        const plain = parsePlainGet(list);
        if (plain === undefined) return;
        const { type, id, opts } = plain;
        expect(await commanderReads(list), list.join(' ')).toEqual({
          args: id === undefined ? [type] : [type, id],
          opts,
        });
        read++;
      }),
      { numRuns: 4000 },
    );
    // about one list in fifteen is plain: the comparison ran a few hundred times
    expect(read).toBeGreaterThan(100);
  });

  it('leaves to the command tree what takes judgement, or what the snapshot never answers', () => {
    for (const argv of [
      [],
      ['get'],
      ['get', 'a', 'b', 'c'],
      ['list', 'es'],
      ['-o', 'yaml', 'get', 'es'],
      ['-n', 'get', 'es'],
      ['get', 'es', '-w'],
      ['get', 'es', '--no-cache'],
      ['get', 'es', '--cluster', 'hk'],
      ['get', 'es', '-h'],
      ['get', 'es', '--', 'x'],
      ['get', 'es', '-o', 'yaml', '-o', 'json'],
      ['get', 'es', '-o'],
      ['get', 'es', '-o', '-x'],
      ['get', 'es', '-oyaml'],
    ]) {
      expect(parsePlainGet(argv), argv.join(' ')).toBeUndefined();
    }
    expect(parsePlainGet(['g', 'es', '0', '-n', 'a', '--nodes=b', '--output=json'])).toEqual({
      type: 'es',
      id: '0',
      opts: { output: 'json', cache: true, nodes: ['a', 'b'] },
    });
    // talosctl's global flags before the command name, as the README shows them
    expect(parsePlainGet(['-n', 'a', '--scenario=s.yaml', 'get', 'es', '-n', 'b'])).toEqual({
      type: 'es',
      id: undefined,
      opts: { output: 'table', cache: true, nodes: ['a', 'b'], scenario: 's.yaml' },
    });
  });
});

describe('answering a plain sim get before the command tree loads', () => {
  const dir = mkdtempSync(join(tmpdir(), 'sim-plain-get-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  /** The plain get answered without the command tree: its status and output, or undefined. */
  async function answer(argv: readonly string[], directory = dir) {
    const plain = parsePlainGet(argv);
    if (plain === undefined) throw new Error(`not a plain get: ${argv.join(' ')}`);
    const captured = capturedIo();
    const code = await answerPlainGet({ io: captured.io, cwd: repo, env: {}, bootAssetCache: { directory } }, plain);
    return code === undefined
      ? undefined
      : { code, stdout: captured.bytes().toString('utf8'), stderr: captured.stderr() };
  }

  /** What the command tree prints for argv, from the same snapshot. */
  const viaTree = (argv: readonly string[]) => sim(argv, { cwd: repo, cacheDirectory: dir, entry: 'command tree' });

  it('prints what the command tree prints, errors included, once a snapshot is kept', async () => {
    const empty = mkdtempSync(join(tmpdir(), 'sim-plain-get-empty-'));
    expect(await answer(['get', 'es'], empty)).toBeUndefined(); // nothing kept there
    rmSync(empty, { recursive: true });
    expect((await sim(['get', 'es'], { cwd: repo, cacheDirectory: dir })).code).toBe(0);
    for (const argv of [
      ['get', 'extensions'],
      ['g', 'es', '-o', 'yaml'],
      ['get', 'es', '2', '--output=json'],
      ['get', 'es', '-n', '172.20.0.2', '-o', 'jsonpath={.spec.metadata.name}'],
      ['get', 'mc', '--talosctl-version', 'v1.3.0', '-o', 'yaml'],
      ['get', 'nosuchtype'],
      ['get', 'es', '--namespace', 'nope'],
      ['get', 'es', '-o', 'wide'],
      ['get', 'es', '-o', 'jsonpath={.spec.nope}'],
    ]) {
      const answered = await answer(argv);
      expect(answered, argv.join(' ')).toBeDefined();
      expect(answered, argv.join(' ')).toEqual(await viaTree(argv));
    }
  }, 60_000);

  it('leaves a failure to the command tree, which reports it in its words', async () => {
    // a context that fails when asked for its cache, as a user without a home directory does
    const failing = (out: { stderr: string }): CliContext => ({
      io: {
        stdout: () => true,
        stderr: (c) => {
          out.stderr += c;
        },
      },
      cwd: repo,
      env: {},
      get bootAssetCache(): 'default' {
        throw new Error('no home directory');
      },
    });
    const viaSim = { stderr: '' };
    const viaCli = { stderr: '' };
    const argv = ['get', 'es'];
    expect(await runSim(argv, failing(viaSim))).toBe(await runCli(argv, failing(viaCli)));
    expect(viaSim.stderr).toBe(viaCli.stderr);
    expect(viaCli.stderr).toBe('no home directory\n');
  });

  it('leaves an error that cobra follows with the usage to the command tree, having printed nothing', async () => {
    expect((await sim(['get', 'es'], { cwd: repo, cacheDirectory: dir })).code).toBe(0);
    // the message names a "flag": talosctl's root prints the usage after it, which only the command tree has
    const argv = ['get', 'es', '-o', 'jsonpath={.spec.flag}'];
    expect(await answer(argv)).toBeUndefined();
    const tree = await viaTree(argv);
    expect(tree.stderr).toMatch(/^error finding result for jsonpath: flag is not found\n\nUsage: sim get\|g /);
    expect(await sim(argv, { cwd: repo, cacheDirectory: dir })).toEqual(tree);
  }, 60_000);
});
