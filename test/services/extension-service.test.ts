// Extension services as upstream builds their containers (extension_test.go TestGetOCIOptions and §6.6 per
// release): environment order, mounts, config binds, programs and PIDs.
import { describe, expect, it } from 'vitest';
import type { ContainerSpec, ExtensionServiceConfigData, ServiceProgramContext } from '../../src/services/index.js';
import { fixture } from './service-fixtures.js';

async function containerOf(
  init: Parameters<ReturnType<typeof fixture>['extension']>[0],
  options: Parameters<typeof fixture>[0] = {},
  prepare?: (f: ReturnType<typeof fixture>) => void,
): Promise<ContainerSpec> {
  const f = fixture(options);
  prepare?.(f);
  const id = await f.extension({ name: 'svc', container: { entrypoint: './svc' }, ...init });
  await f.clock.advance(0);
  const container = f.supervisor.get(id)?.container;
  if (container === undefined) throw new Error(`no container: ${f.events(id).join('\n')}`);
  return container;
}

/** An in-memory ExtensionServiceConfig(Status) source. */
function configSource(configs: Record<string, ExtensionServiceConfigData>) {
  const statuses = new Set<string>();
  const waiters = new Map<string, (() => void)[]>();
  return {
    publish(name: string): void {
      statuses.add(name);
      for (const w of waiters.get(name) ?? []) w();
      waiters.delete(name);
    },
    async waitForConfigStatus(name: string): Promise<void> {
      if (statuses.has(name)) return;
      await new Promise<void>((resolve) => waiters.set(name, [...(waiters.get(name) ?? []), resolve]));
    },
    async getConfig(name: string) {
      return configs[name];
    },
  };
}

describe('the container of an extension service (TestGetOCIOptions)', () => {
  it('clears the default masked and read-only paths when the spec gives empty lists', async () => {
    const c = await containerOf({
      container: { entrypoint: './svc', security: { maskedPaths: [], readonlyPaths: [] } },
    });
    expect(c.maskedPaths).toEqual([]);
    expect(c.readonlyPaths).toEqual([]);
  });

  it("keeps containerd's defaults when the spec says nothing", async () => {
    const c = await containerOf({});
    expect(c.maskedPaths).toEqual([
      '/proc/acpi',
      '/proc/asound',
      '/proc/kcore',
      '/proc/keys',
      '/proc/latency_stats',
      '/proc/timer_list',
      '/proc/timer_stats',
      '/proc/sched_debug',
      '/sys/firmware',
      '/sys/devices/virtual/powercap',
      '/proc/scsi',
    ]);
    expect(c.readonlyPaths).toEqual(['/proc/bus', '/proc/fs', '/proc/irq', '/proc/sys', '/proc/sysrq-trigger']);
  });

  it('makes the root writable only with writeableRootfs', async () => {
    expect(
      (await containerOf({ container: { entrypoint: './svc', security: { writeableRootfs: true } } })).root,
    ).toEqual({
      path: '/usr/local/lib/containers/svc',
      readonly: false,
    });
    expect((await containerOf({})).root.readonly).toBe(true);
  });

  it('sets exactly the given environment', async () => {
    expect((await containerOf({ container: { entrypoint: './svc', environment: ['FOO=BAR'] } })).env).toEqual([
      'FOO=BAR',
    ]);
  });

  it('reads the environment file', async () => {
    const c = await containerOf({ container: { entrypoint: './svc', environmentFile: '/var/envfile' } }, {}, (f) => {
      f.fs.mkdirSync('/var', { recursive: true });
      f.fs.writeFileSync('/var/envfile', 'FOO=BARFROMENVFILE');
    });
    expect(c.env).toEqual(['FOO=BARFROMENVFILE']);
  });
});

