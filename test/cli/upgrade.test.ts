// `sim upgrade` as talosctl upgrade answers: machined's ACK table for the nodes that accepted the request, the failure
// of an upgrade after it was accepted (the installer's text, its lines in dmesg), refusals without an ACK, and
// --no-extensions, the stock installer.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { sim } from '../support/run-sim.js';

let home: string | undefined;
afterEach(() => {
  if (home !== undefined) rmSync(home, { recursive: true, force: true });
  home = undefined;
});

/** A kept cluster made from `scenario`, and a runner of sim commands against it (TZ=UTC: the client's zone). */
async function kept(scenario: string) {
  home = mkdtempSync(join(tmpdir(), 'talos-sim-upgrade-'));
  const dir = home;
  const env = { XDG_STATE_HOME: join(dir, 'state'), XDG_CACHE_HOME: join(dir, 'cache'), TZ: 'UTC' };
  writeFileSync(join(dir, 's.yaml'), scenario);
  const cli = (...argv: string[]) => sim(argv, { cwd: dir, env });
  expect((await cli('cluster', 'create', '--scenario', 's.yaml', '--clock', '2025-05-05T05:05:05Z')).code).toBe(0);
  const onCluster = (...argv: string[]) => cli(...argv, '--cluster', 'default');
  return Object.assign(onCluster, { show: () => cli('cluster', 'show') });
}

const ACK = (...nodes: string[]) =>
  `NODE       ACK                        STARTED\n${nodes
    .map((n) => `${n}   Upgrade request received   2025-05-05 05:05:05 +0000 UTC   \n`)
    .join('')}`;

describe('sim upgrade', () => {
  it("prints machined's ACK for every node, as talosctl upgrade --wait=false prints it", async () => {
    const cli = await kept('talos: v1.11.2\nnodes: [10.5.0.2, 10.5.0.3]\n');
    expect(await cli('upgrade', '--extension', 'ghcr.io/siderolabs/gvisor:20250707.0')).toEqual({
      code: 0,
      stdout: ACK('10.5.0.2', '10.5.0.3'),
      stderr: '',
    });
  });

  it('--no-extensions installs the stock installer: the extensions are gone', async () => {
    const cli = await kept('talos: v1.11.2\nnodes: [10.5.0.2]\nextensions: [ghcr.io/siderolabs/gvisor:20250707.0]\n');
    expect((await cli('get', 'extensions', '-o', 'jsonpath={.spec.metadata.name}')).stdout).toBe('gvisor\n');
    expect(await cli('upgrade', '--no-extensions')).toEqual({ code: 0, stdout: ACK('10.5.0.2'), stderr: '' });
    expect((await cli('get', 'extensions')).stdout).toBe('NODE   NAMESPACE   TYPE   ID   VERSION   NAME   VERSION\n');
    expect(await cli('upgrade', '--no-extensions', '--official-extension', 'siderolabs/gvisor')).toEqual({
      code: 1,
      stdout: '',
      stderr: '--no-extensions installs the stock installer: give it without --extension or --official-extension\n',
    });
  });

  it("an upgrade that fails once accepted: the ACK, then the installer's error; its lines stay in dmesg", async () => {
    const cli = await kept(
      'talos: v1.12.0\nnodes:\n  - address: 10.5.0.2\n    config: |\n      version: v1alpha1\n      machine:\n        type: worker\n      ---\n      apiVersion: v1alpha1\n      kind: ExtensionServiceConfig\n      name: x\n      environment: [A=b]\n',
    );
    const error = 'error loading machine configuration: "ExtensionServiceConfig" "v1alpha1": not registered';
    expect(await cli('upgrade', '--talos-version', 'v1.6.0')).toEqual({
      code: 1,
      stdout: ACK('10.5.0.2'),
      stderr: `error on node 10.5.0.2: upgrade failed: ${error}\n`,
    });
    const dmesg = (await cli('dmesg')).stdout.split('\n').slice(-4);
    expect(dmesg).toEqual([
      '10.5.0.2: user: warning: [2025-05-05T05:05:05Z]: [talos] upgrade request received: staged false, force false, reboot mode DEFAULT',
      '10.5.0.2: user: warning: [2025-05-05T05:05:05Z]: 2025/05/05 05:05:05 running Talos installer v1.6.0',
      `10.5.0.2: user: warning: [2025-05-05T05:05:05Z]: ${error}`,
      '',
    ]);
    expect((await cli.show()).stdout).toContain('OPERATIONS   upgrade 10.5.0.2 (failed)\n');
  });

  it('a refusal before machined accepts the request prints no ACK', async () => {
    const cli = await kept('talos: v1.4.8\nnodes: [10.5.0.2]\n');
    expect(await cli('upgrade', '--extension', 'ghcr.io/siderolabs/gvisor:20250707.0')).toEqual({
      code: 1,
      stdout: '',
      stderr:
        'error on node 10.5.0.2: Talos v1.4.8 predates the imager (v1.5.0): install extensions through .machine.install.extensions of the machine config\n',
    });
  });
});
