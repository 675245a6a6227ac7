import { readFileSync } from 'node:fs';
import { Volume } from 'memfs';
import { describe, expect, it } from 'vitest';
import {
  createNodeFs,
  type FsError,
  MountTable,
  Overlay,
  Tmpfs,
  TreeNode,
  treeLayer,
} from '../../src/overlayfs-sim/index.js';
import { thrown } from '../support/errors.js';

const golden = (name: string): string => readFileSync(new URL(`./golden/${name}`, import.meta.url), 'utf8');

function node() {
  const root = treeLayer(
    {
      etc: { 'extensions.yaml': '', hosts: '127.0.0.1 localhost' },
      tmp: {},
      var: {},
      system: {},
      'with space': {},
      usr: { lib: { firmware: { 'fw.bin': 'root fw' } } },
    },
    { name: '/layers/root' },
  );
  const layer0 = treeLayer(
    { usr: { local: { bin: { tool: TreeNode.file('#!', { mode: 0o755 }) } } } },
    { name: '/layers/layer0' },
  );
  const initramfs = new Tmpfs({ mode: 0o755 });
  const initFs = createNodeFs(initramfs);
  initFs.writeFileSync('/extensions.yaml', 'layers:\n  - image: 000-tool.sqsh\n');
  initFs.mkdirSync('/firmware');
  initFs.writeFileSync('/firmware/fw.bin', 'initramfs fw');
  const table = new MountTable();
  table.mount('/', new Overlay({ lowers: [layer0, root] }));
  table.bind(
    '/etc/extensions.yaml',
    { filesystem: initramfs, path: '/extensions.yaml' },
    { readOnly: true, source: 'initramfs' },
  );
  table.bind(
    '/usr/lib/firmware',
    { filesystem: initramfs, path: '/firmware' },
    { readOnly: true, source: 'initramfs' },
  );
  table.mount('/tmp', new Tmpfs(), { source: 'tmpfs' });
  table.mount('/system', new Tmpfs(), { source: 'tmpfs' });
  table.mount('/var', new Overlay({ lowers: [treeLayer({ lib: {} })], upper: new Volume() }));
  table.mount('/with space', new Tmpfs());
  return { table, fs: createNodeFs(table), initFs };
}