describe('environment, mounts and config (§6.6)', () => {
  it('merges machine env, env file, container env and config env with containerd replace-or-append', async () => {
    const source = configSource({ svc: { environment: ['B=cfg'] } });
    source.publish('svc');
    const c = await containerOf(
      {
        container: { entrypoint: './svc', environmentFile: '/etc/svc.env', environment: ['C=x', 'C=y'] },
      },
      { machineEnvironment: () => ['A=machine', 'B=1'], config: source },
      (f) => {
        f.fs.mkdirSync('/etc', { recursive: true });
        f.fs.writeFileSync('/etc/svc.env', '# comment\nexport A="file"\nEMPTY=\n');
      },
    );
    expect(c.env).toEqual(['A=file', 'B=cfg', 'C=x', 'C=y']);
  });

  it('creates missing mount sources as 0700 directories, even file paths (QUIRK)', async () => {
    const f = fixture();
    const id = await f.extension({
      name: 'nut',
      container: {
        entrypoint: './upsmon',
        mounts: [
          {
            source: '/system/run/machined/machine.sock',
            destination: '/run/machine.sock',
            type: 'bind',
            options: ['rbind', 'ro'],
          },
        ],
      },
    });
    await f.clock.advance(0);
    const stats = f.fs.statSync('/system/run/machined/machine.sock');
    expect(stats.isDirectory()).toBe(true);
    expect(stats.mode & 0o777).toBe(0o700);
    expect(f.supervisor.get(id)?.container?.mounts.at(-1)).toEqual({
      destination: '/run/machine.sock',
      type: 'bind',
      source: '/system/run/machined/machine.sock',
      options: ['rbind', 'ro'],
    });
  });

  it('binds every config file read-only under its flattened name, even without `configuration: true`', async () => {
    const source = configSource({
      'nut-client': { files: [{ content: 'MONITOR', mountPath: '/usr/local/etc/nut/upsmon.conf' }] },
    });
    const c = await containerOf({ name: 'nut-client', container: { entrypoint: './upsmon' } }, { config: source });
    expect(c.mounts.at(-1)).toEqual({
      destination: '/usr/local/etc/nut/upsmon.conf',
      type: 'bind',
      source: '/system/overlays/extensions/nut-client/usr-local-etc-nut-upsmon.conf',
      options: ['ro', 'bind'],
    });
  });

  it('waits for the config status with `configuration: true`', async () => {
    const source = configSource({});
    const f = fixture({ config: source });
    const id = await f.extension({ name: 'ts', container: { entrypoint: './ts' }, depends: [{ configuration: true }] });
    await f.clock.advance(2000);
    expect(f.events(id).at(-1)).toBe('[Waiting]: Waiting for extension service config');
    source.publish('ts');
    await f.clock.advance(0);
    expect(f.events(id).at(-1)).toBe('[Running]: Started task ext-ts (PID 1000) for container ext-ts');
  });

  it.each([
    ['v1.12.11', false, 'containerd-default'],
    ['v1.13.8', false, 'inherited'],
    ['v1.13.9', true, 'inherited'],
    ['v1.14.0-beta.1', false, 'inherited'],
    ['v1.14.0-rc.1', true, 'inherited'],
  ] as const)('on %s the host IPC namespace is %s and rlimits are %s', async (talosVersion, ipc, rlimits) => {
    const c = await containerOf({}, { talosVersion });
    expect(c.namespaces.find((n) => n.type === 'ipc')?.host).toBe(ipc);
    expect(c.namespaces.find((n) => n.type === 'network')?.host).toBe(true);
    expect(c.rlimits).toBe(rlimits);
  });

  it('mounts the container marker in container mode', async () => {
    const c = await containerOf({}, { inContainer: true });
    expect(c.mounts.at(-1)).toEqual({
      destination: '/usr/etc/in-container',
      type: 'bind',
      source: '/usr/etc/in-container',
      options: ['bind', 'ro'],
    });
  });

  it('fails runner creation on a bad environment file with the parser text', async () => {
    const f = fixture();
    f.fs.writeFileSync('/bad.env', 'OK=1\nno separator here\n');
    const id = await f.extension({
      name: 'e',
      container: { entrypoint: './e', environmentFile: '/bad.env' },
      restart: 2,
    });
    await f.clock.advance(0);
    expect(f.events(id).at(-1)).toBe(
      '[Failed]: Failed to create runner: failed to parse environment file "/bad.env": error on line 2: missing =',
    );
  });
});

