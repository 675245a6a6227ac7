// The contents check: upstream's behaviour by default (quirks included), the documented rules with strict.
import { describe, expect, it } from 'vitest';
import {
  DEFAULT_TALOS_VERSION,
  type FileSpec,
  imageFromDescription,
  loadExtension,
  validateExtension,
} from '../../src/extensions/index.js';

const manifest = { version: 'v1alpha1', metadata: { name: 'x' } };

function contentsError(rootfs: Record<string, FileSpec>, options: { strict?: boolean; talos?: string } = {}) {
  const ext = loadExtension(imageFromDescription({ manifest, rootfs }));
  try {
    validateExtension(ext, {
      contents: true,
      talosVersion: options.talos ?? DEFAULT_TALOS_VERSION,
      strict: options.strict ?? false,
    });
    return undefined;
  } catch (err) {
    return (err as Error).message;
  }
}

describe('contents check (upstream behaviour)', () => {
  it('allows symlinks and the listed loader file, rejects special files', () => {
    expect(
      contentsError({ '/usr/local/lib/a.so': '', '/usr/local/lib/a.so.1': { kind: 'symlink', target: 'a.so' } }),
    ).toBeUndefined();
    expect(contentsError({ '/usr/lib/ld-linux-x86-64.so.2': '' })).toBeUndefined();
    expect(contentsError({ '/usr/local/dev/null': { kind: 'char-device', major: 1, minor: 3 } })).toBe(
      'special files are not allowed: "/usr/local/dev/null"',
    );
    expect(contentsError({ '/usr/local/fifo': { kind: 'fifo' } })).toBe(
      'special files are not allowed: "/usr/local/fifo"',
    );
    expect(contentsError({ '/usr/local/sock': { kind: 'socket' } })).toBe(
      'special files are not allowed: "/usr/local/sock"',
    );
  });

  it('never checks directories themselves: an empty /boot is fine, /boot/vmlinuz is not', () => {
    expect(contentsError({ '/boot': { kind: 'directory' } })).toBeUndefined();
    expect(contentsError({ '/boot/vmlinuz': '' })).toBe('path "/boot/vmlinuz" is not allowed in extensions');
  });

  it('reports the first violation in lexical order, per directory', () => {
    expect(contentsError({ '/usr/local/z': { kind: 'fifo' }, '/boot/a': '', '/usr/local/a': { kind: 'socket' } })).toBe(
      'path "/boot/a" is not allowed in extensions',
    );
    expect(contentsError({ '/a.b': '', '/a/b': '' })).toBe('path "/a/b" is not allowed in extensions');
  });

  it('matches the allowlist as a plain string prefix (quirk)', () => {
    expect(contentsError({ '/usr/localfoo/x': '' })).toBeUndefined();
    expect(contentsError({ '/usr/bin/nvmexyz': '' })).toBeUndefined();
    expect(contentsError({ '/etc/ld.so.conf.d/a.conf': '' })).toBeUndefined();
    expect(contentsError({ '/etc/vulkansc/icd.d/nvidia_icd_vksc.json': '' })).toBeUndefined();
  });

  it('never fires the world-writable check (quirk)', () => {
    expect(contentsError({ '/usr/local/bin/tool': { kind: 'file', mode: 0o777 } })).toBeUndefined();
    expect(contentsError({ '/usr/local/tmp': { kind: 'directory', mode: 0o777 } })).toBeUndefined();
  });

  it('reports a rootfs that is a file as the path /', () => {
    const ext = loadExtension(imageFromDescription({ manifest, extra: { rootfs: 'x' } }));
    expect(() => validateExtension(ext, { contents: true })).toThrow('path "/" is not allowed in extensions');
  });

  it('follows the allowlist of the Talos version', () => {
    expect(contentsError({ '/lib/modules/5.15.32-talos/extra/x.ko': '' }, { talos: 'v1.0.0' })).toBe(
      'path "/lib/modules/5.15.32-talos/extra/x.ko" is not allowed in extensions',
    );
    expect(contentsError({ '/lib/modules/5.15.64-talos/extra/x.ko': '' }, { talos: 'v1.2.0' })).toBeUndefined();
    expect(contentsError({ '/lib/modules/6.12.25-talos/extra/x.ko': '' }, { talos: 'v1.10.0' })).toBe(
      'path "/lib/modules/6.12.25-talos/extra/x.ko" is not allowed in extensions',
    );
    expect(contentsError({ '/usr/bin/nvme': '' }, { talos: 'v1.12.11' })).toBe(
      'path "/usr/bin/nvme" is not allowed in extensions',
    );
    expect(contentsError({ '/usr/bin/nvme': '' }, { talos: 'v1.13.0' })).toBeUndefined();
  });
});

describe('contents check (strict)', () => {
  it('matches allowlist entries as whole path segments', () => {
    expect(contentsError({ '/usr/localfoo/x': '' }, { strict: true })).toBe(
      'path "/usr/localfoo/x" is not allowed in extensions',
    );
    expect(contentsError({ '/etc/ld.so.conf.d/a.conf': '' }, { strict: true })).toBe(
      'path "/etc/ld.so.conf.d/a.conf" is not allowed in extensions',
    );
    expect(contentsError({ '/etc/ld.so.conf': '', '/usr/local/bin/x': '' }, { strict: true })).toBeUndefined();
  });

  it('rejects world-writable files and directories, not symlinks', () => {
    expect(contentsError({ '/usr/local/bin/tool': { kind: 'file', mode: 0o777 } }, { strict: true })).toBe(
      'world-writeable files are not allowed: "/usr/local/bin/tool"',
    );
    expect(contentsError({ '/usr/local/tmp': { kind: 'directory', mode: 0o1777 } }, { strict: true })).toBe(
      'world-writeable files are not allowed: "/usr/local/tmp"',
    );
    expect(contentsError({ '/usr/local/l': { kind: 'symlink', target: 'x' } }, { strict: true })).toBeUndefined();
  });
});
