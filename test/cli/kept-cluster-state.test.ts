// What a kept cluster's state may hold, and what happens when it holds something else: cluster.json never grows past
// what a command can read, a cluster directory without its state is still a cluster (destroyable), the images an
// upgrade read from paths are kept with the cluster, and a state that does not replay says it is the state's fault.
import { cpSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { MAX_STATE_BYTES } from '../../src/cluster/index.js';
import { sim } from '../support/run-sim.js';

const repo = fileURLToPath(new URL('../..', import.meta.url));
const MiB = 1024 * 1024;
const START = Date.parse('2025-05-05T05:05:05Z');

const homes: string[] = [];
afterEach(() => {
  for (const home of homes.splice(0)) rmSync(home, { recursive: true, force: true });
});

/** A fresh state directory; `cli` runs sim there; `state` is the default cluster's cluster.json. */
function kept(keptStateBytes?: number) {
  const home = mkdtempSync(join(tmpdir(), 'talos-sim-kept-state-'));
  homes.push(home);
  const env = { XDG_STATE_HOME: join(home, 'state'), XDG_CACHE_HOME: join(home, 'cache') };
  const dir = join(env.XDG_STATE_HOME, 'talos-sim/clusters/default');
  const file = join(dir, 'cluster.json');
  return {
    home,
    dir,
    file,
    cli: (...argv: string[]) =>
      sim(argv, { cwd: home, env, ...(keptStateBytes === undefined ? {} : { keptStateBytes }) }),
    state: () => JSON.parse(readFileSync(file, 'utf8')),
    write: (state: unknown) => writeFileSync(file, `${JSON.stringify(state, null, 2)}\n`),
  };
}

/** A machine config of `bytes` bytes: a worker, padded with a comment. */
function configOf(bytes: number): string {
  const head = 'version: v1alpha1\nmachine:\n  type: worker\n# ';
  return `${head}${'x'.repeat(bytes - head.length - 1)}\n`;
}

describe('a kept cluster.json stays readable', () => {
  it('refuses an operation whose journal entry would make cluster.json larger than commands read', async () => {
    // the CLI's limit is 64 MiB (MAX_STATE_BYTES); this cluster's is 4 MiB, so the files stay small and quick
    const limit = 4 * MiB;
    expect(MAX_STATE_BYTES).toBe(64 * MiB);
    const KiB = 1024;
    const k = kept(limit);
    const pinned = ['--clock', '2025-05-05T05:05:05Z'];
    expect((await k.cli('cluster', 'create', '--talos', 'v1.10', ...pinned)).code).toBe(0);
    // a journal of failed configs (not YAML, so replaying them is quick) that leaves 192 KiB free
    const state = k.state();
    const filler = (n: number) => ({
      at: START,
      operation: { kind: 'apply-config', node: '172.20.0.2', config: `[${'x'.repeat(n - 1)}` },
      failed: true,
    });
    state.journal = Array.from({ length: 12 }, () => filler(256 * KiB));
    const text = (s: unknown) => `${JSON.stringify(s, null, 2)}\n`;
    const pad = limit - 192 * KiB - Buffer.byteLength(text(state));
    state.journal[0].operation.config += 'x'.repeat(pad);
    k.write(state);
    expect(Buffer.byteLength(readFileSync(k.file))).toBe(limit - 192 * KiB);
    const before = readFileSync(k.file);

    writeFileSync(join(k.home, 'big.yaml'), configOf(256 * KiB));
    const refused = await k.cli('apply-config', '--cluster', 'default', '-f', 'big.yaml');
    const entry = { at: START, operation: { kind: 'apply-config', node: '172.20.0.2', config: configOf(256 * KiB) } };
    const grown = Buffer.byteLength(text({ ...state, journal: [...state.journal, { ...entry, failed: true }] }));
    expect(refused).toEqual({
      code: 1,
      stdout: '',
      stderr: `error on node 172.20.0.2: cluster "default" cannot keep apply-config 172.20.0.2: its cluster.json would grow to ${(grown / MiB).toFixed(1)} MiB, over its limit of 4 MiB; nothing was done\n`,
    });
    expect(readFileSync(k.file).equals(before)).toBe(true);
    expect((await k.cli('cluster', 'show')).code).toBe(0);

    // what fits is journaled, and the state stays readable
    writeFileSync(join(k.home, 'small.yaml'), configOf(128 * KiB));
    expect((await k.cli('apply-config', '--cluster', 'default', '-f', 'small.yaml')).code).toBe(0);
    expect(k.state().journal).toHaveLength(13);
    expect((await k.cli('cluster', 'show')).stdout).toContain(
      `OPERATIONS   ${'apply-config 172.20.0.2 (failed), '.repeat(12)}apply-config 172.20.0.2\n`,
    );
  }, 60_000);
});

describe('a cluster directory without its state', () => {
  it('is a cluster that cannot be read: create refuses the name, destroy removes it', async () => {
    const k = kept();
    // what a sim that died while creating the cluster (or an older one whose write failed) left
    mkdirSync(k.dir, { recursive: true });
    expect((await k.cli('cluster', 'show')).stderr).toBe(
      'the state of cluster "default" cannot be read: cluster.json is missing\n',
    );
    expect((await k.cli('cluster', 'create', '--talos', 'v1.10')).stderr).toBe(
      'cluster "default" already exists (destroy it with: sim cluster destroy --name default)\n',
    );
    expect(await k.cli('cluster', 'destroy')).toEqual({ code: 0, stdout: 'destroyed cluster "default"\n', stderr: '' });
    expect((await k.cli('cluster', 'create', '--talos', 'v1.10')).code).toBe(0);
    // nothing is left of the staging: the clusters directory holds the cluster alone
    expect(readdirSync(join(k.dir, '..'))).toEqual(['default']);
    expect(readdirSync(k.dir)).toEqual(['cluster.json']);
  }, 60_000);
});

describe('what a create or destroy killed midway left', () => {
  it('is removed by the next create or destroy once it is old, never while it may be in use', async () => {
    const k = kept();
    const clusters = join(k.dir, '..');
    mkdirSync(clusters, { recursive: true });
    const old = (Date.now() - 11 * 60_000) / 1000;
    for (const name of ['.creating-x-0badc0de', '.destroying-y-0badc0de', '.creating-z-fresh000']) {
      mkdirSync(join(clusters, name, 'images'), { recursive: true });
      writeFileSync(join(clusters, name, 'cluster.json'), '{}');
      if (!name.endsWith('fresh000')) utimesSync(join(clusters, name), old, old);
    }
    expect((await k.cli('cluster', 'create', '--talos', 'v1.10')).code).toBe(0);
    expect(readdirSync(clusters).sort()).toEqual(['.creating-z-fresh000', 'default']);
    utimesSync(join(clusters, '.creating-z-fresh000'), old, old);
    expect((await k.cli('cluster', 'destroy')).code).toBe(0);
    expect(readdirSync(clusters)).toEqual([]);
  }, 60_000);
});

describe('images an upgrade read from a path', () => {
  /** A cluster upgraded with the extension directory `ext` (a copy of hello-world-service). */
  async function upgraded() {
    const k = kept();
    const ext = join(k.home, 'ext');
    cpSync(join(repo, 'scenarios/extensions/hello-world-service'), ext, { recursive: true });
    expect((await k.cli('cluster', 'create', '--talos', 'v1.11', '--clock', '2025-05-05T05:05:05Z')).code).toBe(0);
    expect((await k.cli('upgrade', '--cluster', 'default', '--extension', './ext')).stderr).toBe('');
    const version = async () => k.cli('get', 'es', '--cluster', 'default', '-o', 'jsonpath={.spec.metadata.version}');
    return { ...k, ext, version };
  }

  it('are kept with the cluster: editing or removing the directory changes no past upgrade', async () => {
    const k = await upgraded();
    expect((await k.version()).stdout).toBe('v1.0.0\n');
    const manifest = join(k.ext, 'manifest.yaml');
    writeFileSync(manifest, readFileSync(manifest, 'utf8').replace('"v1.0.0"', '"v9.9.9"'));
    expect((await k.version()).stdout).toBe('v1.0.0\n');
    rmSync(k.ext, { recursive: true });
    expect(await k.version()).toEqual({ code: 0, stdout: 'v1.0.0\n', stderr: '' });
    // one image kept, named in the journal by the digest of its bytes
    const [entry] = k.state().journal;
    expect(Object.keys(entry.images)).toEqual([join(k.home, 'ext')]);
    expect(readdirSync(join(k.dir, 'images'))).toEqual([entry.images[join(k.home, 'ext')].slice('sha256:'.length)]);
    // a later upgrade from the same (edited) path keeps the new contents beside the old
    cpSync(join(repo, 'scenarios/extensions/hello-world-service'), k.ext, { recursive: true });
    writeFileSync(manifest, readFileSync(manifest, 'utf8').replace('"v1.0.0"', '"v1.0.1"'));
    expect((await k.cli('upgrade', '--cluster', 'default', '--extension', './ext')).stderr).toBe('');
    expect((await k.version()).stdout).toBe('v1.0.1\n');
    expect(readdirSync(join(k.dir, 'images'))).toHaveLength(2);
  }, 120_000);

  it('are cleaned up at best: what keepImage did not write stays, and never fails a command', async () => {
    const k = await upgraded();
    mkdirSync(join(k.dir, 'images', 'subdir'));
    mkdirSync(join(k.dir, 'images', 'f'.repeat(64)));
    writeFileSync(join(k.dir, 'images', 'notes.txt'), 'mine\n');
    expect(await k.version()).toEqual({ code: 0, stdout: 'v1.0.0\n', stderr: '' });
    const [entry] = k.state().journal;
    const kept = entry.images[join(k.home, 'ext')].slice('sha256:'.length);
    expect(readdirSync(join(k.dir, 'images')).sort()).toEqual([kept, 'f'.repeat(64), 'notes.txt', 'subdir'].sort());
  }, 60_000);

  it('that was changed in the state directory is the stored state’s fault', async () => {
    const k = await upgraded();
    const [file] = readdirSync(join(k.dir, 'images'));
    writeFileSync(join(k.dir, 'images', file as string), 'TSKI0001');
    expect(await k.version()).toEqual({
      code: 1,
      stdout: '',
      stderr: `cluster "default": cluster.json journal[0]: kept image sha256:${file}: its contents do not match its digest\n`,
    });
    rmSync(join(k.dir, 'images', file as string));
    expect((await k.version()).stderr).toBe(
      `cluster "default": cluster.json journal[0]: kept image sha256:${file}: open ${join(k.dir, 'images', file as string)}: no such file or directory\n`,
    );
    // a journal written before images were kept names the path alone
    const state = k.state();
    delete state.journal[0].images;
    k.write(state);
    rmSync(k.ext, { recursive: true });
    expect((await k.version()).stderr).toBe(
      `cluster "default": cluster.json journal[0]: extension ${k.ext} no longer exists (the upgrade read it there, and this cluster kept no copy of it)\n`,
    );
  }, 120_000);
});

describe('a state that does not replay', () => {
  it('says the stored state is at fault, naming the journal entry', async () => {
    const k = kept();
    expect((await k.cli('cluster', 'create', '--talos', 'v1.10', '--clock', '2025-05-05T05:05:05Z')).code).toBe(0);
    const state = k.state();
    const entry = (operation: unknown) => ({ at: START, operation });
    k.write({
      ...state,
      journal: [entry({ kind: 'reboot', node: '172.20.0.2' }), entry({ kind: 'reboot', node: '10.9.9.9' })],
    });
    expect(await k.cli('reboot', '--cluster', 'default')).toEqual({
      code: 1,
      stdout: '',
      stderr:
        'cluster "default": cluster.json journal[1] (reboot 10.9.9.9): node "10.9.9.9" is not in the cluster (nodes: 172.20.0.2)\n',
    });
    k.write({ ...state, journal: [entry({ kind: 'apply-config', node: '172.20.0.2', config: 'machine: [\n' })] });
    const invalid = await k.cli('get', 'mc', '--cluster', 'default');
    expect(invalid.stderr).toBe(
      'cluster "default": cluster.json journal[0] (apply-config 172.20.0.2): decode error: yaml: line 2: Flow sequence in block collection must be sufficiently indented and end with a ]\n',
    );
    // nothing was journaled by the commands that failed
    expect(k.state().journal).toHaveLength(1);
  }, 60_000);

  it('says so when the scenario it was made from no longer reads (an image path removed)', async () => {
    const k = kept();
    cpSync(join(repo, 'scenarios/extensions/hello-world-service'), join(k.home, 'ext'), { recursive: true });
    writeFileSync(
      join(k.home, 's.yaml'),
      'talos: v1.11.2\nimages:\n  - ref: example.com/hello:1\n    path: ./ext\nnodes: [10.5.0.2]\n',
    );
    expect((await k.cli('cluster', 'create', '--scenario', 's.yaml')).code).toBe(0);
    rmSync(join(k.home, 'ext'), { recursive: true });
    expect(await k.cli('get', 'es', '--cluster', 'default')).toEqual({
      code: 1,
      stdout: '',
      stderr:
        'cluster "default": cluster.json scenario: s.yaml:4: images[0].path: open ./ext: no such file or directory\n',
    });
  }, 60_000);

  it('refuses fields a journal entry or its operation does not have, naming them', async () => {
    const k = kept();
    expect((await k.cli('cluster', 'create', '--talos', 'v1.10')).code).toBe(0);
    const state = k.state();
    for (const [journal, reason] of [
      [[{ at: 0, operation: { kind: 'reboot', node: 'a' }, note: 'x' }], 'journal[0]: unknown field "note"'],
      [
        [{ at: 0, operation: { kind: 'reboot', node: 'a', force: true, mode: 'x' } }],
        'journal[0].operation: unknown fields "force", "mode" for reboot',
      ],
      [
        [
          {
            at: 0,
            operation: { kind: 'upgrade', node: 'a', extensions: ['/x'] },
            images: { '/y': `sha256:${'0'.repeat(64)}` },
          },
        ],
        'journal[0].images: expected sha256:<hex> digests by extension path of the operation',
      ],
    ] as const) {
      k.write({ ...state, journal });
      expect((await k.cli('cluster', 'show')).stderr).toBe(
        `the state of cluster "default" cannot be read: ${reason}\n`,
      );
    }
    k.write({ ...state, extra: 1 });
    expect((await k.cli('cluster', 'show')).stderr).toBe(
      'the state of cluster "default" cannot be read: unknown field "extra"\n',
    );
  }, 60_000);
});
