// extension_service_test.go TestReconcile, step by step with upstream's service mock, the log lines machined
// writes for skipped definitions, and the same flow on the real supervisor.
import { describe, expect, it } from 'vitest';
import { ExtensionServiceController, type ServiceManager } from '../../controllers/extension-service-controller.js';
import { ExtensionServiceConfigStatusType } from '../../resources/extension-service-config-status.js';
import { newTypedResource } from '../../src/cosi/index.js';
import type { ExtensionServiceSpec } from '../../src/extensions/services/index.js';
import { ServiceSupervisor } from '../../src/services/index.js';
import { controllerFixture } from './controller-fixtures.js';

const TESTDATA: Record<string, string> = {
  'foo.bar': '',
  'frr.yaml':
    'name: frr\ncontainer:\n  entrypoint: ./frr\n  args:\n    - --msg\n    - BGP FRR\ndepends:\n  - network:\n    - addresses\nrestart: always\n',
  'hello.yaml':
    'name: hello-world\ncontainer:\n  entrypoint: ./hello-world\n  args:\n    - --msg\n    - Talos Linux Extension Service\ndepends:\n  - network:\n    - addresses\nrestart: always\n',
  'invalid.yaml':
    'name: invalid\ncontainer:\n  entrypoint: ./hello-world\n  args:\n    - --msg\n    - Talos Linux Extension Service\ndepends:\n  - nothing: true\nrestart: random\n',
  'zduplicate.yaml':
    'name: hello-world\ncontainer:\n  entrypoint: ./duplicate\n  args:\n    - should not get registered\ndepends:\n  - network:\n    - addresses\nrestart: always\n',
};

/** The test's serviceMock: a stopped service stays "running" because its key stays in the map (as upstream's). */
class ServiceMock implements ServiceManager<{ readonly id: string; readonly spec: ExtensionServiceSpec }> {
  readonly services = new Map<string, { readonly id: string; readonly spec: ExtensionServiceSpec }>();
  readonly running = new Map<string, boolean>();
  readonly started = new Map<string, number>();
  readonly stopped = new Map<string, number>();

  newExtensionService(spec: ExtensionServiceSpec) {
    return { id: `ext-${spec.name}`, spec };
  }

  load(...services: { readonly id: string; readonly spec: ExtensionServiceSpec }[]): string[] {
    for (const s of services) this.services.set(s.id, s);
    return services.map((s) => s.id);
  }

  async startServices(...ids: string[]): Promise<void> {
    for (const id of ids) {
      this.running.set(id, true);
      this.started.set(id, (this.started.get(id) ?? 0) + 1);
    }
  }

  async stopServices(...ids: string[]): Promise<void> {
    for (const id of ids) {
      this.running.set(id, false);
      this.stopped.set(id, (this.stopped.get(id) ?? 0) + 1);
    }
  }

  isRunning(id: string) {
    if (!this.services.has(id)) throw new Error(`service "${id}" not found`);
    return { running: this.running.has(id) };
  }

  counts(): Record<string, [number, number]> {
    return Object.fromEntries(
      [...this.services.keys()].map((id) => [id, [this.started.get(id) ?? 0, this.stopped.get(id) ?? 0]]),
    );
  }
}

function withTestdata(fs: ReturnType<typeof controllerFixture>['fs']): void {
  fs.mkdirSync('/usr/local/etc/containers', { recursive: true });
  for (const [name, text] of Object.entries(TESTDATA)) fs.writeFileSync(`/usr/local/etc/containers/${name}`, text);
}

const status = (id: string, specVersion: string) => {
  const r = newTypedResource(ExtensionServiceConfigStatusType, id);
  r.spec = { specVersion };
  return r;
};

