import { describe, expect, it } from 'vitest';
import {
  createNodeFs,
  type FsError,
  memfsLayer,
  OCI_OPAQUE_MARKER,
  Overlay,
  TreeNode,
  treeLayer,
  volumeFromTree,
} from '../../src/overlayfs-sim/index.js';
import { thrown } from '../support/errors.js';

describe('Overlay', () => {
  describe('lookup across lower layers', () => {
    const root = treeLayer(
      {
        etc: { hosts: 'root hosts', issue: 'Talos' },
        usr: { bin: { sh: TreeNode.file('#!', { mode: 0o755 }) }, lib: { 'libc.so': 'libc' } },
        opt: { keep: 'kept', drop: 'dropped' },
      },
      { name: 'root' },
    );
    const kernelLayer = treeLayer(
      {
        etc: { hosts: TreeNode.file('ext hosts', { mode: 0o600, uid: 1000, gid: 1000, mtimeMs: 5000 }) },
        usr: { bin: TreeNode.whiteout(), lib: TreeNode.opaqueDirectory({ 'libext.so': 'ext' }) },
      },
      { name: 'kernel-markers' },
    );
    const ociLayer = treeLayer(
      { opt: { '.wh.drop': '', new: 'new' }, etc: { [OCI_OPAQUE_MARKER]: '', 'only-oci': 'x' } },
      { name: 'oci-markers' },
    );

    it('shows the topmost entry for a name and its inode data', () => {
      const fs = createNodeFs(new Overlay({ lowers: [kernelLayer, root] }));
      const stats = fs.statSync('/etc/hosts');
      expect(fs.readFileSync('/etc/hosts', 'utf8')).toBe('ext hosts');
      expect([stats.mode & 0o7777, stats.uid, stats.gid, stats.mtimeMs, stats.size]).toEqual([
        0o600, 1000, 1000, 5000, 9,
      ]);
      expect(fs.readFileSync('/etc/issue', 'utf8')).toBe('Talos');
    });

    it('hides a name below a kernel whiteout (character device 0/0) and never lists the whiteout', () => {
      const fs = createNodeFs(new Overlay({ lowers: [kernelLayer, root] }));
      expect(fs.existsSync('/usr/bin')).toBe(false);
      expect(fs.existsSync('/usr/bin/sh')).toBe(false);
      expect(fs.readdirSync('/usr')).toEqual(['lib']);
    });

    it('hides the lower content of a directory marked trusted.overlay.opaque=y', () => {
      const fs = createNodeFs(new Overlay({ lowers: [kernelLayer, root] }));
      expect(fs.readdirSync('/usr/lib')).toEqual(['libext.so']);
      expect(fs.existsSync('/usr/lib/libc.so')).toBe(false);
    });

    it('understands OCI whiteouts (.wh.<name>) and opaque markers (.wh..wh..opq) and never lists them', () => {
      const fs = createNodeFs(new Overlay({ lowers: [ociLayer, root] }));
      expect(fs.readdirSync('/opt')).toEqual(['keep', 'new']);
      expect(fs.readdirSync('/etc')).toEqual(['only-oci']);
      expect(fs.existsSync('/opt/.wh.drop')).toBe(false);
    });

    it('lets the marker convention be restricted: with kernel markers only, .wh. files are plain files', () => {
      const fs = createNodeFs(new Overlay({ lowers: [ociLayer, root], markers: 'kernel' }));
      expect(fs.readdirSync('/opt')).toEqual(['.wh.drop', 'drop', 'keep', 'new']);
    });

    it('merges directories, the top layer winning, sorted by name', () => {
      const fs = createNodeFs(new Overlay({ lowers: [ociLayer, kernelLayer, root] }));
      expect(fs.readdirSync('/')).toEqual(['etc', 'opt', 'usr']);
      expect(fs.readdirSync('/opt', { withFileTypes: true }).map((d) => [d.name, d.isFile()])).toEqual([
        ['keep', true],
        ['new', true],
      ]);
    });

    it('reports nlink 1 for a merged directory, as overlayfs does, and the layer value otherwise', () => {
      const fs = createNodeFs(new Overlay({ lowers: [kernelLayer, root] }));
      expect(fs.statSync('/etc').nlink).toBe(1);
      expect(fs.statSync('/opt').nlink).toBe(2);
    });

    it('stops merging at a non-directory: a file in a higher layer hides a lower directory', () => {
      const top = treeLayer({ usr: 'not a directory' });
      const fs = createNodeFs(new Overlay({ lowers: [top, root] }));
      expect(fs.statSync('/usr').isFile()).toBe(true);
      expect(thrown<FsError>(() => fs.statSync('/usr/bin/sh')).code).toBe('ENOTDIR');
    });

    it('keeps a file and a whiteout of the same name in one OCI layer: the whiteout only hides lower layers', () => {
      const both = treeLayer({ opt: { '.wh.keep': '', keep: 'mine' } });
      const fs = createNodeFs(new Overlay({ lowers: [both, root] }));
      expect(fs.readFileSync('/opt/keep', 'utf8')).toBe('mine');
    });

    it('reads layers from memfs volumes, with opaque xattrs supplied alongside', () => {
      const volume = volumeFromTree({ etc: { hosts: 'memfs', gone: TreeNode.whiteout() } });
      const layer = memfsLayer(volume, { name: 'memfs', xattrs: { '/etc': { 'trusted.overlay.opaque': 'y' } } });
      const fs = createNodeFs(new Overlay({ lowers: [layer, root] }));
      expect(fs.readdirSync('/etc')).toEqual(['hosts']);
    });

    it('needs at least one lower layer', () => {
      expect(thrown<FsError>(() => new Overlay({ lowers: [] })).message).toBe(
        "EINVAL: invalid argument, mount 'overlay'",
      );
    });
  });

  describe('without an upper layer', () => {
    const fs = createNodeFs(new Overlay({ lowers: [treeLayer({ etc: { hosts: 'h' } })] }));

    it.each([
      ['writeFileSync', () => fs.writeFileSync('/etc/hosts', 'x'), "EROFS: read-only file system, open '/etc/hosts'"],
      [
        'writeFileSync (new file)',
        () => fs.writeFileSync('/etc/new', 'x'),
        "EROFS: read-only file system, open '/etc/new'",
      ],
      ['appendFileSync', () => fs.appendFileSync('/etc/hosts', 'x'), "EROFS: read-only file system, open '/etc/hosts'"],
      ['mkdirSync', () => fs.mkdirSync('/var'), "EROFS: read-only file system, mkdir '/var'"],
      ['unlinkSync', () => fs.unlinkSync('/etc/hosts'), "EROFS: read-only file system, unlink '/etc/hosts'"],
      ['rmdirSync', () => fs.rmdirSync('/etc'), "EROFS: read-only file system, rmdir '/etc'"],
      [
        'renameSync',
        () => fs.renameSync('/etc/hosts', '/etc/h2'),
        "EROFS: read-only file system, rename '/etc/hosts' -> '/etc/h2'",
      ],
      [
        'symlinkSync',
        () => fs.symlinkSync('hosts', '/etc/l'),
        "EROFS: read-only file system, symlink 'hosts' -> '/etc/l'",
      ],
      ['chmodSync', () => fs.chmodSync('/etc/hosts', 0o600), "EROFS: read-only file system, chmod '/etc/hosts'"],
      ['chownSync', () => fs.chownSync('/etc/hosts', 1, 1), "EROFS: read-only file system, chown '/etc/hosts'"],
      ['utimesSync', () => fs.utimesSync('/etc/hosts', 1, 1), "EROFS: read-only file system, utime '/etc/hosts'"],
      ['truncateSync', () => fs.truncateSync('/etc/hosts'), "EROFS: read-only file system, open '/etc/hosts'"],
      ['rmSync', () => fs.rmSync('/etc', { recursive: true }), "EROFS: read-only file system, rm '/etc'"],
    ])('%s fails with EROFS shaped like a node:fs error', (_name, call, message) => {
      const err = thrown<FsError>(call);
      expect(err.message).toBe(message);
      expect(err.code).toBe('EROFS');
      expect(err.errno).toBe(-30);
      expect(Object.keys(err)).toEqual(expect.arrayContaining(['errno', 'code', 'syscall', 'path']));
    });

    it('still reports an existing name before the read-only filesystem for mkdir, as Linux does', () => {
      expect(thrown<FsError>(() => fs.mkdirSync('/etc')).message).toBe("EEXIST: file already exists, mkdir '/etc'");
    });

    it('answers access(W_OK) with EROFS', () => {
      expect(thrown<FsError>(() => fs.accessSync('/etc/hosts', fs.constants.W_OK)).code).toBe('EROFS');
      expect(() => fs.accessSync('/etc/hosts', fs.constants.R_OK)).not.toThrow();
    });
  });
});
