// `sim dmesg` as talosctl dmesg prints it: each node's log ring since its current boot (a reboot starts a new kernel
// with an empty buffer) as user-space kernel records (`user: warning:`),
// init's lines as `[talos] [initramfs]`, machined's std log as `[talos]`, its zap lines with their fields as JSON;
// one record per line of a message, long lines cut as Talos's kmsg writer cuts them; -f follows until the signal.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../../../src/cli/main.js';
import { type Cluster, createCluster } from '../../../src/index.js';
import { expectGolden } from '../../support/golden.js';
import { bootScenario, FIXTURES, simOn } from './node-commands-cluster.js';

let cluster: Cluster;
/** `sim dmesg` of the cluster as set up, before any test appends to a ring: the tests may run in any order. */
let asSetUp: Awaited<ReturnType<typeof simOn>>;

beforeAll(async () => {
  cluster = await bootScenario();
  await cluster.advance('2m');
  // a reboot through the API: 10.5.0.3's buffer starts afresh with the next boot's init lines
  await cluster.node('10.5.0.3').reboot();
  await cluster.advance('1500ms');
  const runtime = cluster.node('10.5.0.2').log.logger({ component: 'controller-runtime' });
  runtime
    .with({ controller: 'runtime.ExtensionStatusController' })
    .log('error', 'controller failed', { error: 'open "/etc/x": \tdenied', attempt: 3, fatal: false });
  cluster.node('10.5.0.2').log.append('warn', 'first line\nsecond line', { component: 'machined' });
  asSetUp = await simOn(cluster, ['dmesg']);
}, 120_000);
afterAll(() => cluster.shutdown());

describe('sim dmesg', () => {
  it("prints both nodes' rings, node by node (golden)", async () => {
    expect([asSetUp.code, asSetUp.stderr]).toEqual([0, '']);
    expectGolden('cli/node-commands/dmesg.txt', asSetUp.stdout);
  });

  it('cuts a line over 976 bytes to 972 and `...`, as Talos writes to /dev/kmsg', async () => {
    const node = cluster.node('10.5.0.2');
    node.log.append('info', 'x'.repeat(2000), { component: 'machined' });
    const run = await simOn(cluster, ['dmesg', '-n', '10.5.0.2']);
    const last = run.bytes.subarray(run.bytes.lastIndexOf('10.5.0.2: user: warning:'));
    const record = last.subarray(last.indexOf(']: ') + 3);
    expect(record.length).toBe(976);
    expect(record.toString()).toBe(`[talos] ${'x'.repeat(964)}...\n`);
  });

  it('prints the time to the nanosecond as RFC3339Nano does, never rounded up', async () => {
    await using own = await createCluster({ clock: '2025-01-01T00:00:00Z', talos: 'v1.10', nodes: ['10.5.0.9'] });
    await own.advance('999.6ms');
    own.node('10.5.0.9').log.append('info', 'late', { component: 'machined' });
    expect((await own.run(['dmesg'])).stdout).toContain(
      '10.5.0.9: user: warning: [2025-01-01T00:00:00.9996Z]: [talos] late\n',
    );
  });

  it('prints the output of a logToConsole service, and of every service under debug: true, as the task wrote it', async () => {
    const service = (name: string, console: boolean) =>
      `name: ${name}\ncontainer: { entrypoint: ./${name} }\nrestart: never\n${console ? 'logToConsole: true\n' : ''}`;
    const scenario = (debug: boolean) => ({
      clock: '2025-01-01T00:00:00Z',
      images: [
        {
          ref: 'example.com/talk:1.0',
          inline: {
            manifest: {
              version: 'v1alpha1',
              metadata: {
                name: 'talk',
                version: '1.0',
                author: 'Me',
                description: 'x',
                compatibility: { talos: { version: '>= v1.0.0' } },
              },
            },
            files: {
              '/usr/local/etc/containers/loud.yaml': service('loud', true),
              '/usr/local/etc/containers/quiet.yaml': service('quiet', false),
              '/usr/local/lib/containers/loud/loud': { content: '', mode: '0755' },
              '/usr/local/lib/containers/quiet/quiet': { content: '', mode: '0755' },
            },
          },
        },
      ],
      nodes: [
        {
          address: '10.5.0.9',
          talos: 'v1.13.9',
          extensions: ['example.com/talk:1.0'],
          config: `version: v1alpha1\nmachine: { type: worker }\n${debug ? 'debug: true\n' : ''}`,
        },
      ],
      services: { loud: { logs: ['loud says hi'] }, quiet: { logs: ['quiet says hi'] } },
    });
    const consoleLines = async (debug: boolean) => {
      await using own = await createCluster(scenario(debug) as never);
      await own.advance('5s');
      return (await own.run(['dmesg'])).stdout.split('\n').filter((l) => / says hi$/.test(l));
    };
    expect(await consoleLines(false)).toEqual(['10.5.0.9: user: warning: [2025-01-01T00:00:00Z]: loud says hi']);
    expect((await consoleLines(true)).map((l) => l.replace(/^.*\]: /, ''))).toEqual(['loud says hi', 'quiet says hi']);
  });

  it('--tail without -f prints nothing, as the reader starts at the end', async () => {
    expect(await simOn(cluster, ['dmesg', '--tail'])).toMatchObject({ code: 0, stdout: '', stderr: '' });
  });

  it('takes no arguments', async () => {
    expect((await simOn(cluster, ['dmesg', 'now'])).stderr).toMatch(
      /^unknown command "now" for "sim dmesg"\n\nUsage: /,
    );
  });
});