describe('programs and PIDs', () => {
  it('runs the program registered for the entrypoint with argv, env and mounts, and logs to the console on request', async () => {
    const seen: ServiceProgramContext[] = [];
    const consoleLines: string[] = [];
    const f = fixture({ console: (id, line) => consoleLines.push(`${id}: ${line}`) });
    f.supervisor.programs.register('/usr/local/lib/containers/hello-world/hello-world', async (ctx) => {
      seen.push(ctx);
      ctx.log('starting the hello world service');
      await ctx.clock.sleep(2000);
      return 4;
    });
    const id = await f.extension({
      name: 'hello-world',
      container: {
        entrypoint: './hello-world',
        args: ['--msg', 'Talos Linux Extension Service'],
        environment: ['X=1'],
      },
      restart: 2,
      logToConsole: true,
    });
    await f.clock.advance(2000);
    expect(seen[0]?.argv).toEqual(['./hello-world', '--msg', 'Talos Linux Extension Service']);
    expect(seen[0]?.env).toEqual(['X=1']);
    expect(seen[0]?.pid).toBe(1000);
    expect(consoleLines).toEqual(['ext-hello-world: starting the hello world service']);
    expect(f.events(id).at(-1)).toBe(
      '[Failed]: Failed running service: error running service: task "ext-hello-world" failed: exit code 4 (last log "starting the hello world service")',
    );
  });

  it('finds a program by its host path, its path inside the root, or the entrypoint as written', async () => {
    const ran: string[] = [];
    const f = fixture();
    const runs = (key: string) => async () => {
      ran.push(key);
      return 0;
    };
    f.supervisor.programs.register('/bin/inside', runs('inside'));
    f.supervisor.programs.register('./bin/written', runs('written'));
    f.supervisor.programs.register('/usr/local/lib/containers/host/bin/host', runs('host'));
    f.supervisor.programs.register('/bin/host', runs('not the host path'));
    for (const name of ['inside', 'written', 'host']) {
      await f.extension({ name, container: { entrypoint: `./bin/${name}` }, restart: 2 });
    }
    await f.clock.advance(1000);
    expect(ran.sort()).toEqual(['host', 'inside', 'written']);
  });

  it('logs that a task without a program started, and runs until stopped', async () => {
    const f = fixture();
    const id = await f.extension({ name: 'x', container: { entrypoint: '/usr/bin/x', args: ['-f'] } });
    await f.clock.advance(60_000);
    expect(f.supervisor.get(id)?.state).toBe('Running');
    expect(
      f.supervisor
        .serviceLog(id)
        .lines()
        .map((l) => l.text),
    ).toEqual(['/usr/bin/x -f: started (simulated; no program is registered for this entrypoint)']);
  });

  it('records PIDs from v1.13.0-beta.1 and clears them when the task ends', async () => {
    for (const [talosVersion, expected] of [
      ['v1.13.0-beta.1', ['ext-p 1000', 'ext-p 1000 clear']],
      ['v1.13.0-beta.0', []],
    ] as const) {
      const records: string[] = [];
      const f = fixture({
        talosVersion,
        recordPid: async (id, pid, clear) => {
          records.push(`${id} ${pid}${clear ? ' clear' : ''}`);
        },
      });
      const id = await f.extension({ name: 'p', container: { entrypoint: './p' } });
      await f.clock.advance(0);
      await f.supervisor.apiStop(id);
      expect(records).toEqual(expected);
    }
  });
});