describe('runtime.ExtensionServiceController (TestReconcile)', () => {
  it('loads definitions once and restarts services on config status changes as upstream does', async () => {
    const f = controllerFixture();
    withTestdata(f.fs);
    const mock = new ServiceMock();
    await f.start(new ExtensionServiceController({ services: mock, files: f.fs, talosVersion: 'v1.14.0-rc.1' }));

    // 1. registered ids, the kept definition, each started once
    expect([...mock.services.keys()].sort()).toEqual(['ext-frr', 'ext-hello-world']);
    expect(mock.services.get('ext-hello-world')?.spec.container.entrypoint).toBe('./hello-world');
    expect(mock.counts()).toEqual({ 'ext-frr': [1, 0], 'ext-hello-world': [1, 0] });

    // 2. specVersion 1 for a running service: no restart
    await f.state.create(status('hello-world', '1'));
    await f.settle();
    expect(mock.counts()).toEqual({ 'ext-frr': [1, 0], 'ext-hello-world': [1, 0] });

    // 3. a config for a service that does not exist: nothing
    await f.state.create(status('unexpected', '1'));
    await f.settle();
    expect(mock.counts()).toEqual({ 'ext-frr': [1, 0], 'ext-hello-world': [1, 0] });

    // 4. version 2: stop and start
    await f.state.modify(status('hello-world', '2'), (r) => {
      r.spec = { specVersion: '2' };
    });
    await f.settle();
    expect(mock.counts()).toEqual({ 'ext-frr': [1, 0], 'ext-hello-world': [2, 1] });

    // 5. the status is gone ("nan"): stop and start again
    await f.state.destroy(status('hello-world', '2').metadata);
    await f.settle();
    expect(mock.counts()).toEqual({ 'ext-frr': [1, 0], 'ext-hello-world': [3, 2] });

    const logged = f.logger.entries
      .filter((e) => e.fields.controller === 'runtime.ExtensionServiceController' && e.level !== 'debug')
      .map((e) => [e.level, e.message, e.fields.filename ?? e.fields.service, e.fields.error ?? e.fields.name]);
    expect(logged).toEqual([
      [
        'error',
        'error loading extension service spec',
        'invalid.yaml',
        'error unmarshalling extension service config: yaml: construct errors: line 9: random does not belong to RestartKind values',
      ],
      ['error', 'duplicate service spec', 'zduplicate.yaml', 'hello-world'],
      ['warn', 'extension service config changed, restarting', 'ext-hello-world', undefined],
      ['warn', 'extension service config changed, restarting', 'ext-hello-world', undefined],
    ]);
    expect(f.logger.entries.filter((e) => e.message === 'skipping config file').map((e) => e.fields.filename)).toEqual([
      'foo.bar',
    ]);
    await f.stop();
  });

  it('seeds its cache from the statuses that exist when it starts, so they cause no restart', async () => {
    const f = controllerFixture();
    withTestdata(f.fs);
    await f.state.create(status('hello-world', '3'));
    const mock = new ServiceMock();
    await f.start(new ExtensionServiceController({ services: mock, files: f.fs }));
    await f.state.modify(status('frr', '1'), () => {});
    await f.settle();
    expect(mock.counts()).toEqual({ 'ext-frr': [1, 0], 'ext-hello-world': [1, 0] });
    await f.stop();
  });

  it('logs and loads nothing when the directory is missing', async () => {
    const f = controllerFixture();
    const mock = new ServiceMock();
    await f.start(new ExtensionServiceController({ services: mock, files: f.fs }));
    expect(mock.services.size).toBe(0);
    expect(f.logger.entries.some((e) => e.message === 'extension service directory is not found')).toBe(true);
    await f.stop();
  });

  it('logs validation errors with the multierror text and skips only .yaml', async () => {
    const f = controllerFixture();
    f.fs.mkdirSync('/usr/local/etc/containers', { recursive: true });
    f.fs.writeFileSync('/usr/local/etc/containers/a.yaml', 'name: A\n');
    f.fs.writeFileSync('/usr/local/etc/containers/b.yml', 'name: b\n');
    f.fs.writeFileSync('/usr/local/etc/containers/c.YAML', 'name: c\n');
    const mock = new ServiceMock();
    await f.start(new ExtensionServiceController({ services: mock, files: f.fs, talosVersion: 'v1.11.6' }));
    const errors = f.logger.entries.filter((e) => e.level === 'error').map((e) => [e.message, e.fields.error]);
    expect(errors).toEqual([
      [
        'error validating extension service spec',
        '3 errors occurred:\n\t* name "A" is invalid\n\t* restart kind is invalid: RestartKind(0)\n\t* container endpoint can\'t be empty\n\n',
      ],
    ]);
    expect(f.logger.entries.filter((e) => e.message === 'skipping config file').map((e) => e.fields.filename)).toEqual([
      'b.yml',
      'c.YAML',
    ]);
    await f.stop();
  });

  it('restarts a real service on a config change: SIGTERM, Finished, then a new start', async () => {
    const f = controllerFixture();
    f.fs.mkdirSync('/usr/local/etc/containers', { recursive: true });
    f.fs.writeFileSync(
      '/usr/local/etc/containers/ts.yaml',
      'name: ts\ncontainer:\n  entrypoint: ./ts\ndepends:\n  - configuration: true\nrestart: always\n',
    );
    f.fs.mkdirSync('/usr/local/lib/containers/ts', { recursive: true });
    f.fs.writeFileSync('/usr/local/lib/containers/ts/ts', '', { mode: 0o755 });
    const supervisor = new ServiceSupervisor({
      clock: f.clock,
      talosVersion: 'v1.14.0-rc.1',
      fs: f.fs,
      config: {
        waitForConfigStatus: async (name, signal) => {
          await f.state.watchFor(newTypedResource(ExtensionServiceConfigStatusType, name).metadata, {
            eventTypes: ['Created', 'Updated'],
            signal,
          });
        },
        getConfig: async () => undefined,
      },
    });
    supervisor.registerHostService('containerd').update('Running', 'Health check successful');
    await f.start(new ExtensionServiceController({ services: supervisor, files: f.fs }));
    await f.clock.advance(1000);
    const events = () => (supervisor.get('ext-ts')?.events ?? []).map((e) => `[${e.state}]: ${e.message}`);
    expect(events().at(-1)).toBe('[Waiting]: Waiting for extension service config');
    await f.state.create(status('ts', '1'));
    await f.settle();
    await f.clock.advance(0);
    expect(events().at(-1)).toBe('[Running]: Started task ext-ts (PID 1000) for container ext-ts');
    await f.state.modify(status('ts', '2'), (r) => {
      r.spec = { specVersion: '2' };
    });
    await f.settle();
    await f.clock.advance(0);
    expect(events().slice(-8)).toEqual([
      '[Running]: Started task ext-ts (PID 1000) for container ext-ts',
      '[Stopping]: Sending SIGTERM to task ext-ts (PID 1000, container ext-ts)',
      '[Finished]: Service finished successfully',
      '[Starting]: Starting service',
      '[Waiting]: Waiting for service "containerd" to be "up", extension service config',
      '[Preparing]: Running pre state',
      '[Preparing]: Creating service runner',
      '[Running]: Started task ext-ts (PID 1001) for container ext-ts',
    ]);
    await f.stop();
    await supervisor.stop();
  });
});

