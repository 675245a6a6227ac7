import { Volume } from 'memfs';
import { describe, expect, it } from 'vitest';
import {
  createNodeFs,
  type FsError,
  type Layer,
  OCI_OPAQUE_MARKER,
  Overlay,
  TreeNode,
  treeLayer,
} from '../../src/overlayfs-sim/index.js';
import { thrown } from '../support/errors.js';

describe('Overlay', () => {
  describe('with an upper layer', () => {
    const lowers = (): Layer[] => [
      treeLayer(
        {
          etc: TreeNode.directory(
            { hosts: TreeNode.file('ext', { mode: 0o640, uid: 7, mtimeMs: 1000 }) },
            { mode: 0o750, mtimeMs: 42 },
          ),
        },
        { name: 'ext' },
      ),
      treeLayer(
        {
          etc: TreeNode.directory({ hosts: 'root', motd: 'hi', deep: { a: 'a', b: 'b' } }, { mode: 0o700 }),
          lib: TreeNode.symlink('usr/lib'),
          usr: { lib: { 'libc.so': 'libc' } },
        },
        { name: 'root' },
      ),
    ];
    const make = () => {
      const upper = new Volume();
      const overlay = new Overlay({ lowers: lowers(), upper, now: () => 9000 });
      return { upper, overlay, fs: createNodeFs(overlay) };
    };

    it('copies a file up on write, keeping the lower mode and owner, and leaves the lower layers alone', () => {
      const { fs, upper, overlay } = make();
      fs.appendFileSync('/etc/hosts', '+');
      expect(fs.readFileSync('/etc/hosts', 'utf8')).toBe('ext+');
      const stats = fs.statSync('/etc/hosts');
      expect([stats.mode & 0o7777, stats.uid, stats.mtimeMs]).toEqual([0o640, 7, 9000]);
      expect(overlay.lowers[0]?.read('/etc/hosts', 0, 10)).toEqual(new TextEncoder().encode('ext'));
      expect(upper.readFileSync('/etc/hosts', 'utf8')).toBe('ext+');
    });

    it("creates copied-up parent directories with the top lower layer's modes and times", () => {
      const { fs, upper } = make();
      fs.writeFileSync('/etc/deep/c', 'c');
      const etc = upper.statSync('/etc');
      expect([etc.mode & 0o7777, etc.mtimeMs]).toEqual([0o750, 42]);
      expect(fs.readdirSync('/etc/deep')).toEqual(['a', 'b', 'c']);
    });

    it('leaves a whiteout when a lower file is unlinked, and the name stays gone', () => {
      const { fs, upper } = make();
      fs.unlinkSync('/etc/motd');
      expect(fs.existsSync('/etc/motd')).toBe(false);
      expect(fs.readdirSync('/etc')).toEqual(['deep', 'hosts']);
      expect(upper.readdirSync('/etc')).toContain('.wh.motd');
    });

    it('removes an empty lower directory with a whiteout, and refuses a non-empty one', () => {
      const { fs } = make();
      expect(thrown<FsError>(() => fs.rmdirSync('/etc/deep')).message).toBe(
        "ENOTEMPTY: directory not empty, rmdir '/etc/deep'",
      );
      fs.unlinkSync('/etc/deep/a');
      fs.unlinkSync('/etc/deep/b');
      fs.rmdirSync('/etc/deep');
      expect(fs.existsSync('/etc/deep')).toBe(false);
    });

    it('makes a directory created over a whited-out name opaque, so old lower content does not come back', () => {
      const { fs, upper } = make();
      fs.rmSync('/etc/deep', { recursive: true });
      fs.mkdirSync('/etc/deep');
      expect(fs.readdirSync('/etc/deep')).toEqual([]);
      expect(upper.readdirSync('/etc/deep')).toEqual([OCI_OPAQUE_MARKER]);
      expect(upper.existsSync('/etc/.wh.deep')).toBe(false);
    });

    it('fails with EXDEV when a directory with lower content is renamed, and renames pure-upper directories', () => {
      const { fs } = make();
      expect(thrown<FsError>(() => fs.renameSync('/etc', '/etc2')).message).toBe(
        "EXDEV: cross-device link not permitted, rename '/etc' -> '/etc2'",
      );
      fs.mkdirSync('/new');
      fs.writeFileSync('/new/file', 'x');
      fs.renameSync('/new', '/moved');
      expect(fs.readFileSync('/moved/file', 'utf8')).toBe('x');
      expect(fs.existsSync('/new')).toBe(false);
    });

    it('refuses to move a lower directory with EXDEV before it looks at a non-empty directory it would replace', () => {
      const { fs } = make();
      // as ovl_rename does (the kernel oracle found the other order); a pure-upper directory still gets ENOTEMPTY
      expect(thrown<FsError>(() => fs.renameSync('/etc/deep', '/usr')).code).toBe('EXDEV');
      fs.mkdirSync('/new');
      expect(thrown<FsError>(() => fs.renameSync('/new', '/usr')).code).toBe('ENOTEMPTY');
    });

    it('renames a lower file by copying it up and whiting out the old name', () => {
      const { fs } = make();
      fs.renameSync('/etc/motd', '/etc/motd.old');
      expect(fs.readdirSync('/etc')).toEqual(['deep', 'hosts', 'motd.old']);
      expect(fs.readFileSync('/etc/motd.old', 'utf8')).toBe('hi');
    });

    it('replaces a lower directory emptied by the caller when an upper directory is renamed over it', () => {
      const { fs } = make();
      fs.unlinkSync('/etc/deep/a');
      fs.unlinkSync('/etc/deep/b');
      fs.mkdirSync('/fresh');
      fs.writeFileSync('/fresh/x', 'x');
      fs.renameSync('/fresh', '/etc/deep');
      expect(fs.readdirSync('/etc/deep')).toEqual(['x']);
    });

    it('writes through symlinks resolved in the merged view', () => {
      const { fs } = make();
      fs.writeFileSync('/lib/libnew.so', 'new');
      expect(fs.readdirSync('/usr/lib')).toEqual(['libc.so', 'libnew.so']);
    });

    it('changes attributes by copying up: chmod, chown, utimes', () => {
      const { fs } = make();
      fs.chmodSync('/etc/motd', 0o600);
      fs.chownSync('/etc/motd', 5, 6);
      fs.utimesSync('/etc/motd', 10, 20);
      const stats = fs.statSync('/etc/motd');
      expect([stats.mode & 0o7777, stats.uid, stats.gid, stats.atimeMs, stats.mtimeMs]).toEqual([
        0o600, 5, 6, 10000, 20000,
      ]);
      expect(fs.readFileSync('/etc/motd', 'utf8')).toBe('hi');
    });

    it('reserves OCI marker names in the upper layer', () => {
      const { fs } = make();
      expect(thrown<FsError>(() => fs.writeFileSync('/etc/.wh.x', '')).message).toBe(
        "EINVAL: invalid argument, open '/etc/.wh.x'",
      );
    });

    it('stamps times only from the injected clock or the lower layers, never the wall clock', () => {
      const { fs, upper } = make();
      fs.writeFileSync('/etc/deep/c', 'c');
      fs.renameSync('/etc/motd', '/etc/deep/motd');
      fs.rmSync('/etc/deep/a');
      fs.mkdirSync('/var/log', { recursive: true });
      fs.symlinkSync('/var/log', '/log');
      const times = new Set<number>();
      const walk = (path: string): void => {
        const stats = upper.lstatSync(path);
        for (const t of [stats.atimeMs, stats.mtimeMs, stats.ctimeMs]) times.add(t);
        if (stats.isDirectory())
          for (const name of upper.readdirSync(path)) walk(`${path === '/' ? '' : path}/${name}`);
      };
      walk('/');
      expect([...times].sort((a, b) => a - b)).toEqual([0, 42, 9000]);
    });

    it('gives an empty upper the lower root attributes', () => {
      const { fs } = make();
      expect(fs.statSync('/').mode & 0o7777).toBe(0o755);
    });
  });
});
