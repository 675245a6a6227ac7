// `sim get` answered from the snapshot of a cluster an earlier command booted: the same bytes as the booted nodes
// print, for every resource type and output; no boot when it answers (the boot-asset entries are not read: their
// mtimes stay where the test put them); a boot whenever the snapshot cannot answer or its inputs changed.
import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterEach, describe, expect, it } from 'vitest';
import { defaultScenario } from '../../scenarios/default.js';
import { keepSnapshot, snapshotKey } from '../../src/cli/booted-snapshots.js';
import type { CliContext } from '../../src/cli/cli-context.js';
import { withCluster } from '../../src/cli/simulated-cluster.js';
import {
  captureClusterSnapshot,
  decodeClusterSnapshot,
  encodeClusterSnapshot,
} from '../../src/cluster/cluster-snapshot.js';
import { plainDataFromJson, plainDataToJson } from '../../src/cluster/plain-data-json.js';
import { type Cluster, createCluster, type ScenarioInput } from '../../src/index.js';
import { type SimOptions, type SimRun, sim } from '../support/run-sim.js';

const repo = join(import.meta.dirname, '..', '..');
const dirs: string[] = [];
const scratch = (prefix: string): string => {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  dirs.push(dir);
  return dir;
};
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

const entries = (dir: string, suffix: string): string[] => readdirSync(dir).filter((n) => n.endsWith(suffix));

/** Sets every boot-asset entry's mtime to the epoch: a boot reads one and touches it. */
function markAssetsUnused(dir: string): void {
  for (const name of entries(dir, '.tsba')) utimesSync(join(dir, name), 0, 0);
}
function bootedSinceMarked(dir: string): boolean {
  return entries(dir, '.tsba').some((name) => statSync(join(dir, name)).mtimeMs > 0);
}

const TWO_RELEASES = `version: v1alpha1
clock: 2025-03-04T05:06:07Z
images:
  - ref: example.com/hello:1.0
    inline:
      manifest: { version: v1alpha1, metadata: { name: hello, version: "1.0", author: Me, description: "Hi",
                  compatibility: { talos: { version: ">= v1.0.0" } } } }
      files:
        /usr/local/bin/hello: { content: "#!/bin/sh\\n", mode: 0755 }
nodes:
  - address: 172.20.0.2
    talos: v1.13.0
    extensions: [example.com/hello:1.0]
    config: |
      version: v1alpha1
      machine:
        nodeLabels:
          zone: a
  - address: 172.20.0.3
    talos: v1.3.0
    config: |
      version: v1alpha1
      machine:
        install:
          extensions:
            - image: example.com/hello:1.0
`;

interface Case {
  readonly name: string;
  /** The scenario as `sim` is given it, and as createCluster is. */
  readonly args: readonly string[];
  readonly scenario: ScenarioInput;
}

const cases = (dir: string): Case[] => {
  const twoReleases = join(dir, 'two-releases.yaml');
  writeFileSync(twoReleases, TWO_RELEASES);
  return [
    { name: 'the embedded default', args: [], scenario: defaultScenario },
    {
      name: 'image-factory-storage.yaml',
      args: ['--scenario', 'scenarios/image-factory-storage.yaml'],
      scenario: join(repo, 'scenarios/image-factory-storage.yaml'),
    },
    {
      name: 'legacy-install-extensions.yaml',
      args: ['--scenario', 'scenarios/legacy-install-extensions.yaml'],
      scenario: join(repo, 'scenarios/legacy-install-extensions.yaml'),
    },
    { name: 'two releases, inline image, configs', args: ['--scenario', twoReleases], scenario: twoReleases },
  ];
};

