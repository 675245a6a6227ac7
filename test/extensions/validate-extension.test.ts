// Upstream acceptance cases (spec talos-extensions §7.1, §7.2) on the reproduced testdata, read from disk.
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import {
  DEFAULT_TALOS_VERSION,
  imageFromDescription,
  listExtensions,
  loadExtension,
  readDirectoryImage,
  validateExtension,
} from '../../src/extensions/index.js';
import { thrown } from '../support/errors.js';

const testdata = fileURLToPath(new URL('../fixtures/extensions/upstream/', import.meta.url));

function load(dir: string) {
  return loadExtension(readDirectoryImage(testdata + dir), { path: `testdata/${dir}` });
}

// upstream validates for Talos 1.0.0 with the allowlist compiled into the validator: the newest one
const upstreamChecks = {
  constraints: true,
  contents: true,
  talosVersion: '1.0.0',
  allowlistVersion: DEFAULT_TALOS_VERSION,
};

describe('TestLoadValidate', () => {
  it('loads good/extension1 and validates it with constraints and contents for Talos 1.0.0', () => {
    const ext = load('good/extension1');
    expect(ext.manifest.metadata.name).toBe('gvisor');
    expect(ext.directory).toBe('extension1');
    expect(() => validateExtension(ext, upstreamChecks)).not.toThrow();
  });

  it('keeps the symlink of the rootfs as a symlink', () => {
    const ext = load('good/extension1');
    const link = ext.image.lookup('rootfs/usr/local/lib/a.so.1');
    expect(link).toMatchObject({ kind: 'symlink', target: 'a.so' });
  });
});

describe('TestValidateFailures', () => {
  it.each([
    ['wrongfiles', 'unexpected file "a"'],
    ['emptymanifest', 'unsupported manifest version: ""'],
    ['norootfs', 'extension rootfs is missing'],
  ])('%s fails to load with %s', (name, text) => {
    expect(thrown(() => load(`bad/${name}`)).message).toBe(text);
  });

  it.each([
    ['badpaths', 'path "/boot/vmlinuz" is not allowed in extensions'],
    ['usrmerge', 'path "/usr/lib64/a.so" is not allowed in extensions'],
  ])('%s loads and fails validation with %s', (name, text) => {
    const ext = load(`bad/${name}`);
    expect(thrown(() => validateExtension(ext, upstreamChecks)).message).toBe(text);
  });
});

describe('TestList', () => {
  it('lists testdata/good/ as one extension named gvisor in directory extension1', () => {
    const list = listExtensions(readDirectoryImage(`${testdata}good`));
    expect(list.map((e) => [e.directory, e.manifest.metadata.name])).toEqual([['extension1', 'gvisor']]);
  });
});

describe('validation options', () => {
  const gvisor = () => load('good/extension1');

  it('checks nothing unless asked, as upstream Validate() without options', () => {
    const ext = loadExtension(
      imageFromDescription({
        manifest: { version: 'v1alpha1', metadata: { name: 'x', compatibility: { talos: { version: 'nonsense' } } } },
        rootfs: { '/boot/vmlinuz': '' },
      }),
    );
    expect(() => validateExtension(ext)).not.toThrow();
  });

  it('checks the constraint before the contents', () => {
    const ext = loadExtension(
      imageFromDescription({
        manifest: { version: 'v1alpha1', metadata: { name: 'x', compatibility: { talos: { version: '>= v1.5.0' } } } },
        rootfs: { '/boot/vmlinuz': '' },
      }),
    );
    expect(
      thrown(() => validateExtension(ext, { constraints: true, contents: true, talosVersion: 'v1.4.0' })).message,
    ).toBe("version constraint >= v1.5.0 can't be satisfied with Talos version 1.4.0");
  });

  it('uses the allowlist of the Talos version by default: /usr/lib/firmware is not allowed before the usr-merge', () => {
    expect(thrown(() => validateExtension(gvisor(), { contents: true, talosVersion: 'v1.9.6' })).message).toBe(
      'path "/usr/lib/firmware/amd/cpu" is not allowed in extensions',
    );
    expect(() => validateExtension(gvisor(), { contents: true, talosVersion: 'v1.10.0' })).not.toThrow();
  });

  it('prints the Talos version without v and with its pre-release in the unsatisfied error', () => {
    const ext = loadExtension(
      imageFromDescription({
        manifest: { version: 'v1alpha1', metadata: { name: 'x', compatibility: { talos: { version: '< v1.10.0' } } } },
        rootfs: {},
      }),
    );
    expect(thrown(() => validateExtension(ext, { constraints: true, talosVersion: 'v1.10.0-beta.1' })).message).toBe(
      "version constraint < v1.10.0 can't be satisfied with Talos version 1.10.0-beta.1",
    );
  });
});
