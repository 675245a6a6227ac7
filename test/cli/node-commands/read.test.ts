// `sim read` (and `sim cat`) as talosctl read prints it: the file's bytes from the node's merged namespace, and
// machined's refusals in the form each talosctl release gives them.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Cluster } from '../../../src/index.js';
import { expectGolden } from '../../support/golden.js';
import { sim } from '../../support/run-sim.js';
import { bootScenario, simOn } from './node-commands-cluster.js';

let cluster: Cluster;

beforeAll(async () => {
  cluster = await bootScenario();
}, 120_000);
afterAll(() => cluster.shutdown());

const one = ['-n', '10.5.0.2'];

describe('sim read', () => {
  it('prints a CRI config part an extension ships, byte for byte (golden)', async () => {
    const run = await simOn(cluster, ['read', '/etc/cri/conf.d/20-acme.part', ...one]);
    expect([run.code, run.stderr]).toEqual([0, '']);
    expectGolden('cli/node-commands/read-part.txt', run.stdout);
  });

  it('reads the upper layer of a file two layers ship, firmware at its bind mount, through symlinks', async () => {
    expect((await simOn(cluster, ['read', '/usr/local/share/acme/motd', ...one])).stdout).toBe('from acme-tools\n');
    expect((await simOn(cluster, ['cat', '/usr/lib/firmware/acme/nic.bin', ...one])).stdout).toBe('ACME-FW-1\n');
    expect((await simOn(cluster, ['cat', '/lib/firmware/acme/nic.bin', ...one])).stdout).toBe('ACME-FW-1\n');
    expect((await simOn(cluster, ['read', '/usr/local/lib/libacme.so', ...one])).stdout).toBe('ELF');
    // machined's working directory is /
    expect((await simOn(cluster, ['read', 'etc/os-release', ...one])).stdout).toContain('VERSION_ID=v1.13.9\n');
  });

  it('passes binary files through unchanged', async () => {
    // the 114-byte TZif file for UTC, with NULs throughout
    const run = await simOn(cluster, ['read', '/etc/localtime', ...one]);
    expect(run.bytes.length).toBe(114);
    expect(run.bytes.subarray(0, 5).toString('latin1')).toBe('TZif2');
    expect(run.bytes.subarray(-6).toString('latin1')).toBe('\nUTC0\n');
    expect(run.bytes.includes(0)).toBe(true);
  });
});

describe('sim read errors', () => {
  it('v1.13: `error reading:` and the status machined returns', async () => {
    const texts = async (path: string) => (await simOn(cluster, ['read', path, ...one])).stderr;
    expect(await texts('/nope')).toBe(
      'error reading: rpc error: code = NotFound desc = stat /nope: no such file or directory\n',
    );
    expect(await texts('/etc')).toBe('error reading: rpc error: code = Unknown desc = path must be a regular file\n');
    expect(await texts('/etc/hosts/x')).toBe(
      'error reading: rpc error: code = Unknown desc = stat /etc/hosts/x: not a directory\n',
    );
    expect((await simOn(cluster, ['read', '/nope', ...one])).code).toBe(1);
  });

  it('machined before v1.8: a missing file is not NotFound but the bare stat error', async () => {
    const run = await sim(['read', '/nope', '--talos', 'v1.7.7']);
    expect(run).toEqual({
      code: 1,
      stdout: '',
      stderr: 'error reading: rpc error: code = Unknown desc = stat /nope: no such file or directory\n',
    });
  });

  it('talosctl v1.2 to v1.5 collect the error; v1.0 and v1.1 print it and succeed', async () => {
    const collected = await simOn(cluster, ['read', '/nope', ...one, '--talosctl-version', 'v1.5.6']);
    expect(collected).toMatchObject({
      code: 1,
      stderr: '1 error occurred:\n rpc error: code = NotFound desc = stat /nope: no such file or directory\n',
    });
    const printed = await simOn(cluster, ['read', '/nope', ...one, '--talosctl-version', 'v1.0.6']);
    expect(printed).toMatchObject({
      code: 0,
      stdout: '',
      stderr: 'rpc error: code = NotFound desc = stat /nope: no such file or directory\n',
    });
  });

  it('refuses several nodes, in the words of the release, with the usage', async () => {
    const v113 = await simOn(cluster, ['read', '/etc/hosts']);
    expect(v113.code).toBe(1);
    expect(v113.stderr).toMatch(/^command "read" is not supported with multiple nodes\n\nUsage: sim read\|cat /);
    const v114 = await simOn(cluster, ['read', '/etc/hosts', '--talosctl-version', 'v1.14.0-rc.1']);
    expect(v114.stderr).toMatch(/^command "read" requires exactly one node \(got 2\)\n\nUsage: /);
  });

  it('takes exactly one path', async () => {
    expect((await simOn(cluster, ['read', ...one])).stderr).toMatch(/^accepts 1 arg\(s\), received 0\n\nUsage: /);
    expect((await simOn(cluster, ['cat', '/a', '/b', ...one])).stderr).toMatch(/^accepts 1 arg\(s\), received 2\n/);
  });
});
