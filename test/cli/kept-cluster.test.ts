// Clusters kept between commands: created from a scenario, changed by reboot, upgrade and apply-config, read by get
// and show, destroyed; the state is a journal replayed by every command, safe under concurrent commands.
import { execFile, spawn } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { beforeAll, describe, expect, inject, it } from 'vitest';
import { acquireLock } from '../../src/cluster/state-lock.js';
import { followUntil } from '../support/follow-process.js';
import { sim } from '../support/run-sim.js';

const run = promisify(execFile);
const repo = fileURLToPath(new URL('../..', import.meta.url));

function environment() {
  const home = mkdtempSync(join(tmpdir(), 'talos-sim-kept-'));
  return { home, env: { XDG_STATE_HOME: join(home, 'state'), XDG_CACHE_HOME: join(home, 'cache') } };
}

describe('sim cluster', () => {
  it('counts the nodes of a fleet it creates instead of listing them on one line; show lists them', async () => {
    const { home, env } = environment();
    // one node past the most that create names on its line
    const addresses = Array.from({ length: 17 }, (_, i) => `10.5.0.${i + 2}`);
    writeFileSync(join(home, 's.yaml'), `talos: v1.11.2\nnodes: [${addresses.join(', ')}]\n`);
    const cli = (...argv: string[]) => sim(argv, { cwd: home, env });
    expect(await cli('cluster', 'create', '--scenario', 's.yaml')).toEqual({
      code: 0,
      stdout: 'created cluster "default" from s.yaml: 17 nodes (10.5.0.2 (v1.11.2), …)\n',
      stderr: '',
    });
    expect((await cli('cluster', 'show')).stdout).toContain('10.5.0.18');
  });

  it('keeps a cluster between commands: operations last, time is pinned when asked', async () => {
    const { home, env } = environment();
    writeFileSync(join(home, 's.yaml'), 'talos: v1.11.2\nnodes: [10.5.0.2, 10.5.0.3]\n');
    writeFileSync(join(home, 'worker.yaml'), 'version: v1alpha1\nmachine:\n  type: worker\n');
    const cli = (...argv: string[]) => sim(argv, { cwd: home, env });
    expect(
      await cli('cluster', 'create', '--name', 'lab', '--scenario', 's.yaml', '--clock', '2025-05-05T05:05:05Z'),
    ).toEqual({
      code: 0,
      stdout: 'created cluster "lab" from s.yaml: 10.5.0.2 (v1.11.2), 10.5.0.3 (v1.11.2)\n',
      stderr: '',
    });
    expect((await cli('cluster', 'create', '--name', 'lab')).stderr).toBe(
      'cluster "lab" already exists (destroy it with: sim cluster destroy --name lab)\n',
    );
    expect((await cli('apply-config', '--cluster', 'lab', '-n', '10.5.0.3', '-f', 'worker.yaml')).code).toBe(0);
    expect(
      (
        await cli(
          'upgrade',
          '--cluster',
          'lab',
          '-n',
          '10.5.0.2',
          '--extension',
          'ghcr.io/siderolabs/gvisor:20250707.0',
        )
      ).code,
    ).toBe(0);
    const get = (path: string) =>
      cli('get', 'extensions', '--cluster', 'lab', '-n', '10.5.0.2', '-o', `jsonpath=${path}`);
    expect((await get('{.spec.metadata.name}')).stdout).toBe('gvisor\n');
    // the upgrade happened wall seconds after create, but the clock is pinned: no virtual time passed
    expect((await get('{.metadata.created}')).stdout).toBe('"2025-05-05T05:05:05Z"\n');
    expect((await cli('get', 'mc', '--cluster', 'lab', '-o', 'jsonpath={.metadata.version}')).stdout).toBe('1\n');
    // env SIM_CLUSTER selects it too; the pinned clock makes runs repeat exactly
    const viaEnv = await sim(['get', 'extensions', '-o', 'yaml'], { cwd: home, env: { ...env, SIM_CLUSTER: 'lab' } });
    expect(await sim(['get', 'extensions', '-o', 'yaml'], { cwd: home, env: { ...env, SIM_CLUSTER: 'lab' } })).toEqual(
      viaEnv,
    );
    const show = await cli('cluster', 'show', '--name', 'lab');
    expect(show.stdout).toContain('CLOCK        pinned at 2025-05-05T05:05:05Z\n');
    expect(show.stdout).toContain('OPERATIONS   apply-config 10.5.0.3, upgrade 10.5.0.2\n');
    expect(show.stdout).toContain(
      '\nNODE       TALOS     PHASE     EXTENSIONS\n10.5.0.2   v1.11.2   running   gvisor\n10.5.0.3   v1.11.2   running   -\n',
    );
    expect(await cli('cluster', 'destroy', '--name', 'lab')).toEqual({
      code: 0,
      stdout: 'destroyed cluster "lab"\n',
      stderr: '',
    });
    expect((await cli('get', 'extensions', '--cluster', 'lab')).stderr).toBe(
      'cluster "lab" does not exist (create it with: sim cluster create --name lab)\n',
    );
    rmSync(home, { recursive: true, force: true });
  });

  it('refuses bad names, failed operations change nothing, and a broken scenario is never kept', async () => {
    const { home, env } = environment();
    const cli = (...argv: string[]) => sim(argv, { cwd: home, env });
    expect((await cli('cluster', 'create', '--name', '../x')).stderr).toBe(
      `invalid cluster name "../x": use up to 63 letters, digits, '-', '_' and '.' (not starting with '.')\n`,
    );
    writeFileSync(join(home, 'bad.yaml'), 'talos: v9.9.9\n');
    expect((await cli('cluster', 'create', '--scenario', 'bad.yaml')).stderr).toBe(
      'bad.yaml:1: talos: unknown Talos version "v9.9.9"\n',
    );
    expect((await cli('cluster', 'show')).stderr).toBe(
      'cluster "default" does not exist (create it with: sim cluster create --name default)\n',
    );
    expect((await cli('cluster', 'create', '--talos', 'v1.10')).stdout).toBe(
      'created cluster "default" from --talos v1.10: 172.20.0.2 (v1.10.9)\n',
    );
    const failed = await cli('upgrade', '--cluster', 'default', '--extension', 'example.com/missing:1.0');
    expect(failed.code).toBe(1);
    expect(failed.stderr).toMatch(/^error on node 172\.20\.0\.2: /);
    const state = JSON.parse(readFileSync(join(env.XDG_STATE_HOME, 'talos-sim/clusters/default/cluster.json'), 'utf8'));
    expect(state.journal).toEqual([]);
    rmSync(home, { recursive: true, force: true });
  });

  it('says what is wrong with a state edited by hand, and destroys it still', async () => {
    const { home, env } = environment();
    const cli = (...argv: string[]) => sim(argv, { cwd: home, env });
    const file = join(env.XDG_STATE_HOME, 'talos-sim/clusters/default/cluster.json');
    for (const [edit, reason] of [
      [() => '{', 'cluster.json is not valid JSON'],
      [(s: Record<string, unknown>) => ({ ...s, scenario: null }), 'scenario: expected text, baseDir and file'],
      [
        (s: Record<string, unknown>) => ({ ...s, clock: null }),
        'clock: expected start (a time in ms) and follow (true or false)',
      ],
      [
        (s: Record<string, unknown>) => ({ ...s, journal: [{ at: 'x', operation: { kind: 'explode' } }] }),
        'journal[0]: expected at (a time in ms), an operation and perhaps failed: true',
      ],
      [
        (s: Record<string, unknown>) => ({ ...s, journal: [{ at: 0, operation: { kind: 'explode', node: 'a' } }] }),
        'journal[0].operation: expected a node and a kind of upgrade, reboot, apply-config, service, hold',
      ],
      [
        (s: Record<string, unknown>) => ({
          ...s,
          journal: [{ at: 0, operation: { kind: 'service', node: 'a', id: 'x' } }],
        }),
        'journal[0].operation: unexpected fields for service',
      ],
    ] as const) {
      expect((await cli('cluster', 'create', '--talos', 'v1.10')).code).toBe(0);
      const state = JSON.parse(readFileSync(file, 'utf8'));
      const edited = (edit as (s: Record<string, unknown>) => unknown)(state);
      writeFileSync(file, typeof edited === 'string' ? edited : JSON.stringify(edited));
      expect(await cli('get', 'extensions', '--cluster', 'default')).toEqual({
        code: 1,
        stdout: '',
        stderr: `the state of cluster "default" cannot be read: ${reason}\n`,
      });
      expect((await cli('cluster', 'destroy')).stdout).toBe('destroyed cluster "default"\n');
    }
    rmSync(home, { recursive: true, force: true });
  });

  it('keeps what a command did on the nodes where it succeeded, when it failed on another', async () => {
    const { home, env } = environment();
    writeFileSync(
      join(home, 's.yaml'),
      'nodes:\n  - { address: 10.5.0.2, talos: v1.11.2 }\n  - { address: 10.5.0.3, talos: v1.4.0 }\n',
    );
    const cli = (...argv: string[]) => sim(argv, { cwd: home, env });
    expect((await cli('cluster', 'create', '--scenario', 's.yaml', '--clock', '2025-05-05T05:05:05Z')).code).toBe(0);
    const upgrade = await cli('upgrade', '--cluster', 'default', '--extension', 'ghcr.io/siderolabs/gvisor:20250707.0');
    expect([upgrade.code, upgrade.stderr]).toEqual([
      1,
      'WARNING: 10.5.0.3: server version 1.4.0 is older than client version 1.11.2\n' +
        'error on node 10.5.0.3: Talos v1.4.0 predates the imager (v1.5.0): install extensions through .machine.install.extensions of the machine config\n',
    ]);
    expect((await cli('cluster', 'show')).stdout).toContain('OPERATIONS   upgrade 10.5.0.2\n');
    expect(
      (await cli('get', 'extensions', '--cluster', 'default', '-n', '10.5.0.2', '-o', 'jsonpath={.spec.metadata.name}'))
        .stdout,
    ).toBe('gvisor\n');
    rmSync(home, { recursive: true, force: true });
  });
});

