import { describe, expect, it } from 'vitest';
import { isTalosVersionError } from '../../src/extensions/index.js';
import { buildTalosRootfs, TalosRootfsError, talosOsRelease } from '../../src/node/talos-rootfs.js';
import { createNodeFs, memfsLayer, Overlay, treeLayer } from '../../src/overlayfs-sim/index.js';
import { thrown } from '../support/errors.js';

const rootfs = (version: string) => {
  const built = buildTalosRootfs({ version });
  return { ...built, fs: createNodeFs(new Overlay({ lowers: [memfsLayer(built.volume, { name: '/layers/root' })] })) };
};

describe('buildTalosRootfs', () => {
  describe('v1.10 and later (merged /usr)', () => {
    const { fs, kernelRelease, modulesDir, firmwareDir, usrMerged } = rootfs('v1.10.3');

    it('names the version in /etc/os-release, exactly as Talos renders it', () => {
      expect(fs.readFileSync('/etc/os-release', 'utf8')).toBe(
        [
          'NAME="Talos"',
          'ID=talos',
          'VERSION_ID=v1.10.3',
          'PRETTY_NAME="Talos (v1.10.3)"',
          'HOME_URL="https://www.talos.dev/"',
          'BUG_REPORT_URL="https://github.com/siderolabs/talos/issues"',
          'VENDOR_NAME="Sidero Labs"',
          'VENDOR_URL="https://www.siderolabs.com/"',
          '',
        ].join('\n'),
      );
    });

    it('has an empty /etc/extensions.yaml', () => {
      expect(fs.statSync('/etc/extensions.yaml').isFile()).toBe(true);
      expect(fs.readFileSync('/etc/extensions.yaml', 'utf8')).toBe('');
    });

    it('keeps modules and firmware under /usr/lib, for the version kernel', () => {
      expect([usrMerged, kernelRelease, modulesDir, firmwareDir]).toEqual([
        true,
        '6.12.25-talos',
        '/usr/lib/modules/6.12.25-talos',
        '/usr/lib/firmware',
      ]);
      expect(fs.readdirSync('/usr/lib/modules/6.12.25-talos')).toEqual(['modules.dep']);
      expect(fs.statSync('/usr/lib/firmware').isDirectory()).toBe(true);
    });

    it('links /bin, /sbin, /lib and /lib64 into /usr, as the fhs package does since the usr merge', () => {
      expect(
        ['/bin', '/sbin', '/lib', '/lib64', '/usr/sbin', '/usr/lib64', '/var/run', '/var/lock'].map((p) =>
          fs.readlinkSync(p),
        ),
      ).toEqual(['usr/bin', 'usr/bin', 'usr/lib', 'usr/lib', 'bin', 'lib', '../run', '../run/lock']);
      expect(fs.readFileSync('/lib/modules/6.12.25-talos/modules.dep', 'utf8')).toBe('');
      expect(fs.realpathSync('/lib/firmware')).toBe('/usr/lib/firmware');
    });

    it('has /usr/bin and /usr/local, root-owned, with tmp sticky and /root private', () => {
      expect(fs.statSync('/usr/bin').isDirectory()).toBe(true);
      expect(fs.readdirSync('/usr/local')).toEqual(['lib', 'share']);
      expect(fs.statSync('/tmp').mode & 0o7777).toBe(0o1777);
      expect(fs.statSync('/root').mode & 0o7777).toBe(0o750);
      expect(fs.statSync('/etc/os-release').uid).toBe(0);
      expect(fs.readFileSync('/etc/localtime').subarray(0, 4).toString()).toBe('TZif');
    });
  });

  describe('before v1.10', () => {
    const { fs, modulesDir, firmwareDir, usrMerged } = rootfs('1.9.5');

    it('has real /lib, /bin and /sbin directories, with modules and firmware in /lib', () => {
      expect(usrMerged).toBe(false);
      expect(fs.lstatSync('/lib').isDirectory()).toBe(true);
      expect(fs.lstatSync('/sbin').isDirectory()).toBe(true);
      expect(fs.lstatSync('/var/run').isDirectory()).toBe(true);
      expect([modulesDir, firmwareDir]).toEqual(['/lib/modules/6.12.5-talos', '/lib/firmware']);
      expect(fs.existsSync('/lib/modules/6.12.5-talos/modules.dep')).toBe(true);
      expect(fs.existsSync('/usr/lib/modules')).toBe(false);
      expect(fs.readdirSync('/usr/local')).toEqual(['bin', 'include', 'lib', 'sbin', 'share']);
      expect(fs.readFileSync('/etc/os-release', 'utf8')).toContain('VERSION_ID=v1.9.5\n');
    });
  });

  it('takes an explicit kernel release, modules.dep and mtime', () => {
    const built = buildTalosRootfs({
      version: 'v1.11.2',
      kernelRelease: '6.12.48-talos',
      modulesDep: 'kernel/a.ko:\n',
      mtimeMs: 1e12,
    });
    const fs = createNodeFs(new Overlay({ lowers: [memfsLayer(built.volume)] }));
    expect(fs.readFileSync('/usr/lib/modules/6.12.48-talos/modules.dep', 'utf8')).toBe('kernel/a.ko:\n');
    expect(fs.statSync('/etc').mtimeMs).toBe(1e12);
  });

  it('is the bottom of a Talos root overlay: extension layers add modules and override modules.dep', () => {
    const base = buildTalosRootfs({ version: 'v1.10.0' });
    const ext = treeLayer(
      {
        usr: {
          lib: { modules: { '6.12.25-talos': { 'modules.dep': 'extra/drbd.ko:\n', extra: { 'drbd.ko': 'ko' } } } },
        },
      },
      { name: '/layers/layer0' },
    );
    const fs = createNodeFs(new Overlay({ lowers: [ext, memfsLayer(base.volume, { name: '/layers/root' })] }));
    expect(fs.readdirSync('/lib/modules/6.12.25-talos')).toEqual(['extra', 'modules.dep']);
    expect(fs.readFileSync('/lib/modules/6.12.25-talos/modules.dep', 'utf8')).toBe('extra/drbd.ko:\n');
  });
});

