// statfs and extended attributes through the facade: what `talosctl mounts` and `talosctl ls -l` (LABEL) read.
// tmpfs follows shmem_statfs (pages; free ones only with a size limit), overlayfs ovl_statfs (its top layer's
// numbers under its own magic), and xattrs come from the inode the overlay shows, without overlayfs's own.
import { describe, expect, it } from 'vitest';
import {
  createNodeFs,
  type FilesystemStatfs,
  MountTable,
  Overlay,
  Tmpfs,
  TreeNode,
  treeLayer,
} from '../../src/overlayfs-sim/index.js';

const squashfsLike: FilesystemStatfs = {
  type: 0x73717368,
  bsize: 131072,
  blocks: 3,
  bfree: 0,
  bavail: 0,
  files: 7,
  ffree: 0,
};

function namespace() {
  const top = Object.assign(
    treeLayer(
      {
        etc: TreeNode.directory(
          {
            hosts: TreeNode.file('top\n', { xattrs: { 'security.selinux': 'system_u:object_r:etc_t:s0\0' } }),
            link: TreeNode.symlink('hosts'),
          },
          { xattrs: { 'trusted.overlay.opaque': 'y', 'user.note': 'dir' } },
        ),
      },
      { name: 'top' },
    ),
    { statfs: () => squashfsLike },
  );
  const bottom = treeLayer(
    { etc: { hosts: TreeNode.file('bottom\n', { xattrs: { 'user.bottom': '1' } }) }, tmp: {}, run: {} },
    { name: 'bottom' },
  );
  const mounts = new MountTable();
  mounts.mount('/', new Overlay({ lowers: [top, bottom] }), { readOnly: true });
  mounts.mount('/tmp', new Tmpfs({ size: 64 * 1024 * 1024 }));
  mounts.mount('/run', new Tmpfs());
  return createNodeFs(mounts);
}

describe('statfsSync', () => {
  it('reports a size-limited tmpfs in pages, free ones shrinking by whole pages per file', () => {
    const fs = namespace();
    const empty = fs.statfsSync('/tmp');
    expect(empty).toEqual({
      type: 0x01021994,
      bsize: 4096,
      blocks: 16384,
      bfree: 16384,
      bavail: 16384,
      files: 0,
      ffree: 0,
    });
    fs.writeFileSync('/tmp/a', 'x');
    fs.writeFileSync('/tmp/b', Buffer.alloc(4097));
    fs.mkdirSync('/tmp/d');
    expect(fs.statfsSync('/tmp/d').bavail).toBe(16384 - 3);
  });

  it('reports zero blocks for a tmpfs without a size, as Linux does', () => {
    expect(namespace().statfsSync('/run')).toMatchObject({ blocks: 0, bfree: 0, bavail: 0 });
  });

  it("reports a read-only overlay's top layer under the overlay magic, and zero blocks when it reports none", () => {
    const fs = namespace();
    expect(fs.statfsSync('/etc/link')).toEqual({ ...squashfsLike, type: 0x794c7630 });
    const mounts = new MountTable();
    mounts.mount('/', new Overlay({ lowers: [treeLayer({})] }));
    expect(createNodeFs(mounts).statfsSync('/')).toMatchObject({ type: 0x794c7630, blocks: 0 });
  });

  it('fails like node for a missing path', () => {
    expect(() => namespace().statfsSync('/nope')).toThrow("ENOENT: no such file or directory, statfs '/nope'");
  });
});

describe('listxattrSync and getxattrSync', () => {
  it("show the top layer's attributes of the entry, following symlinks, without overlayfs's own", () => {
    const fs = namespace();
    expect(fs.listxattrSync('/etc/hosts')).toEqual(['security.selinux']);
    expect(fs.listxattrSync('/etc/link')).toEqual(['security.selinux']);
    expect(fs.getxattrSync('/etc/link', 'security.selinux')?.toString('latin1')).toBe('system_u:object_r:etc_t:s0\0');
    expect(fs.listxattrSync('/etc')).toEqual(['user.note']);
    expect(fs.getxattrSync('/etc', 'trusted.overlay.opaque')).toBeUndefined();
    expect(fs.getxattrSync('/etc/hosts', 'user.bottom')).toBeUndefined();
  });

  it('find none on a tmpfs, and fail like node for a missing path', () => {
    const fs = namespace();
    fs.writeFileSync('/tmp/f', '');
    expect(fs.listxattrSync('/tmp/f')).toEqual([]);
    expect(fs.getxattrSync('/tmp/f', 'security.selinux')).toBeUndefined();
    expect(() => fs.listxattrSync('/nope')).toThrow("ENOENT: no such file or directory, listxattr '/nope'");
  });
});