describe('sim dmesg -f', () => {
  /** Runs `sim dmesg -f …` until `stop` says the output is complete, then interrupts it as Ctrl-C does. */
  async function follow(args: string[], act: (output: () => string) => Promise<void>) {
    const interrupt = new AbortController();
    let stdout = '';
    let stderr = '';
    const code = runCli(['dmesg', '-f', ...args], {
      io: {
        stdout: (chunk) => {
          stdout += Buffer.from(chunk).toString();
        },
        stderr: (chunk) => {
          stderr += chunk;
        },
      },
      cwd: FIXTURES,
      env: {},
      cluster,
      signal: interrupt.signal,
    });
    await act(() => stdout);
    interrupt.abort();
    return { code: await code, stdout, stderr };
  }

  /** Waits for the command to have printed the ring (it then follows): a few turns of the event loop. */
  async function printed(output: () => string, text: string): Promise<void> {
    for (let turn = 0; turn < 500 && !output().includes(text); turn++) await new Promise((r) => setTimeout(r, 5));
    expect(output()).toContain(text);
  }

  it('prints the ring, then what the nodes log, until interrupted (exit 0)', async () => {
    const node = cluster.node('10.5.0.3');
    const run = await follow(['-n', '10.5.0.3'], async (output) => {
      await printed(output, 'enabling system extension acme-firmware 1.0');
      await cluster.advance('1s');
      node.log.append('info', 'apply config request: mode auto(no_reboot)', { component: 'machined' });
    });
    expect([run.code, run.stderr]).toEqual([0, '']);
    const lines = run.stdout.trimEnd().split('\n');
    expect(lines.at(-1)).toBe(
      '10.5.0.3: user: warning: [2025-03-01T12:02:02.5Z]: [talos] apply config request: mode auto(no_reboot)',
    );
    expect(lines.length).toBe((await simOn(cluster, ['dmesg', '-n', '10.5.0.3'])).stdout.split('\n').length - 1);
  });

  it('--tail follows only what comes next, from every node', async () => {
    const run = await follow(['--tail'], async (output) => {
      // nothing to wait for: the ring is skipped, so log until the follower shows it
      for (let turn = 0; turn < 500 && output() === ''; turn++) {
        cluster.node('10.5.0.2').log.append('info', `tick ${turn}`, { component: 'machined' });
        await new Promise((r) => setTimeout(r, 5));
      }
      cluster.node('10.5.0.3').log.append('info', 'last', { component: 'machined' });
    });
    expect(run.code).toBe(0);
    const lines = run.stdout.trimEnd().split('\n');
    expect(lines.at(-1)).toMatch(/^10\.5\.0\.3: user: warning: \[[^\]]+\]: \[talos\] last$/);
    expect(lines.slice(0, -1).every((l) => /^10\.5\.0\.2: .*\]: \[talos\] tick \d+$/.test(l))).toBe(true);
    expect(run.stdout).not.toContain('[initramfs]');
  });
});