describe('Talos versions', () => {
  it.each([
    ['v1.3.0', '5.15.83-talos'],
    ['v1.6.4', '6.1.67-talos'],
    ['v1.7.0', '6.6.28-talos'],
    ['v1.9.0', '6.12.5-talos'],
    ['v1.10.3', '6.12.25-talos'],
    ['v1.10.9', '6.12.63-talos'],
    ['1.12.1', '6.18.1-talos'],
    ['v1.14.0-beta.1', '6.18.41-talos'],
  ])('%s ships kernel %s', (version, release) => {
    expect(buildTalosRootfs({ version }).kernelRelease).toBe(release);
  });

  it('normalises versions to the tag form', () => {
    expect(buildTalosRootfs({ version: '1.10.3' }).version.version).toBe('v1.10.3');
    expect(talosOsRelease('v1.14.0-beta.1')).toContain('PRETTY_NAME="Talos (v1.14.0-beta.1)"\n');
  });

  it('fails with a typed error on malformed versions and on lines without a known kernel', () => {
    const malformed = thrown(() => buildTalosRootfs({ version: 'latest' }));
    expect(isTalosVersionError(malformed)).toBe(true);
    const unknown = thrown(() => buildTalosRootfs({ version: 'v1.99.0' }));
    expect(unknown).toBeInstanceOf(TalosRootfsError);
    expect(unknown.message).toBe('no kernel known for Talos version "v1.99.0"; pass kernelRelease');
    expect(buildTalosRootfs({ version: 'v1.99.0', kernelRelease: '7.0.0-talos' }).modulesDir).toBe(
      '/usr/lib/modules/7.0.0-talos',
    );
  });
});