describe('sim get from a kept snapshot', () => {
  it('prints what the booted nodes print, for every type, id and output, without booting', async () => {
    const dir = scratch('sim-snapshots-');
    for (const c of cases(dir)) {
      const opts: SimOptions = { cwd: repo, cacheDirectory: dir };
      const first = await sim(['get', 'extensions', ...c.args], opts);
      expect(first.code, c.name).toBe(0);
      expect(entries(dir, '.tscs').length, c.name).toBeGreaterThan(0);
      markAssetsUnused(dir);
      await using cluster = await createCluster(c.scenario);
      const node = cluster.nodes[0];
      if (node === undefined) throw new Error('no node');
      const argvs: string[][] = [];
      for (const rd of await node.resources.definitions()) {
        for (const output of ['table', 'yaml', 'json']) argvs.push(['get', rd.type, '-o', output]);
        // an id every node holds (one that some node lacks boots the cluster: see below)
        const held = async (n: (typeof cluster.nodes)[number]) =>
          (await n.resources.list(rd.defaultNamespace, rd.type).catch(() => [])).map((r) => r.metadata.id);
        const ids = await Promise.all(cluster.nodes.map(held));
        const common = ids[0]?.find((id) => ids.every((list) => list.includes(id)));
        if (common !== undefined) argvs.push(['get', rd.type, common, '-o', 'yaml']);
      }
      argvs.push(['get', 'es', '-o', 'jsonpath={.spec.metadata.name}'], ['get', 'mc', '-o', 'json']);
      for (const address of cluster.nodes.map((n) => n.address)) argvs.push(['get', 'es', '-n', address]);
      for (const argv of argvs) {
        const booted = await cluster.run(argv);
        const answered = await sim([...argv, ...c.args], opts);
        expect(answered, `${c.name}: ${argv.join(' ')}`).toEqual(viaRun(booted));
      }
      expect(bootedSinceMarked(dir), `${c.name}: booted`).toBe(false);
    }
  }, 120_000);

  it('answers errors as the nodes do; boots for what it cannot answer (an id not held, an unknown address)', async () => {
    const dir = scratch('sim-snapshots-');
    const opts: SimOptions = { cwd: repo, cacheDirectory: dir };
    expect((await sim(['get', 'es'], opts)).code).toBe(0);
    await using cluster = await createCluster(defaultScenario);
    for (const [argv, boots] of [
      [['get', 'nosuchtype'], false],
      [['get', 'es', '--namespace', 'nope'], false],
      [['get', 'es', '-o', 'jsonpath={.spec.nope'], false],
      [['get', 'es', '-o', 'wide'], false],
      [['get', 'es', '--talosctl-version', 'v1.3.0', '-o', 'jsonpath={.spec.nope}'], false],
      [['get', 'es', '99'], true],
      [['get', 'es', '-n', '10.9.9.9'], true],
    ] as [string[], boolean][]) {
      markAssetsUnused(dir);
      const answered = await sim(argv, opts);
      expect(bootedSinceMarked(dir), argv.join(' ')).toBe(boots);
      expect(answered.code, argv.join(' ')).toBe(1);
      if (!argv.includes('-n')) expect(answered, argv.join(' ')).toEqual(viaRun(await cluster.run(argv)));
      else expect(answered.stderr).toBe('node "10.9.9.9" is not in the cluster (nodes: 172.20.0.2)\n');
    }
  }, 60_000);

  it('is read from the snapshot: a changed entry shows; a damaged one is replaced by a boot', async () => {
    const dir = scratch('sim-snapshots-');
    const opts: SimOptions = { cwd: repo, cacheDirectory: dir };
    const first = await sim(['get', 'es', '-o', 'yaml'], opts);
    const [name] = entries(dir, '.tscs');
    if (name === undefined) throw new Error('no snapshot kept');
    const path = join(dir, name);
    const kept = readFileSync(path);
    const key = keyOf(kept);
    const snapshot = decodeClusterSnapshot(kept, key);
    if (snapshot === undefined) throw new Error('the kept entry does not decode');
    // a snapshot whose gVisor claims another version: `sim get` prints it, so it read the snapshot
    const changed = structuredClone(snapshot);
    const groups = changed.nodes[0]?.groups as Record<string, string>;
    const group = 'runtime ExtensionStatuses.runtime.talos.dev';
    const statuses = plainDataFromJson(groups[group] as string) as { spec: { metadata: Record<string, string> } }[];
    for (const r of statuses) if (r.spec.metadata.name === 'gvisor') r.spec.metadata.version = '0.0.0-changed';
    groups[group] = plainDataToJson(statuses);
    writeFileSync(path, encodeClusterSnapshot(key, changed));
    expect((await sim(['get', 'es', '-o', 'yaml'], opts)).stdout).toContain('version: 0.0.0-changed');
    // one byte damaged: refused, the cluster boots, the entry is written again as the boot gives it
    const damaged = Buffer.from(kept);
    damaged.writeUInt8((damaged.at(-10) as number) ^ 0x01, damaged.length - 10);
    writeFileSync(path, damaged);
    markAssetsUnused(dir);
    expect(await sim(['get', 'es', '-o', 'yaml'], opts)).toEqual(first);
    expect(bootedSinceMarked(dir)).toBe(true);
    expect(decodeClusterSnapshot(readFileSync(path), key)).toEqual(snapshot);
  }, 60_000);

  it('keeps nothing when the scenario file changed while the cluster booted, even if it changed back', async () => {
    const dir = scratch('sim-snapshots-');
    const file = join(dir, 's.yaml');
    const first = 'version: v1alpha1\ntalos: v1.12.0\n';
    writeFileSync(file, first);
    const ctx: CliContext = {
      io: { stdout: () => true, stderr: () => {} },
      cwd: dir,
      env: {},
      bootAssetCache: { directory: dir },
    };
    const opts = { scenario: 's.yaml', cache: true };
    const keyBefore = snapshotKey(opts, ctx);
    // changed after `get` worked out its key, before the boot read the file; back again before the snapshot is kept
    writeFileSync(file, `${first}config: |\n  version: v1alpha1\n  machine:\n    nodeLabels:\n      zone: b\n`);
    await withCluster(opts, ctx, async (selected) => {
      writeFileSync(file, first);
      await keepSnapshot(opts, ctx, selected, keyBefore);
    });
    expect(entries(dir, '.tscs')).toEqual([]);
    const run = await sim(['get', 'mc', '-o', 'yaml', '--scenario', 's.yaml'], { cwd: dir, cacheDirectory: dir });
    expect([run.code, run.stdout.includes('zone: b')]).toEqual([0, false]);
  }, 60_000);

  it('is not used once an input changes: the scenario text, --clock, SOURCE_DATE_EPOCH; none with --no-cache', async () => {
    const dir = scratch('sim-snapshots-');
    const file = join(dir, 's.yaml');
    writeFileSync(file, 'version: v1alpha1\ntalos: v1.12.0\n');
    const opts: SimOptions = { cwd: dir, cacheDirectory: dir };
    const boots = async (argv: string[], env: Record<string, string> = {}): Promise<boolean> => {
      markAssetsUnused(dir);
      const run = await sim(argv, { ...opts, env });
      expect([run.code, run.stderr], argv.join(' ')).toEqual([0, '']);
      return bootedSinceMarked(dir);
    };
    const get = ['get', 'mc', '-o', 'yaml', '--scenario', 's.yaml'];
    expect(await boots(get)).toBe(true);
    expect(await boots(get)).toBe(false);
    writeFileSync(
      file,
      'version: v1alpha1\ntalos: v1.12.0\nconfig: |\n  version: v1alpha1\n  machine:\n    nodeLabels:\n      zone: b\n',
    );
    expect(await boots(get)).toBe(true);
    expect((await sim(get, opts)).stdout).toContain('zone: b');
    expect(await boots(get)).toBe(false);
    expect(await boots([...get, '--clock', '2030-01-01T00:00:00Z'])).toBe(true);
    expect(await boots([...get, '--clock', '2030-01-01T00:00:00Z'])).toBe(false);
    expect(await boots(get, { SOURCE_DATE_EPOCH: '1700000000' })).toBe(true);
    expect(await boots(get, { SOURCE_DATE_EPOCH: '1700000000' })).toBe(false);
    const kept = entries(dir, '.tscs').length;
    expect(await boots([...get, '--talos', 'v1.11.0'].filter((a) => a !== '--scenario' && a !== 's.yaml'))).toBe(true);
    expect(entries(dir, '.tscs')).toHaveLength(kept + 1);
    // --no-cache neither reads a snapshot nor keeps one
    rmSync(join(dir, entries(dir, '.tscs')[0] as string));
    const before = entries(dir, '.tscs').length;
    expect((await sim([...get, '--no-cache'], opts)).code).toBe(0);
    expect(entries(dir, '.tscs')).toHaveLength(before);
  }, 60_000);

  it('keeps none of a cluster whose boot looks at files besides the scenario', async () => {
    const dir = scratch('sim-snapshots-');
    const opts: SimOptions = { cwd: repo, cacheDirectory: dir };
    // images by path
    expect((await sim(['get', 'es', '--scenario', 'scenarios/extension-services.yaml'], opts)).code).toBe(0);
    expect(entries(dir, '.tsba').length).toBeGreaterThan(0);
    expect(entries(dir, '.tscs')).toEqual([]);
    // an extension named by a reference not in images: is looked up as a path first: a directory of that name made
    // next to the scenario later would be installed instead
    const file = join(dir, 's.yaml');
    writeFileSync(file, 'version: v1alpha1\ntalos: v1.11.2\nextensions: [ghcr.io/siderolabs/gvisor:20250707.0]\n');
    expect((await sim(['get', 'es', '--scenario', file], opts)).code).toBe(0);
    expect(entries(dir, '.tscs')).toEqual([]);
    // a step's expectation kept in a file: reading the scenario fails once the file is gone
    writeFileSync(join(dir, 'expected.txt'), 'x\n');
    writeFileSync(file, 'talos: v1.11.2\nsteps:\n  - run: get ns\n    expect:\n      stdout: { file: expected.txt }\n');
    expect((await sim(['get', 'ns', '--scenario', file], opts)).code).toBe(0);
    expect(entries(dir, '.tscs')).toEqual([]);
  }, 60_000);

  it('keeps one for images of images:, which a directory of the same name next to the scenario does not replace', async () => {
    const dir = scratch('sim-snapshots-');
    const file = join(dir, 'two-releases.yaml');
    writeFileSync(file, TWO_RELEASES);
    const opts: SimOptions = { cwd: dir, cacheDirectory: dir };
    const get = ['get', 'es', '-n', '172.20.0.2', '--scenario', 'two-releases.yaml'];
    const first = await sim(get, opts);
    expect(first.stdout).toContain('hello ');
    expect(entries(dir, '.tscs')).toHaveLength(1);
    // an extension directory named as the reference the scenario defines
    cpSync(join(repo, 'scenarios', 'extensions', 'hello-world-service'), join(dir, 'example.com', 'hello:1.0'), {
      recursive: true,
    });
    expect(await sim(get, opts)).toEqual(first);
    expect(await sim([...get, '--no-cache'], opts)).toEqual(first);
  }, 60_000);

  it('keeps none when sim runs from its sources with the user cache (their identity does not follow every file)', async () => {
    const home = scratch('sim-snapshots-xdg-');
    const run = await sim(['get', 'es'], { cwd: repo, env: { XDG_CACHE_HOME: home }, cacheDirectory: 'default' });
    expect(run.code).toBe(0);
    const directory = join(home, 'talos-sim', 'boot-assets');
    expect(entries(directory, '.tsba').length).toBeGreaterThan(0);
    expect(entries(directory, '.tscs')).toEqual([]);
  }, 60_000);
});