describe('MountTable', () => {
  it('lists mounts in mount order like /proc/mounts', () => {
    expect(node().table.procMounts()).toBe(golden('proc-mounts.txt'));
  });

  it('finds the mount of a path by longest prefix', () => {
    const { table } = node();
    expect(table.mountOf('/var/lib/containerd')?.target).toBe('/var');
    expect(table.mountOf('/variable')?.target).toBe('/');
    expect(table.mountOf('/etc/extensions.yaml')?.bind).toBe(true);
    expect(table.mountOf('/')?.fstype).toBe('overlay');
  });

  it('reads and writes through the mount a path crosses into', () => {
    const { fs } = node();
    expect(fs.readFileSync('/etc/extensions.yaml', 'utf8')).toBe('layers:\n  - image: 000-tool.sqsh\n');
    expect(fs.readdirSync('/usr/lib/firmware')).toEqual(['fw.bin']);
    expect(fs.readFileSync('/usr/lib/firmware/fw.bin', 'utf8')).toBe('initramfs fw');
    fs.writeFileSync('/tmp/scratch', 'x');
    fs.mkdirSync('/var/lib/containerd');
    expect(fs.readdirSync('/var/lib')).toEqual(['containerd']);
  });

  it('refuses writes on read-only mounts, including read-only binds of a writable filesystem', () => {
    const { fs, initFs } = node();
    expect(thrown<FsError>(() => fs.writeFileSync('/etc/extensions.yaml', 'x')).message).toBe(
      "EROFS: read-only file system, open '/etc/extensions.yaml'",
    );
    expect(thrown<FsError>(() => fs.writeFileSync('/usr/lib/firmware/new.bin', 'x')).code).toBe('EROFS');
    initFs.writeFileSync('/firmware/new.bin', 'late');
    expect(fs.readFileSync('/usr/lib/firmware/new.bin', 'utf8')).toBe('late');
  });

  it('fails with EXDEV when a rename crosses mounts, and EBUSY when it moves a mount point', () => {
    const { fs } = node();
    fs.writeFileSync('/tmp/a', 'a');
    expect(thrown<FsError>(() => fs.renameSync('/tmp/a', '/var/a')).message).toBe(
      "EXDEV: cross-device link not permitted, rename '/tmp/a' -> '/var/a'",
    );
    expect(thrown<FsError>(() => fs.renameSync('/var', '/var2')).code).toBe('EBUSY');
    fs.mkdirSync('/tmp/outer/inner', { recursive: true });
    fs.mounts.mount('/tmp/outer/inner', new Tmpfs());
    expect(thrown<FsError>(() => fs.renameSync('/tmp/outer', '/tmp/moved')).message).toBe(
      "EBUSY: resource busy or locked, rename '/tmp/outer' -> '/tmp/moved'",
    );
  });

  it('refuses to remove a mount point', () => {
    const { table, fs } = node();
    table.mount('/var/lib', new Tmpfs());
    expect(thrown<FsError>(() => fs.rmdirSync('/var/lib')).message).toBe(
      "EBUSY: resource busy or locked, rmdir '/var/lib'",
    );
    expect(thrown<FsError>(() => fs.rmSync('/var', { recursive: true })).code).toBe('EBUSY');
  });

  it('stacks mounts at one path and reveals the lower one on unmount', () => {
    const { table, fs } = node();
    fs.writeFileSync('/tmp/first', '1');
    table.mount('/tmp', new Tmpfs());
    expect(fs.readdirSync('/tmp')).toEqual([]);
    table.unmount('/tmp');
    expect(fs.readdirSync('/tmp')).toEqual(['first']);
  });

  it('refuses to unmount a mount with mounts below it, or a path that is not a mount point', () => {
    const { table } = node();
    table.mount('/var/lib', new Tmpfs());
    expect(thrown<FsError>(() => table.unmount('/var')).message).toBe("EBUSY: resource busy or locked, umount '/var'");
    expect(thrown<FsError>(() => table.unmount('/usr')).message).toBe("EINVAL: invalid argument, umount '/usr'");
    table.unmount('/var/lib');
    table.unmount('/var');
  });

  it('mounts only on existing targets of the same kind, the first one at /', () => {
    expect(thrown<FsError>(() => new MountTable().mount('/tmp', new Tmpfs())).message).toBe(
      "ENOENT: no such file or directory, mount '/tmp'",
    );
    const { table } = node();
    const missing = thrown<FsError>(() => table.mount('/missing', new Tmpfs()));
    expect(missing.code).toBe('ENOENT');
    expect(missing.stack).toContain('mount-table.test.ts'); // the caller's stack, though resolution makes none
    expect(thrown<FsError>(() => table.bind('/tmp', '/missing')).stack).toContain('mount-table.test.ts');
    expect(thrown<FsError>(() => table.bind('/tmp', '/etc/hosts')).code).toBe('ENOTDIR');
    expect(thrown<FsError>(() => table.bind('/etc/hosts', '/usr')).code).toBe('ENOTDIR');
  });

  it('binds a path of the namespace, resolving symlinks in the target', () => {
    const { table, fs } = node();
    fs.symlinkSync('/tmp', '/var/tmp-link');
    fs.mkdirSync('/tmp/dir');
    table.bind('/var/tmp-link/dir', '/usr/lib');
    expect(table.list().at(-1)?.target).toBe('/tmp/dir');
    expect(fs.readdirSync('/tmp/dir')).toEqual(['firmware']);
  });

  it('reports one st_dev per filesystem, shared by its bind mounts', () => {
    const { fs } = node();
    const devs = ['/', '/tmp', '/system', '/var', '/etc/extensions.yaml', '/usr/lib/firmware'].map(
      (p) => fs.statSync(p).dev,
    );
    expect(new Set(devs).size).toBe(5);
    expect(devs[4]).toBe(devs[5]);
  });

  it("shows a tmpfs's and an overlay upper's contents through memfs volumes, the ones given or made on request", () => {
    const given = new Volume();
    const upper = new Volume();
    const table = new MountTable();
    table.mount('/', new Overlay({ lowers: [treeLayer({ run: {}, tmp: {}, var: {} })], upper }));
    const made = new Tmpfs();
    table.mount('/run', made);
    const kept = new Tmpfs({ volume: given });
    table.mount('/tmp', kept);
    const fs = createNodeFs(table);
    fs.writeFileSync('/run/a', 'made');
    fs.writeFileSync('/tmp/b', 'given');
    fs.writeFileSync('/var/c', 'upper');
    expect(kept.volume).toBe(given);
    expect(made.volume).toBe(made.volume);
    expect([made.volume.readFileSync('/a', 'utf8'), given.readFileSync('/b', 'utf8')]).toEqual(['made', 'given']);
    expect(upper.readFileSync('/var/c', 'utf8')).toBe('upper');
    // and the other way: what is written through the volume is in the tmpfs
    made.volume.writeFileSync('/d', 'via memfs');
    expect(fs.readFileSync('/run/d', 'utf8')).toBe('via memfs');
  });
});
