// `sim logs <id>` as talosctl logs prints a system service's log: `<node>: <line>` for every node that has it,
// `--tail N` keeps the last N lines, `-f` follows until the signal; a log machined never opened is an error whose
// report depends on the talosctl release sim plays.
import { getEventListeners } from 'node:events';
import { describe, expect, it } from 'vitest';
import { expectGolden } from '../../support/golden.js';
import { bootServicesScenario, simOneShot } from './services-cluster.js';

describe('sim logs', () => {
  it("prints the service's lines prefixed with each node (golden)", async () => {
    const run = await simOneShot(['logs', 'ext-hello-world']);
    expect([run.code, run.stderr]).toEqual([0, '']);
    expectGolden('cli/services/logs-hello-world.txt', run.stdout);
  });

  it('--tail keeps the last lines; a bad number is a pflag error with the usage', async () => {
    await using cluster = await bootServicesScenario();
    cluster.node('10.5.0.2').services.register('./hello-world', async (ctx) => {
      for (let i = 1; i <= 5; i++) ctx.log(`line ${i}`);
      await ctx.clock.sleep(600_000, ctx.signal).catch(() => {});
      return 0;
    });
    await cluster.run(['service', 'ext-hello-world', 'restart', '-n', '10.5.0.2']);
    const tail = await cluster.run(['logs', 'ext-hello-world', '-n', '10.5.0.2', '--tail', '2']);
    expect(tail).toEqual({ exitCode: 0, stdout: '10.5.0.2: line 4\n10.5.0.2: line 5\n', stderr: '' });
    expect((await cluster.run(['logs', 'ext-hello-world', '-n', '10.5.0.2', '--tail', '0'])).stdout).toBe('');
    const bad = await cluster.run(['logs', 'ext-hello-world', '--tail', 'x']);
    expect(bad.exitCode).toBe(1);
    expect(bad.stderr).toMatch(
      /^invalid argument "x" for "--tail" flag: strconv.ParseInt: parsing "x": invalid syntax\n\nUsage: sim logs/,
    );
  });

  it('a log never opened: ERROR lines before v1.14.0-alpha.2 (exit 0 before v1.2), error lines after', async () => {
    const error = 'rpc error: code = Unknown desc = log "ext-tailscale" was not registered';
    expect(await simOneShot(['logs', 'ext-tailscale', '-n', '10.5.0.2'])).toEqual({
      code: 1,
      stdout: '',
      stderr: `ERROR: ${error}\n`,
    });
    expect(await simOneShot(['logs', 'ext-tailscale', '-n', '10.5.0.2', '--talosctl-version', 'v1.1.0'])).toEqual({
      code: 0,
      stdout: '',
      stderr: `ERROR: ${error}\n`,
    });
    const multiplex = await simOneShot(['logs', 'ext-nut-client', '--talosctl-version', 'v1.14.0-rc.1']);
    expect(multiplex).toEqual({
      code: 1,
      stdout: '10.5.0.2: /sbin/upsmon -F: started (simulated; no program is registered for this entrypoint)\n',
      stderr: 'error from node 10.5.0.3: rpc error: code = Unknown desc = log "ext-nut-client" was not registered\n',
    });
  });

  it('takes exactly one argument, as cobra.ExactArgs(1)', async () => {
    const run = await simOneShot(['logs']);
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/^accepts 1 arg\(s\), received 0\n\nUsage: sim logs/);
  });

  it('-f prints what is kept, then lines as the service writes them, until the signal', async () => {
    await using cluster = await bootServicesScenario();
    cluster.node('10.5.0.3').services.register('./hello-world', async (ctx) => {
      for (let i = 1; ; i++) {
        ctx.log(`tick ${i}`);
        try {
          await ctx.clock.sleep(1000, ctx.signal);
        } catch {
          return 0;
        }
      }
    });
    await cluster.run(['service', 'ext-hello-world', 'restart', '-n', '10.5.0.3']);
    await cluster.advance('2s');
    const interrupt = new AbortController();
    const following = cluster.run(['logs', '-f', 'ext-hello-world', '-n', '10.5.0.3', '--tail', '1'], {
      signal: interrupt.signal,
    });
    // it follows once it listens to its signal (its module may still be loading: wait in real time)
    while (getEventListeners(interrupt.signal, 'abort').length === 0) {
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
    await cluster.advance('2s');
    interrupt.abort();
    expect(await following).toEqual({
      exitCode: 0,
      stdout: '10.5.0.3: tick 3\n10.5.0.3: tick 4\n10.5.0.3: tick 5\n',
      stderr: '',
    });
  });

  it('-f ends by itself when no log can be followed: a node shut down, or a log never opened', async () => {
    await using cluster = await bootServicesScenario();
    const node = cluster.node('10.5.0.3');
    expect(await cluster.run(['logs', '-f', 'ext-nosuch', '-n', '10.5.0.3'])).toEqual({
      exitCode: 1,
      stdout: '',
      stderr: 'ERROR: rpc error: code = Unknown desc = log "ext-nosuch" was not registered\n',
    });
    await node.shutdown();
    // a log nobody had opened before the shutdown completes at once, as the others do
    let completed = false;
    node.services.follow('machined').subscribe({ complete: () => (completed = true) });
    expect(completed).toBe(true);
    expect(await cluster.run(['logs', '-f', 'machined', '-n', '10.5.0.3'])).toEqual({
      exitCode: 1,
      stdout: '',
      stderr: 'error fetching logs: node 10.5.0.3 shut down\n',
    });
  });
});