describe('cluster snapshot entries', () => {
  it('decode only under their own key, and refuse any damaged byte', async () => {
    await using cluster: Cluster = await createCluster({ version: 'v1alpha1', talos: 'v1.10.0' });
    const snapshot = await captureClusterSnapshot(cluster.nodes);
    if (snapshot === undefined) throw new Error('nothing captured');
    const bytes = encodeClusterSnapshot('k', snapshot);
    expect(decodeClusterSnapshot(bytes, 'k')).toEqual(snapshot);
    expect(decodeClusterSnapshot(bytes, 'other')).toBeUndefined();
    fc.assert(
      fc.property(fc.nat(bytes.length - 1), fc.integer({ min: 1, max: 255 }), (at, flip) => {
        const damaged = Uint8Array.from(bytes);
        damaged[at] = (damaged[at] as number) ^ flip;
        expect(decodeClusterSnapshot(damaged, 'k')).toBeUndefined();
      }),
      { numRuns: 300 },
    );
    fc.assert(
      fc.property(fc.nat(bytes.length - 1), (length) => {
        expect(decodeClusterSnapshot(bytes.subarray(0, length), 'k')).toBeUndefined();
      }),
      { numRuns: 100 },
    );
  });

  it('are not taken of a fleet that would exceed the bound: its first node tells', async () => {
    await using cluster: Cluster = await createCluster({ version: 'v1alpha1', talos: 'v1.10.0' });
    const one = await captureClusterSnapshot(cluster.nodes);
    const size = Object.values(one?.nodes[0]?.groups ?? {}).join('').length;
    const twice = [...cluster.nodes, ...cluster.nodes];
    expect(await captureClusterSnapshot(twice, size * 1.5)).toBeUndefined();
    expect((await captureClusterSnapshot(twice, size * 2))?.nodes).toHaveLength(2);
  });
});

/** What `sim` prints for a command run against a given cluster, as the runner reports it. */
function viaRun(r: { stdout: string; stderr: string; exitCode: number }): SimRun {
  return { code: r.exitCode, stdout: r.stdout, stderr: r.stderr };
}

/** The key an entry was kept under (in its payload, after the magic line and the checksum line). */
function keyOf(entry: Buffer): string {
  const payload = entry.subarray(entry.indexOf(0x0a, entry.indexOf(0x0a) + 1) + 1);
  return (JSON.parse(payload.toString('utf8')) as { key: string }).key;
}