describe('sim upgrade --extension', () => {
  it('installs the image a reference names, not a directory of that name next to the scenario', async () => {
    const { home, env } = environment();
    const scenarioDir = join(home, 'scenario');
    const workDir = join(home, 'work');
    mkdirSync(workDir, { recursive: true });
    mkdirSync(scenarioDir, { recursive: true });
    writeFileSync(join(scenarioDir, 's.yaml'), 'talos: v1.11.2\nnodes: [10.5.0.2]\n');
    const reference = 'ghcr.io/siderolabs/gvisor:20250707.0';
    cpSync(join(repo, 'scenarios', 'extensions', 'hello-world-service'), join(scenarioDir, reference), {
      recursive: true,
    });
    const cli = (...argv: string[]) => sim(argv, { cwd: workDir, env });
    expect((await cli('cluster', 'create', '--scenario', join(scenarioDir, 's.yaml'))).code).toBe(0);
    expect((await cli('upgrade', '--cluster', 'default', '--extension', reference)).code).toBe(0);
    // the upgrade as done, and as replayed by the next command
    const names = await cli('get', 'es', '--cluster', 'default', '-o', 'jsonpath={.spec.metadata.name}');
    expect(names.stdout).toBe('gvisor\n');
    rmSync(home, { recursive: true, force: true });
  }, 60_000);
});

