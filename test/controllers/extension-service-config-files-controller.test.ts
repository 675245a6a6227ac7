// extension_service_config_files_test.go TestReconcileExtensionServiceConfigFiles: files under the base
// directory, statuses with the config version, strays removed, unchanged files untouched; container mode.
import { describe, expect, it } from 'vitest';
import { ExtensionServiceConfigFilesController } from '../../controllers/extension-service-config-files-controller.js';
import { ExtensionServiceConfigType } from '../../resources/extension-service-config.js';
import { ExtensionServiceConfigStatusResourceType } from '../../resources/extension-service-config-status.js';
import { newTypedResource } from '../../src/cosi/index.js';
import { controllerFixture } from './controller-fixtures.js';

const BASE = '/system/overlays/extensions';

function config(id: string, files: { content: string; mountPath: string }[]) {
  const r = newTypedResource(ExtensionServiceConfigType, id);
  r.spec = { files };
  return r;
}

describe('runtime.ExtensionServiceConfigFilesController', () => {
  it('writes the files, publishes statuses and cleans up what it does not manage', async () => {
    const f = controllerFixture();
    f.fs.mkdirSync(BASE, { recursive: true });
    await f.start(new ExtensionServiceConfigFilesController({ fs: f.fs }));
    const statuses = async () =>
      (await f.state.list({ namespace: 'runtime', type: ExtensionServiceConfigStatusResourceType })).map((r) => [
        r.metadata.id,
        (r.spec as { specVersion: string }).specVersion,
      ]);

    const a = config('test-extension-a', [{ content: 'test-content-a', mountPath: '/etc/test' }]);
    await f.state.create(a);
    await f.settle();
    const b = config('test-extension-b', [
      { content: 'test-content-b', mountPath: '/etc/bar' },
      { content: 'test-content-c', mountPath: '/var/etc/foo' },
    ]);
    await f.state.create(b);
    await f.settle();
    expect(await statuses()).toEqual([
      ['test-extension-a', '1'],
      ['test-extension-b', '1'],
    ]);
    expect(f.fs.readFileSync(`${BASE}/test-extension-a/etc-test`, 'utf8')).toBe('test-content-a');
    expect(f.fs.readFileSync(`${BASE}/test-extension-b/etc-bar`, 'utf8')).toBe('test-content-b');
    expect(f.fs.readFileSync(`${BASE}/test-extension-b/var-etc-foo`, 'utf8')).toBe('test-content-c');
    expect(f.fs.statSync(`${BASE}/test-extension-a`).mode & 0o777).toBe(0o755);
    expect(f.fs.statSync(`${BASE}/test-extension-a/etc-test`).mode & 0o777).toBe(0o644);

    f.fs.mkdirSync(`${BASE}/test`);
    f.fs.writeFileSync(`${BASE}/test/testdata`, '{}', { mode: 0o644 });
    const mtime = f.fs.statSync(`${BASE}/test-extension-a/etc-test`).mtimeMs;
    await f.clock.advance(60_000);

    await f.state.destroy(b.metadata);
    await f.settle();
    expect(await statuses()).toEqual([['test-extension-a', '1']]);
    for (const gone of [
      'test/testdata',
      'test',
      'test-extension-b/etc-bar',
      'test-extension-b/var-etc-foo',
      'test-extension-b',
    ]) {
      expect(f.fs.existsSync(`${BASE}/${gone}`)).toBe(false);
    }
    expect(f.fs.statSync(`${BASE}/test-extension-a/etc-test`).mtimeMs).toBe(mtime);
    await f.stop();
  });

  it('bumps specVersion with the config version and rewrites changed content', async () => {
    const f = controllerFixture();
    await f.start(new ExtensionServiceConfigFilesController({ fs: f.fs }));
    await f.state.create(config('nut-client', [{ content: 'MONITOR a', mountPath: '/usr/local/etc/nut/upsmon.conf' }]));
    await f.settle();
    await f.state.modify(config('nut-client', []), (r) => {
      r.spec = { files: [{ content: 'MONITOR b', mountPath: '/usr/local/etc/nut/upsmon.conf' }] };
    });
    await f.settle();
    const status = await f.state.get({
      namespace: 'runtime',
      type: ExtensionServiceConfigStatusResourceType,
      id: 'nut-client',
    });
    expect(status.spec).toEqual({ specVersion: '2' });
    expect(f.fs.readFileSync(`${BASE}/nut-client/usr-local-etc-nut-upsmon.conf`, 'utf8')).toBe('MONITOR b');
    await f.stop();
  });

  it('maps /etc/a-b and /etc/a/b to the same file (QUIRK): the later one wins', async () => {
    const f = controllerFixture();
    await f.start(new ExtensionServiceConfigFilesController({ fs: f.fs }));
    await f.state.create(
      config('x', [
        { content: 'first', mountPath: '/etc/a-b' },
        { content: 'second', mountPath: '/etc/a/b' },
      ]),
    );
    await f.settle();
    expect(f.fs.readdirSync(`${BASE}/x`)).toEqual(['etc-a-b']);
    expect(f.fs.readFileSync(`${BASE}/x/etc-a-b`, 'utf8')).toBe('second');
    await f.stop();
  });

  it('does nothing in container mode: no files, no statuses', async () => {
    const f = controllerFixture();
    await f.start(new ExtensionServiceConfigFilesController({ fs: f.fs, containerMode: true }));
    await f.state.create(config('x', [{ content: 'a', mountPath: '/a' }]));
    await f.settle();
    expect(f.fs.existsSync(BASE)).toBe(false);
    expect(await f.state.list({ namespace: 'runtime', type: ExtensionServiceConfigStatusResourceType })).toEqual([]);
    await f.stop();
  });
});
