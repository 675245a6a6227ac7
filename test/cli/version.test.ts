// `sim version`: talosctl version's layout, the client section the talosctl release played, a Server section per node.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { expectGolden } from '../support/golden.js';
import { sim } from '../support/run-sim.js';

describe('sim version', () => {
  it('prints the client and every node, with each release build (golden)', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'talos-sim-version-'));
    writeFileSync(
      join(dir, 's.yaml'),
      'nodes:\n  - { address: 10.5.0.2, talos: v1.12.11 }\n  - { address: 10.5.0.3, talos: v1.13.9 }\n  - address: 10.5.0.4\n    talos: v1.9.6\n    config: "version: v1alpha1\\nmachine:\\n  features:\\n    rbac: false\\n"\n',
    );
    const run = await sim(['version', '--scenario', 's.yaml'], { cwd: dir });
    expect([run.code, run.stderr]).toEqual([0, '']);
    // the client is the newest release among the nodes; its OS/Arch is the machine sim runs on
    expect(run.stdout.split('\n').slice(0, 6).join('\n')).toMatch(
      /^Client:\n\tTag: {9}v1\.13\.9\n\tSHA: {9}3ebd10a7\n\tBuilt: {7}\n\tGo version: {2}go1\.26\.6\n\tOS\/Arch: {5}\w+\/\w+$/,
    );
    expectGolden('cli/version-servers.txt', run.stdout.split('\n').slice(6).join('\n'));
  });

  it('--short and --client print the client alone; --talosctl-version picks another talosctl', async () => {
    expect(await sim(['version', '--short', '--client'])).toEqual({
      code: 0,
      stdout: 'Client:\nTalos v1.11.2\n',
      stderr: '',
    });
    expect((await sim(['version', '--short', '--client', '--talosctl-version', 'v1.14.0-rc.1'])).stdout).toBe(
      'Client:\nTalos v1.14.0-rc.1\n',
    );
  });
});