describe('sim cluster, concurrent processes', () => {
  let bin: string;
  beforeAll(() => {
    bin = inject('simBin');
  });

  it('never corrupts the state: five concurrent reboots are five journal entries', async () => {
    const { home, env } = environment();
    const penv = { ...process.env, ...env };
    await run(process.execPath, [bin, 'cluster', 'create', '--talos', 'v1.10'], { env: penv, cwd: home });
    await Promise.all(
      Array.from({ length: 5 }, () =>
        run(process.execPath, [bin, 'reboot', '--cluster', 'default'], { env: penv, cwd: home }),
      ),
    );
    const state = JSON.parse(readFileSync(join(env.XDG_STATE_HOME, 'talos-sim/clusters/default/cluster.json'), 'utf8'));
    expect(state.journal.map((e: { operation: { kind: string } }) => e.operation.kind)).toEqual(
      Array(5).fill('reboot'),
    );
    const { stdout } = await run(process.execPath, [bin, 'cluster', 'show'], { env: penv, cwd: home });
    expect(stdout).toContain(
      'OPERATIONS   reboot 172.20.0.2, reboot 172.20.0.2, reboot 172.20.0.2, reboot 172.20.0.2, reboot 172.20.0.2\n',
    );
    rmSync(home, { recursive: true, force: true });
  }, 60_000);

  /** A fresh state and cache with a cluster made by `sim cluster create <create…>`, then `body`; all removed after. */
  async function withKept(
    create: readonly string[],
    body: (kept: {
      readonly home: string;
      readonly env: NodeJS.ProcessEnv;
      readonly stateFile: string;
      readonly sim: (...argv: string[]) => Promise<{ stdout: string; stderr: string }>;
    }) => Promise<void>,
  ): Promise<void> {
    const { home, env } = environment();
    const penv = { ...process.env, ...env };
    const cli = (...argv: string[]) => run(process.execPath, [bin, ...argv], { env: penv, cwd: home });
    try {
      // made in-process: what the tests watch is what the executables do with it
      expect((await sim(['cluster', 'create', ...create], { cwd: home, env })).code).toBe(0);
      const stateFile = join(env.XDG_STATE_HOME, 'talos-sim/clusters/default/cluster.json');
      await body({ home, env: penv, stateFile, sim: cli });
    } finally {
      rmSync(home, { recursive: true, force: true });
    }
  }
  const PINNED = ['--talos', 'v1.10', '--clock', '2025-05-05T05:05:05Z'];

  it.each([
    ['get', 'ns', '-w'],
    ['dmesg', '-f'],
  ])(
    'follows a kept cluster until Ctrl-C, then exits 0: %s %s',
    (...argv) =>
      withKept(PINNED, async ({ home, env }) => {
        const followed = await followUntil(bin, [...argv, '--cluster', 'default'], {
          lines: 1,
          signal: 'SIGINT',
          env,
          cwd: home,
        });
        expect([followed.code, followed.signal, followed.stderr, followed.followed]).toEqual([0, null, '', true]);
        expect(followed.stdout).toMatch(/^(NODE|172\.20\.0\.2: )/);
      }),
    60_000,
  );

  it.each([
    ['get', 'ns', '-w'],
    ['dmesg', '-f'],
    ['logs', '-f', 'machined'],
  ])(
    'ends with status 0 on Ctrl-C during a long replay, before it follows: %s %s',
    (...argv) =>
      withKept(PINNED, async ({ home, env, stateFile }) => {
        const state = JSON.parse(readFileSync(stateFile, 'utf8'));
        const reboot = { at: state.clock.start, operation: { kind: 'reboot', node: '172.20.0.2' } };
        state.journal = Array(3000).fill(reboot);
        writeFileSync(stateFile, JSON.stringify(state));
        const follower = spawn(process.execPath, [bin, ...argv, '--cluster', 'default'], {
          env,
          cwd: home,
          stdio: ['ignore', 'pipe', 'pipe'],
        });
        let stdout = '';
        follower.stdout.on('data', (chunk: Buffer) => {
          stdout += chunk.toString();
        });
        const exited = new Promise<number | null>((resolve) => follower.on('exit', (code) => resolve(code)));
        await new Promise((r) => setTimeout(r, 1500));
        // still replaying: nothing printed yet
        expect([follower.exitCode, stdout]).toEqual([null, '']);
        follower.kill('SIGINT');
        expect(await exited).toBe(0);
        expect(stdout).toBe('');
      }),
    60_000,
  );

  it(
    'lets other commands use a kept cluster while one follows it',
    () =>
      withKept(PINNED, async ({ home, env, sim: cli }) => {
        const follower = spawn(process.execPath, [bin, 'get', 'ns', '-w', '--cluster', 'default'], {
          env,
          cwd: home,
          stdio: ['ignore', 'pipe', 'pipe'],
        });
        const exited = new Promise<number | null>((resolve) => follower.on('exit', (code) => resolve(code)));
        await new Promise<void>((resolve) => follower.stdout.once('data', () => resolve()));
        const started = Date.now();
        // (a config applied: a reboot would end the follower's watch, as the next test shows)
        writeFileSync(join(home, 'worker.yaml'), 'version: v1alpha1\nmachine:\n  type: worker\n');
        await cli('apply-config', '--cluster', 'default', '-f', 'worker.yaml');
        // it did not wait for the follower to let go (a held lock makes it wait 30 s, then fail as busy)
        expect(Date.now() - started).toBeLessThan(20_000);
        follower.kill('SIGINT');
        expect(await exited).toBe(0);
        expect((await cli('cluster', 'show')).stdout).toContain('OPERATIONS   apply-config 172.20.0.2\n');
      }),
    60_000,
  );

  it(
    'shows a follower what other commands do meanwhile: an applied config updates its watch, a reboot ends it',
    () =>
      withKept(PINNED, async ({ home, env, sim: cli }) => {
        writeFileSync(join(home, 'worker.yaml'), 'version: v1alpha1\nmachine:\n  type: worker\n');
        const follower = spawn(process.execPath, [bin, 'get', 'mc', '-w', '--cluster', 'default'], {
          env,
          cwd: home,
          stdio: ['ignore', 'pipe', 'pipe'],
        });
        let stdout = '';
        let stderr = '';
        const waiting: (() => void)[] = [];
        follower.stdout.on('data', (chunk: Buffer) => {
          stdout += chunk.toString();
          for (const check of waiting) check();
        });
        const lines = (n: number) =>
          new Promise<void>((resolve) => {
            const check = () => {
              if (stdout.split('\n').length > n) resolve();
            };
            waiting.push(check);
            check();
          });
        follower.stderr.on('data', (chunk: Buffer) => {
          stderr += chunk.toString();
        });
        const exited = new Promise<number | null>((resolve) => follower.on('exit', (code) => resolve(code)));
        // the stock node has no machine config yet: the watch holds its header alone
        await lines(1);
        expect((await cli('apply-config', '--cluster', 'default', '-f', 'worker.yaml')).stderr).toBe(
          'Applied configuration without a reboot\n',
        );
        await lines(2);
        expect(stdout).toBe(
          'NODE   *   NAMESPACE   TYPE   ID   VERSION\n172.20.0.2   +   config   MachineConfig   v1alpha1   1\n',
        );
        expect((await cli('reboot', '--cluster', 'default')).stderr).toBe('');
        expect(await exited).toBe(1);
        expect(stderr).toBe('error watching resource: node 172.20.0.2 shut down\n');
      }),
    60_000,
  );

  it(
    'shows a follower of a cluster whose time follows wall time what others do, until the cluster is destroyed',
    () =>
      withKept(['--talos', 'v1.10'], async ({ home, env, sim: cli }) => {
        writeFileSync(join(home, 'worker.yaml'), 'version: v1alpha1\nmachine:\n  type: worker\n');
        const follower = spawn(
          process.execPath,
          [bin, 'get', 'mc', '-w', '-o', 'jsonpath={.metadata.version}', '--cluster', 'default'],
          {
            env,
            cwd: home,
            stdio: ['ignore', 'pipe', 'pipe'],
          },
        );
        let stdout = '';
        let stderr = '';
        follower.stdout.on('data', (chunk: Buffer) => {
          stdout += chunk.toString();
        });
        follower.stderr.on('data', (chunk: Buffer) => {
          stderr += chunk.toString();
        });
        const exited = new Promise<number | null>((resolve) => follower.on('exit', (code) => resolve(code)));
        const until = async (done: () => boolean) => {
          while (!done()) await new Promise((r) => setTimeout(r, 50));
        };
        // (whether the follower replays this config or sees it journaled while it follows, it prints version 1)
        await cli('apply-config', '--cluster', 'default', '-f', 'worker.yaml');
        await until(() => stdout !== '');
        expect(stdout).toBe('1\n');
        writeFileSync(join(home, 'worker.yaml'), 'version: v1alpha1\nmachine:\n  type: worker\n# changed\n');
        await cli('apply-config', '--cluster', 'default', '-f', 'worker.yaml');
        await until(() => stdout !== '1\n');
        expect(stdout).toBe('1\n2\n');
        await cli('cluster', 'destroy');
        expect(await exited).toBe(1);
        expect(stderr).toBe('cluster "default" was destroyed while followed\n');
      }),
    60_000,
  );

  it(
    'replays an operation journaled as failed, its error ignored, and shows it so',
    () =>
      withKept(['--talos', 'v1.10'], async ({ stateFile, sim: cli }) => {
        const state = JSON.parse(readFileSync(stateFile, 'utf8'));
        const upgrade = { kind: 'upgrade', node: '172.20.0.2', extensions: ['example.com/missing:1.0'] };
        state.journal = [{ at: state.clock.start, operation: upgrade, failed: true }];
        writeFileSync(stateFile, JSON.stringify(state));
        const { stdout } = await cli('cluster', 'show');
        expect(stdout).toContain('OPERATIONS   upgrade 172.20.0.2 (failed)\n');
        expect(stdout).toContain('172.20.0.2   v1.10.9   running');
      }),
    60_000,
  );

  it('leaves no cluster behind when writing its state fails (a full disk)', async () => {
    const { home, env } = environment();
    const penv = { ...process.env, ...env };
    try {
      // a scenario larger than the process may write (RLIMIT_FSIZE: writes past it fail with EFBIG, as on a full disk)
      writeFileSync(join(home, 's.yaml'), `talos: v1.10\nnodes: [10.5.0.2]\n# ${'x'.repeat(20_000)}\n`);
      const create = await run(
        'sh',
        [
          '-c',
          'ulimit -f 8; exec "$0" "$@"',
          process.execPath,
          bin,
          'cluster',
          'create',
          '--scenario',
          's.yaml',
          '--no-cache',
        ],
        { env: penv, cwd: home },
      ).then(
        () => undefined,
        (err: { code?: number; stderr?: string }) => err,
      );
      expect(create?.code).toBe(1);
      expect(create?.stderr).toMatch(
        /^cluster "default" was not created: write \/.*\/talos-sim\/clusters\/\.creating-default-[0-9a-f]{8}\/cluster\.json: EFBIG: file too large, write\n$/,
      );
      const clusters = join(env.XDG_STATE_HOME, 'talos-sim/clusters');
      expect(readdirSync(clusters)).toEqual([]);
      await expect(run(process.execPath, [bin, 'cluster', 'show'], { env: penv, cwd: home })).rejects.toMatchObject({
        stderr: 'cluster "default" does not exist (create it with: sim cluster create --name default)\n',
      });
      const created = await run(process.execPath, [bin, 'cluster', 'create', '--scenario', 's.yaml', '--no-cache'], {
        env: penv,
        cwd: home,
      });
      expect(created.stdout).toBe('created cluster "default" from s.yaml: 10.5.0.2 (v1.10.9)\n');
    } finally {
      rmSync(home, { recursive: true, force: true });
    }
  }, 60_000);

  it('destroys a cluster only once its lock is free', async () => {
    const { home, env } = environment();
    const penv = { ...process.env, ...env };
    try {
      await run(process.execPath, [bin, 'cluster', 'create', '--talos', 'v1.10'], { env: penv, cwd: home });
      const dir = join(env.XDG_STATE_HOME, 'talos-sim/clusters/default');
      const held = await acquireLock(join(dir, 'lock'));
      let settled = false;
      const destroy = run(process.execPath, [bin, 'cluster', 'destroy'], { env: penv, cwd: home }).finally(() => {
        settled = true;
      });
      await new Promise((r) => setTimeout(r, 1000));
      expect(settled).toBe(false);
      expect(existsSync(join(dir, 'cluster.json'))).toBe(true);
      held?.release();
      expect((await destroy).stdout).toBe('destroyed cluster "default"\n');
      expect(readdirSync(join(env.XDG_STATE_HOME, 'talos-sim/clusters'))).toEqual([]);
      await expect(
        run(process.execPath, [bin, 'reboot', '--cluster', 'default'], { env: penv, cwd: home }),
      ).rejects.toMatchObject({
        stderr: 'cluster "default" does not exist (create it with: sim cluster create --name default)\n',
      });
    } finally {
      rmSync(home, { recursive: true, force: true });
    }
  }, 60_000);

  it('destroys a cluster once the commands holding it are done; later ones find no such cluster', async () => {
    const { home, env } = environment();
    const penv = { ...process.env, ...env };
    await run(process.execPath, [bin, 'cluster', 'create', '--talos', 'v1.10'], { env: penv, cwd: home });
    const reboot = () =>
      run(process.execPath, [bin, 'reboot', '--cluster', 'default'], { env: penv, cwd: home }).then(
        () => 'rebooted',
        (err: { stderr?: string }) => err.stderr ?? String(err),
      );
    const results = await Promise.all([
      reboot(),
      reboot(),
      run(process.execPath, [bin, 'cluster', 'destroy'], { env: penv, cwd: home }).then((r) => r.stdout),
      reboot(),
      reboot(),
    ]);
    expect(results[2]).toBe('destroyed cluster "default"\n');
    for (const result of [...results.slice(0, 2), ...results.slice(3)]) {
      expect([
        'rebooted',
        'cluster "default" does not exist (create it with: sim cluster create --name default)\n',
      ]).toContain(result);
    }
    expect(existsSync(join(env.XDG_STATE_HOME, 'talos-sim/clusters/default'))).toBe(false);
    rmSync(home, { recursive: true, force: true });
  }, 60_000);
});
