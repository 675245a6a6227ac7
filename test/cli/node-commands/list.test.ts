// `sim ls` as talosctl list prints it, release by release, over the scenario's two nodes: the NODE/NAME table of
// talosctl ≤ v1.13 (even for one node: apid names every reply), bare names for one node from v1.14.0-alpha.2, the
// long listing with and without LABEL, humanized sizes and times, and the error forms of each client generation.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Cluster } from '../../../src/index.js';
import { expectGolden } from '../../support/golden.js';
import { bootScenario, simOn } from './node-commands-cluster.js';

let cluster: Cluster;

beforeAll(async () => {
  cluster = await bootScenario();
  // the tmpfs mounts were made at boot: 90 minutes old, so humanized times say so
  await cluster.advance('90m');
}, 120_000);
afterAll(() => cluster.shutdown());

describe('sim ls, talosctl v1.13.9 (the newest release among the nodes)', () => {
  it('lists both nodes in one NODE/NAME table, the top layer providing the file both ship (golden)', async () => {
    const run = await simOn(cluster, ['ls', '/usr/local', '-r']);
    expect([run.code, run.stderr]).toEqual([0, '']);
    expectGolden('cli/node-commands/ls-recursive.txt', run.stdout);
  });

  it('prints the NODE column for one node too, and `list` is the same command', async () => {
    const ls = await simOn(cluster, ['ls', '/usr/lib/firmware', '-n', '10.5.0.3']);
    const list = await simOn(cluster, ['list', '/usr/lib/firmware', '-n', '10.5.0.3']);
    expect(ls).toEqual(list);
    expect(ls.stdout).toBe('NODE       NAME\n10.5.0.3   .\n10.5.0.3   acme\n');
  });

  it('-l: mode, owner, size, LASTMOD in the client zone, LABEL and link targets (golden)', async () => {
    const run = await simOn(cluster, ['ls', '-l', '/', '-d', '2', '-n', '10.5.0.2']);
    expect([run.code, run.stderr]).toEqual([0, '']);
    expectGolden('cli/node-commands/ls-long.txt', run.stdout);
  });

  it('-lH: humanized sizes and times against the cluster clock (golden)', async () => {
    const run = await simOn(cluster, ['ls', '-lH', '/', '-n', '10.5.0.2']);
    expect([run.code, run.stderr]).toEqual([0, '']);
    expectGolden('cli/node-commands/ls-long-humanized.txt', run.stdout);
  });

  it('prints LASTMOD in the zone TZ names, the year for times over six months old', async () => {
    const run = await simOn(cluster, ['ls', '-l', '/tmp', '-n', '10.5.0.2'], { env: { TZ: 'America/New_York' } });
    expect(run.stdout.split('\n')[1]).toMatch(/^10\.5\.0\.2 {3}drwxr-xr-x {3}0 {5}0 {5}0 {9}Mar {2}1 07:00:00 {3}/);
    const old = await simOn(cluster, ['ls', '-l', '/etc/os-release', '-n', '10.5.0.2'], {
      env: { TZ: 'Asia/Tokyo' },
    });
    expect(old.stdout.split('\n')[1]).toContain(' Jan  1 1970 09:00 ');
  });

  it('filters by type, every character of every -t value naming one', async () => {
    const run = await simOn(cluster, ['ls', '/usr/local/lib', '-t', 'l', '-t', 'f,d', '-n', '10.5.0.2']);
    const fl = await simOn(cluster, ['ls', '/usr/local/lib', '-t', 'lfd', '-n', '10.5.0.2']);
    expect(run.stdout).toBe(fl.stdout);
    const links = await simOn(cluster, ['ls', '/usr/local/lib', '-t', 'L', '-n', '10.5.0.2']);
    expect(links.stdout).toBe('NODE       NAME\n10.5.0.2   libacme.so\n');
  });
});