describe('the "1" shortcut (QUIRK) and strict mode', () => {
  async function real(strict: boolean, restart = 'always', behaviour = {}) {
    const f = controllerFixture();
    f.fs.mkdirSync('/usr/local/etc/containers', { recursive: true });
    f.fs.writeFileSync(
      '/usr/local/etc/containers/svc.yaml',
      `name: svc\ncontainer:\n  entrypoint: ./svc\ndepends:\n  - network: [addresses]\nrestart: ${restart}\n`,
    );
    f.fs.mkdirSync('/usr/local/lib/containers/svc', { recursive: true });
    f.fs.writeFileSync('/usr/local/lib/containers/svc/svc', '', { mode: 0o755 });
    const supervisor = new ServiceSupervisor({
      clock: f.clock,
      talosVersion: 'v1.14.0-rc.1',
      fs: f.fs,
      behaviours: { svc: behaviour },
    });
    supervisor.registerHostService('containerd').update('Running', 'Health check successful');
    await f.start(new ExtensionServiceController({ services: supervisor, files: f.fs, strict }));
    await f.clock.advance(1000);
    const starts = () => (supervisor.get('ext-svc')?.events ?? []).filter((e) => e.state === 'Starting').length;
    return { f, supervisor, starts };
  }

  it('leaves a Running service without `configuration: true` alone when its config first appears', async () => {
    const { f, supervisor, starts } = await real(false);
    expect(supervisor.get('ext-svc')?.state).toBe('Running');
    await f.state.create(status('svc', '1'));
    await f.settle();
    expect(starts()).toBe(1);
    await f.stop();
    await supervisor.stop();
  });

  it('restarts it in strict mode', async () => {
    const { f, supervisor, starts } = await real(true);
    await f.state.create(status('svc', '1'));
    await f.settle();
    await f.clock.advance(0);
    expect(starts()).toBe(2);
    expect(supervisor.get('ext-svc')?.state).toBe('Running');
    await f.stop();
    await supervisor.stop();
  });

  it('starts a service that already finished when any config event reaches it', async () => {
    const { f, supervisor, starts } = await real(false, 'never', { runFor: 0 });
    expect(supervisor.get('ext-svc')?.state).toBe('Finished');
    await f.state.create(status('svc', '1'));
    await f.settle();
    await f.clock.advance(0);
    expect(starts()).toBe(2);
    await f.stop();
    await supervisor.stop();
  });
});
