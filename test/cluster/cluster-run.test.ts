// cluster.run: any sim command in-process against a running cluster, printing what the executable prints.
import { getEventListeners } from 'node:events';
import { describe, expect, it } from 'vitest';
import { createCluster } from '../../src/index.js';
import { sim } from '../support/run-sim.js';

describe('cluster.run', () => {
  it('prints what sim prints for the same scenario, and leaves the cluster running', async () => {
    const scenario = 'talos: v1.11.2\nofficialExtensions: [siderolabs/gvisor, siderolabs/drbd]\n';
    await using cluster = await createCluster(scenario);
    const run = await cluster.run(['get', 'extensions', '-o', 'yaml']);
    const { code, stdout, stderr } = await sim(['get', 'extensions', '-o', 'yaml']);
    expect(run).toEqual({ exitCode: code, stdout, stderr });
    expect(cluster.nodes[0]?.phase).toBe('running');
  });

  it('sees what happened to the cluster since it booted', async () => {
    await using cluster = await createCluster({ nodes: ['10.5.0.2', '10.5.0.3'], talos: 'v1.10' });
    await cluster.node('10.5.0.3').applyConfig('version: v1alpha1\nmachine:\n  type: worker\n');
    const run = await cluster.run(['get', 'machineconfig', '-o', 'jsonpath={.metadata.id}']);
    expect(run).toEqual({ exitCode: 0, stdout: 'v1alpha1\n', stderr: '' });
    expect((await cluster.run(['get', 'ns', 'runtime', '-n', '10.5.0.3'])).stdout).toBe(
      'NODE       NAMESPACE   TYPE        ID        VERSION\n10.5.0.3   meta        Namespace   runtime   1\n',
    );
    expect(await cluster.run(['get', 'ns', '--talos', 'v1.11'])).toEqual({
      exitCode: 1,
      stdout: '',
      stderr: '--scenario and --talos select a cluster to boot: this command runs against a running one\n',
    });
  });

  it('ends a watch when its node goes down, as talosctl does when the stream breaks', async () => {
    await using cluster = await createCluster({ nodes: ['10.5.0.2', '10.5.0.3'], talos: 'v1.10' });
    /** Runs a watch and resolves once it has printed `rows` resources: it is subscribed from then on. */
    const watching = (argv: string[], rows: number, signal?: AbortSignal) => {
      let printed = 0;
      let started: () => void = () => {};
      const shown = new Promise<void>((resolve) => {
        started = resolve;
      });
      const run = cluster.run(argv, {
        ...(signal === undefined ? {} : { signal }),
        onStdout: (text) => {
          printed += text.split('\n').filter((line) => line.startsWith('node: ')).length;
          if (printed >= rows) started();
        },
      });
      return { run, shown };
    };
    const rebooted = watching(['get', 'ns', 'runtime', '-w', '-o', 'yaml', '-n', '10.5.0.2,10.5.0.3'], 2);
    await rebooted.shown;
    await cluster.node('10.5.0.3').reboot();
    const result = await rebooted.run;
    expect([result.exitCode, result.stderr]).toEqual([1, 'error watching resource: node 10.5.0.3 shut down\n']);
    expect(result.stdout.match(/^node: .*$/gm)).toEqual(['node: 10.5.0.2', 'node: 10.5.0.3']);
    // a watch that ended on its own leaves nothing on the caller's signal
    const interrupt = new AbortController();
    const ended = watching(['get', 'ns', 'runtime', '-w', '-o', 'yaml', '-n', '10.5.0.2'], 1, interrupt.signal);
    await ended.shown;
    expect(getEventListeners(interrupt.signal, 'abort')).toHaveLength(1);
    await cluster.node('10.5.0.2').reboot();
    expect((await ended.run).exitCode).toBe(1);
    expect(getEventListeners(interrupt.signal, 'abort')).toEqual([]);
    const shutDown = watching(['get', 'ns', 'runtime', '-w', '-o', 'yaml'], 2);
    await shutDown.shown;
    await cluster.shutdown();
    expect((await shutDown.run).stderr).toBe('error watching resource: node 10.5.0.3 shut down\n');
  });

  it('ends logs -f and dmesg -f when their node goes down, as their streams break', async () => {
    await using cluster = await createCluster({ nodes: ['10.5.0.2'], talos: 'v1.10' });
    // a command follows once it listens to its signal (machined's log has no lines to show it)
    const signals = [new AbortController(), new AbortController()];
    const following = [
      ['logs', '-f', 'machined'],
      ['dmesg', '-f'],
    ].map((argv, i) => cluster.run(argv, { signal: (signals[i] as AbortController).signal }));
    // (the first run loads the CLI's modules: wait in real time, bounded by the test's timeout)
    while (signals.some((c) => getEventListeners(c.signal, 'abort').length === 0)) {
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
    await cluster.node('10.5.0.2').reboot();
    const [logged, dmesg] = await Promise.all(following);
    expect([logged?.exitCode, logged?.stderr]).toEqual([1, 'error fetching logs: node 10.5.0.2 shut down\n']);
    expect([dmesg?.exitCode, dmesg?.stderr]).toEqual([1, 'error getting dmesg: node 10.5.0.2 shut down\n']);
    expect(dmesg?.stdout).toContain('reboot via API received');
  });

  it('refuses node operations and service calls on a node that is shut down, naming the node once', async () => {
    await using cluster = await createCluster({ nodes: ['10.5.0.2'], talos: 'v1.13' });
    await cluster.shutdown();
    expect(await cluster.run(['service', 'apid', 'restart'])).toEqual({
      exitCode: 1,
      stdout: '',
      stderr: 'error on node 10.5.0.2: cannot service restart while the node is stopped\n',
    });
    expect((await cluster.run(['reboot'])).stderr).toBe(
      'error on node 10.5.0.2: cannot reboot while the node is stopped\n',
    );
  });

  it('refuses the commands that work on clusters of their own: a scenario running itself, kept clusters', async () => {
    await using cluster = await createCluster({ nodes: ['10.5.0.2'], talos: 'v1.10' });
    for (const [argv, command] of [
      [['scenario', 'run', 'self.yaml'], 'sim scenario run'],
      [['cluster', 'create', '--name', 'from-a-step'], 'sim cluster create'],
      [['cluster', 'show'], 'sim cluster show'],
      [['cluster', 'destroy', '--name', 'default'], 'sim cluster destroy'],
    ] as const) {
      expect(await cluster.run(argv)).toEqual({
        exitCode: 1,
        stdout: '',
        stderr: `${command} works on clusters of its own: it does not run against a running one\n`,
      });
    }
  });
});