describe('sim ls, other talosctl releases', () => {
  it('v1.14.0-rc.1: bare names for one node; a table with a header for several (golden)', async () => {
    const one = await simOn(cluster, [
      'ls',
      '/usr/lib/firmware',
      '-r',
      '-n',
      '10.5.0.2',
      '--talosctl-version',
      'v1.14.0-rc.1',
    ]);
    expect(one).toMatchObject({ code: 0, stdout: '.\nacme\nacme/LICENSE\nacme/nic.bin\n', stderr: '' });
    const both = await simOn(cluster, ['ls', '/etc/cri/conf.d', '-l', '--talosctl-version', 'v1.14.0-rc.1']);
    expect([both.code, both.stderr]).toEqual([0, '']);
    expectGolden('cli/node-commands/ls-long-v1.14.txt', both.stdout);
  });

  it('v1.7.7: the long listing has no LABEL column (golden)', async () => {
    const run = await simOn(cluster, ['ls', '-l', '/etc/cri/conf.d', '--talosctl-version', 'v1.7.7']);
    expect([run.code, run.stderr]).toEqual([0, '']);
    expectGolden('cli/node-commands/ls-long-v1.7.txt', run.stdout);
  });
});

describe('sim ls errors', () => {
  // the kernel's module directory exists on the v1.13.9 node only
  const path = '/usr/lib/modules/6.18.44-talos';
  const lstat = `rpc error: code = Unknown desc = lstat ${path}: no such file or directory`;

  it('v1.13: the good node is printed, the error is collected without a node name, exit 1', async () => {
    const run = await simOn(cluster, ['ls', path]);
    expect(run).toMatchObject({
      code: 1,
      stdout: 'NODE       NAME\n10.5.0.2   .\n10.5.0.2   modules.dep\n',
      stderr: `1 error occurred:\n ${lstat}\n`,
    });
    const both = await simOn(cluster, ['ls', '/nope']);
    expect(both).toMatchObject({
      code: 1,
      stdout: 'NODE   NAME\n',
      stderr:
        '2 errors occurred:\n rpc error: code = Unknown desc = lstat /nope: no such file or directory\n rpc error: code = Unknown desc = lstat /nope: no such file or directory\n',
    });
  });

  it('v1.14: `error from node N:` per failed node, nothing on stdout without rows', async () => {
    const run = await simOn(cluster, ['ls', '-l', '/nope', '--talosctl-version', 'v1.14.0-rc.1']);
    expect(run).toMatchObject({
      code: 1,
      stdout: '',
      stderr:
        'error from node 10.5.0.2: rpc error: code = Unknown desc = lstat /nope: no such file or directory\nerror from node 10.5.0.3: rpc error: code = Unknown desc = lstat /nope: no such file or directory\n',
    });
  });

  it('v1.0 to v1.1: each error on stderr as it comes, prefixed with the node, and exit 0', async () => {
    const run = await simOn(cluster, ['ls', path, '-n', '10.5.0.3', '--talosctl-version', 'v1.1.2']);
    expect(run).toEqual(expect.objectContaining({ code: 0, stdout: 'NODE   NAME\n', stderr: `10.5.0.3: ${lstat}\n` }));
  });

  it('v1.0: a listing the type filter empties prints not even the header; later releases print it', async () => {
    const args = ['ls', '/etc/os-release', '-t', 'd', '-n', '10.5.0.2'];
    expect((await simOn(cluster, [...args, '--talosctl-version', 'v1.0.6'])).stdout).toBe('');
    expect((await simOn(cluster, [...args, '--talosctl-version', 'v1.12.11'])).stdout).toBe('NODE   NAME\n');
    expect((await simOn(cluster, [...args, '--talosctl-version', 'v1.14.0-rc.1'])).stdout).toBe('');
  });

  it('refuses bad flags and arguments with talosctl texts (usage after those naming a flag or args)', async () => {
    const both = await simOn(cluster, ['ls', '-r', '-d', '2']);
    expect(both.code).toBe(1);
    expect(both.stderr).toMatch(
      /^only one of flags --recurse and --depth can be specified at the same time\n\nUsage: sim list\|ls /,
    );
    const depth = await simOn(cluster, ['ls', '-d', 'two']);
    expect(depth.stderr).toMatch(
      /^invalid argument "two" for "-d, --depth" flag: strconv.ParseInt: parsing "two": invalid syntax\n\nUsage: /,
    );
    expect((await simOn(cluster, ['ls', '-d', '0x7fffffff0'])).stderr).toContain(': value out of range\n\nUsage: ');
    expect(await simOn(cluster, ['ls', '-t', 'fx'])).toMatchObject({
      code: 1,
      stdout: '',
      stderr: 'invalid file type: x\n',
    });
    expect((await simOn(cluster, ['ls', '/a', '/b'])).stderr).toMatch(
      /^accepts at most 1 arg\(s\), received 2\n\nUsage: /,
    );
  });
});
