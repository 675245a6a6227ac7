// `sim services`, `sim service <id>` and `sim service <id> start|stop|restart` as talosctl prints them: a one-shot
// command boots the scenario and lets virtual time run until it is quiet (ages count from there); actions answer
// with machined's NODE/RESPONSE table or its errors as the talosctl release sim plays reports them.
import { describe, expect, it } from 'vitest';
import { expectGolden } from '../../support/golden.js';
import { sim } from '../../support/run-sim.js';
import { bootServicesScenario, SERVICES_FIXTURES, simOneShot } from './services-cluster.js';

describe('sim services', () => {
  it('lists every service of every node, settled in virtual time (golden)', async () => {
    const run = await simOneShot(['services']);
    expect([run.code, run.stderr]).toEqual([0, '']);
    expectGolden('cli/services/services.txt', run.stdout);
    // `service` without an id is the same view; -n selects nodes
    const one = await simOneShot(['service', '-n', '10.5.0.3']);
    // (the columns of 10.5.0.2's rows are no wider than 10.5.0.3's)
    expect(one.stdout).toBe(
      run.stdout
        .split('\n')
        .filter((l) => !l.startsWith('10.5.0.2'))
        .join('\n'),
    );
  });

  it('refuses a third argument as cobra.MaximumNArgs(2) does, with the usage', async () => {
    const run = await simOneShot(['service', 'a', 'start', 'now']);
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/^accepts at most 2 arg\(s\), received 3\n\nUsage: sim service/);
  });

  it('names an unknown action as talosctl does', async () => {
    expect(await simOneShot(['service', 'ext-hello-world', 'reload'])).toEqual({
      code: 1,
      stdout: '',
      stderr: 'unsupported service action: "reload"\n',
    });
  });
});

describe('sim service <id>', () => {
  it("prints one service's events newest first on every node that has it (golden)", async () => {
    const run = await simOneShot(['service', 'ext-hello-world']);
    expect([run.code, run.stderr]).toEqual([0, '']);
    expectGolden('cli/services/service-hello-world.txt', run.stdout);
  });

  it('shows a service waiting for its ExtensionServiceConfig (golden)', async () => {
    const run = await simOneShot(['service', 'ext-tailscale', 'status']);
    expect([run.code, run.stderr]).toEqual([0, '']);
    expectGolden('cli/services/service-tailscale.txt', run.stdout);
  });

  it('says no node has an unknown service, exit 1', async () => {
    expect(await simOneShot(['service', 'ext-nope'])).toEqual({
      code: 1,
      stdout: '',
      stderr: 'service "ext-nope" is not registered on any nodes\n',
    });
  });
});

describe('sim service <id> start|stop|restart', () => {
  it("answers with machined's responses per node (golden)", async () => {
    const run = await simOneShot(['service', 'ext-hello-world', 'restart']);
    expect([run.code, run.stderr]).toEqual([0, '']);
    expectGolden('cli/services/service-restart.txt', run.stdout);
  });

  it('talosctl before v1.14.0-alpha.2: one failing node is a WARNING, all failing is `error starting service`', async () => {
    const partial = await simOneShot(['service', 'ext-nut-client', 'stop']);
    expect(partial).toEqual({
      code: 0,
      stdout: 'NODE       RESPONSE\n10.5.0.2   Service "ext-nut-client" stopped\n',
      stderr:
        'WARNING: 1 error occurred:\n\t* 10.5.0.3: rpc error: code = Unknown desc = service "ext-nut-client" not defined\n\n\n',
    });
    // QUIRK: stop and restart say "starting" too
    expect(await simOneShot(['service', 'machined', 'restart'])).toEqual({
      code: 1,
      stdout: '',
      stderr:
        'error starting service: 2 errors occurred:\n' +
        '\t* 10.5.0.2: rpc error: code = Unknown desc = service "machined" doesn\'t support restart operation via API\n' +
        '\t* 10.5.0.3: rpc error: code = Unknown desc = service "machined" doesn\'t support restart operation via API\n\n\n',
    });
  });

  it('talosctl v1.14.0-alpha.2+: the table of the nodes that answered, then one error line per failing node', async () => {
    const run = await simOneShot(['service', 'ext-nut-client', 'stop', '--talosctl-version', 'v1.14.0-alpha.2']);
    expect(run).toEqual({
      code: 1,
      stdout: 'NODE       RESPONSE\n10.5.0.2   Service "ext-nut-client" stopped\n',
      stderr: 'error from node 10.5.0.3: rpc error: code = Unknown desc = service "ext-nut-client" not defined\n',
    });
  });

  it('changes a running cluster: the stop shows in the events, a second stop is a no-op', async () => {
    await using cluster = await bootServicesScenario();
    await cluster.advance('1m');
    const stop = await cluster.run(['service', 'ext-hello-world', 'stop', '-n', '10.5.0.2']);
    expect(stop).toEqual({
      exitCode: 0,
      stdout: 'NODE       RESPONSE\n10.5.0.2   Service "ext-hello-world" stopped\n',
      stderr: '',
    });
    expect((await cluster.run(['service', 'ext-hello-world', 'stop', '-n', '10.5.0.2'])).exitCode).toBe(0);
    await cluster.advance('1m3s');
    const info = await cluster.run(['service', 'ext-hello-world', '-n', '10.5.0.2']);
    expect(info.stdout.split('\n').slice(0, 6)).toEqual([
      'NODE     10.5.0.2',
      'ID       ext-hello-world',
      'STATE    Finished',
      'HEALTH   ?',
      'EVENTS   [Finished]: Service finished successfully (1m3s ago)',
      '         [Stopping]: Sending SIGTERM to task ext-hello-world (PID 1000, container ext-hello-world) (1m3s ago)',
    ]);
    const list = await cluster.run(['services', '-n', '10.5.0.2']);
    expect(list.stdout).toContain(
      '10.5.0.2   ext-hello-world   Finished   ?        1m3s ago      Service finished successfully\n',
    );
  });
});

describe('a kept cluster', () => {
  it('records a service action in its journal, so later commands see it', async () => {
    const { mkdtempSync, rmSync } = await import('node:fs');
    const { tmpdir } = await import('node:os');
    const { join } = await import('node:path');
    const home = mkdtempSync(join(tmpdir(), 'talos-sim-svc-'));
    try {
      const env = { XDG_STATE_HOME: join(home, 'state'), XDG_CACHE_HOME: join(home, 'cache') };
      const cli = (...argv: string[]) => sim(argv, { cwd: SERVICES_FIXTURES, env });
      expect((await cli('cluster', 'create', '--name', 'svc', '--scenario', 'scenario.yaml')).code).toBe(0);
      expect(await cli('service', 'ext-hello-world', 'stop', '--cluster', 'svc', '-n', '10.5.0.3')).toEqual({
        code: 0,
        stdout: 'NODE       RESPONSE\n10.5.0.3   Service "ext-hello-world" stopped\n',
        stderr: '',
      });
      const states = (await cli('services', '--cluster', 'svc')).stdout
        .split('\n')
        .filter((l) => l.includes('ext-hello-world'))
        .map((l) => l.split(/ {3,}/).slice(0, 3).join(' '));
      expect(states).toEqual(['10.5.0.2 ext-hello-world Running', '10.5.0.3 ext-hello-world Finished']);
    } finally {
      rmSync(home, { recursive: true, force: true });
    }
  }, 60_000);
});
