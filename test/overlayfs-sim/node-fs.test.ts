import * as realFs from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Volume } from 'memfs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createNodeFs,
  type FsError,
  isFsError,
  MountTable,
  type NodeFs,
  Overlay,
  Stats,
  Tmpfs,
  TreeNode,
  treeLayer,
} from '../../src/overlayfs-sim/index.js';
import { thrown } from '../support/errors.js';

const rejection = async (promise: Promise<unknown>): Promise<FsError> => {
  try {
    await promise;
  } catch (err) {
    return err as FsError;
  }
  throw new Error('expected the promise to reject');
};

/** The same small tree, built in a real directory (the oracle) and in a simulated one. */
function populate(fs: Pick<NodeFs, 'mkdirSync' | 'writeFileSync' | 'symlinkSync'>, root: string): void {
  fs.mkdirSync(`${root}/dir/sub`, { recursive: true });
  fs.writeFileSync(`${root}/dir/file`, 'content');
  fs.symlinkSync('file', `${root}/dir/link`);
  fs.symlinkSync('missing', `${root}/dir/dangling`);
  fs.symlinkSync('sub', `${root}/dir/sub-link`);
  fs.symlinkSync('nope/.', `${root}/dir/dot-link`);
}

describe('createNodeFs', () => {
  describe('errors compared with node:fs on a real directory', () => {
    let real: string;
    const sim = createNodeFs(new Tmpfs({ mode: 0o755 }));
    beforeAll(() => {
      real = realFs.mkdtempSync(join(tmpdir(), 'overlayfs-sim-'));
      populate(realFs as unknown as NodeFs, real);
      populate(sim, '');
    });
    afterAll(() => realFs.rmSync(real, { recursive: true, force: true }));

    const calls: [string, (fs: NodeFs, root: string) => unknown][] = [
      ['stat of a missing path', (fs, r) => fs.statSync(`${r}/dir/nope`)],
      ['lstat below a file', (fs, r) => fs.lstatSync(`${r}/dir/file/x`)],
      ['lstat of a file\'s ".."', (fs, r) => fs.lstatSync(`${r}/dir/file/..`)],
      ['stat of ".." through a link to a file', (fs, r) => fs.statSync(`${r}/dir/link/../sub`)],
      ['readFile of a directory', (fs, r) => fs.readFileSync(`${r}/dir`)],
      ['readFile of a missing file', (fs, r) => fs.readFileSync(`${r}/dir/nope`)],
      ['readFile through a dangling link', (fs, r) => fs.readFileSync(`${r}/dir/dangling`)],
      ['readdir of a file', (fs, r) => fs.readdirSync(`${r}/dir/file`)],
      ['readlink of a file', (fs, r) => fs.readlinkSync(`${r}/dir/file`)],
      ['realpath of a missing path', (fs, r) => fs.realpathSync(`${r}/dir/nope/deeper`)],
      ['realpath.native of a missing path', (fs, r) => fs.realpathSync.native(`${r}/dir/nope/deeper`)],
      ['realpath through a dangling link', (fs, r) => fs.realpathSync(`${r}/dir/dangling/x`)],
      ['realpath below a file', (fs, r) => fs.realpathSync(`${r}/dir/link/x`)],
      ['realpath.native of a file\'s ".."', (fs, r) => fs.realpathSync.native(`${r}/dir/file/..`)],
      ['access of a missing path', (fs, r) => fs.accessSync(`${r}/dir/nope`)],
      ['mkdir of an existing directory', (fs, r) => fs.mkdirSync(`${r}/dir`)],
      ['mkdir below a missing directory', (fs, r) => fs.mkdirSync(`${r}/nope/sub`)],
      ['writeFile onto a directory', (fs, r) => fs.writeFileSync(`${r}/dir`, 'x')],
      ['writeFile below a missing directory', (fs, r) => fs.writeFileSync(`${r}/nope/file`, 'x')],
      ['writeFile with flag wx onto a file', (fs, r) => fs.writeFileSync(`${r}/dir/file`, 'x', { flag: 'wx' })],
      ['unlink of a directory', (fs, r) => fs.unlinkSync(`${r}/dir/sub`)],
      ['unlink of a missing file', (fs, r) => fs.unlinkSync(`${r}/dir/nope`)],
      ['rmdir of a file', (fs, r) => fs.rmdirSync(`${r}/dir/file`)],
      ['rmdir of a non-empty directory', (fs, r) => fs.rmdirSync(`${r}/dir`)],
      ['rename of a missing file', (fs, r) => fs.renameSync(`${r}/dir/nope`, `${r}/dir/other`)],
      ['rename of a directory onto a file', (fs, r) => fs.renameSync(`${r}/dir/sub`, `${r}/dir/file`)],
      ['rename of a file onto a directory', (fs, r) => fs.renameSync(`${r}/dir/file`, `${r}/dir/sub`)],
      ['rename of a directory into itself', (fs, r) => fs.renameSync(`${r}/dir`, `${r}/dir/sub/inner`)],
      ['rename onto an ancestor of the source', (fs, r) => fs.renameSync(`${r}/dir/file`, `${r}/dir`)],
      ['rename of a missing name to below a file', (fs, r) => fs.renameSync(`${r}/dir/nope`, `${r}/dir/file/x`)],
      ['rename of a missing name to "."', (fs, r) => fs.renameSync(`${r}/dir/nope`, `${r}/dir/.`)],
      ['rename of a file with a trailing slash', (fs, r) => fs.renameSync(`${r}/dir/file/`, `${r}/dir/moved`)],
      ['mkdir through a dangling link with a trailing slash', (fs, r) => fs.mkdirSync(`${r}/dir/dangling/`)],
      ['mkdir of a missing name then "."', (fs, r) => fs.mkdirSync(`${r}/dir/nope/.`)],
      ['symlink onto a missing name with a trailing slash', (fs, r) => fs.symlinkSync('t', `${r}/dir/new/`)],
      ['writeFile with a trailing slash', (fs, r) => fs.writeFileSync(`${r}/dir/new/`, 'x')],
      ['writeFile through a link whose target ends in "/."', (fs, r) => fs.writeFileSync(`${r}/dir/dot-link`, 'x')],
      ['unlink of a file with a trailing slash', (fs, r) => fs.unlinkSync(`${r}/dir/file/`)],
      ['unlink of "."', (fs, r) => fs.unlinkSync(`${r}/dir/.`)],
      ['rmdir of "."', (fs, r) => fs.rmdirSync(`${r}/dir/.`)],
      ['rmdir of ".."', (fs, r) => fs.rmdirSync(`${r}/dir/sub/..`)],
      ['rmdir of a link to a directory, with a trailing slash', (fs, r) => fs.rmdirSync(`${r}/dir/sub-link/`)],
      ['writeFile wx onto a dangling link', (fs, r) => fs.writeFileSync(`${r}/dir/dangling`, 'x', { flag: 'wx' })],
      ['recursive mkdir through a dangling link', (fs, r) => fs.mkdirSync(`${r}/dir/dangling/x`, { recursive: true })],
      ['recursive mkdir of a file then "."', (fs, r) => fs.mkdirSync(`${r}/dir/file/.`, { recursive: true })],
      [
        'recursive mkdir of a file with a trailing slash',
        (fs, r) => fs.mkdirSync(`${r}/dir/file/`, { recursive: true }),
      ],
      ['copyFile of a directory', (fs, r) => fs.copyFileSync(`${r}/dir/sub`, `${r}/dir/copy`)],
      ['symlink onto an existing name', (fs, r) => fs.symlinkSync('target', `${r}/dir/file`)],
      ['copyFile of a missing file', (fs, r) => fs.copyFileSync(`${r}/dir/nope`, `${r}/dir/copy`)],
      ['copyFile with COPYFILE_EXCL onto a file', (fs, r) => fs.copyFileSync(`${r}/dir/file`, `${r}/dir/file`, 1)],
      ['truncate of a directory', (fs, r) => fs.truncateSync(`${r}/dir`)],
      ['chmod of a missing path', (fs, r) => fs.chmodSync(`${r}/dir/nope`, 0o644)],
      ['utimes of a missing path', (fs, r) => fs.utimesSync(`${r}/dir/nope`, 1, 1)],
    ];

    it('resolves realpath as node does: the synchronous one lexically, the promise one as realpath(3)', async () => {
      const canonical = realFs.realpathSync(real);
      expect(sim.realpathSync('/dir/file/..')).toBe(realFs.realpathSync(`${real}/dir/file/..`).slice(canonical.length));
      const expected = await rejection(realFs.promises.realpath(`${real}/dir/file/..`));
      const actual = await rejection(sim.promises.realpath('/dir/file/..'));
      expect([actual.code, actual.syscall, actual.message]).toEqual([
        expected.code,
        expected.syscall,
        expected.message.split(real).join(''),
      ]);
    });

    it("refuses rm of a directory without recursive with node's SystemError", () => {
      const expected = thrown<NodeJS.ErrnoException>(() => realFs.rmSync(`${real}/dir`));
      const actual = thrown<NodeJS.ErrnoException>(() => sim.rmSync('/dir'));
      const fields = (e: NodeJS.ErrnoException) => [e.name, e.code, e.errno, e.syscall, e.message];
      expect(fields(actual)).toEqual(fields(expected).map((v) => (typeof v === 'string' ? v.split(real).join('') : v)));
    });

    // node:fs differs between runtimes here (Node 24 empties the directory, then throws with code ''): the
    // simulation keeps Node 20's answer, which is the kernel's rmdir(2) on "."
    it('refuses a recursive rm of a path ending in "." with EINVAL and removes nothing', () => {
      const fs = createNodeFs(new Tmpfs({ mode: 0o755 }));
      populate(fs, '');
      expect(thrown<FsError>(() => fs.rmSync('/dir/.', { recursive: true })).code).toBe('EINVAL');
      expect(fs.readdirSync('/dir').sort()).toEqual(realFs.readdirSync(`${real}/dir`).sort());
    });

    it.each(calls)('%s fails with the same code, syscall and message', (_name, call) => {
      let expected: NodeJS.ErrnoException | undefined;
      try {
        call(realFs as unknown as NodeFs, real);
      } catch (err) {
        expected = err as NodeJS.ErrnoException;
      }
      const actual = thrown<FsError>(() => call(sim, ''));
      expect(isFsError(actual)).toBe(true);
      expect(expected).toBeDefined();
      const shown = (text: string | undefined) => text?.split(real).join('');
      expect([actual.code, actual.errno, actual.syscall, actual.message]).toEqual([
        expected?.code,
        expected?.errno,
        expected?.syscall,
        shown(expected?.message),
      ]);
    });
  });

  describe('read side', () => {
    const layer = treeLayer({
      etc: {
        hosts: TreeNode.file('127.0.0.1 localhost\n', { mode: 0o644, uid: 0, gid: 0, mtimeMs: 1_700_000_000_000 }),
        shadow: TreeNode.file('secret', { mode: 0o600 }),
        ssl: { certs: { 'ca.crt': 'CA' } },
      },
      dev: { null: TreeNode.device('char-device', 1, 3, { mode: 0o666 }), sda: TreeNode.device('block-device', 8, 0) },
      run: { fifo: TreeNode.fifo(), sock: TreeNode.socket() },
      sbin: TreeNode.symlink('usr/bin'),
      usr: { bin: { init: TreeNode.file('ELF', { mode: 0o755 }) } },
    });
    const fs = createNodeFs(new Overlay({ lowers: [layer] }));

    it('returns Stats with node fields and Dates made from the millisecond times', () => {
      const stats = fs.statSync('/etc/hosts');
      expect(stats).toBeInstanceOf(Stats);
      expect(stats.isFile()).toBe(true);
      expect(stats.mode).toBe(0o100644);
      expect(stats.size).toBe(20);
      expect(stats.blksize).toBe(4096);
      expect(stats.blocks).toBe(8);
      expect(stats.mtime.toISOString()).toBe('2023-11-14T22:13:20.000Z');
      expect(stats.mtimeMs).toBe(1_700_000_000_000);
    });

    it('reports every file type and device numbers', () => {
      expect(fs.statSync('/dev/null').isCharacterDevice()).toBe(true);
      expect(fs.statSync('/dev/null').rdev).toBe(0x103);
      expect(fs.statSync('/dev/sda').isBlockDevice()).toBe(true);
      expect(fs.statSync('/run/fifo').isFIFO()).toBe(true);
      expect(fs.statSync('/run/sock').isSocket()).toBe(true);
      expect(fs.lstatSync('/sbin').isSymbolicLink()).toBe(true);
      expect(fs.lstatSync('/sbin').size).toBe('usr/bin'.length);
    });

    it('returns undefined for a missing path with throwIfNoEntry: false', () => {
      expect(fs.statSync('/nope', { throwIfNoEntry: false })).toBeUndefined();
      expect(fs.lstatSync('/nope', { throwIfNoEntry: false })).toBeUndefined();
      expect(thrown<FsError>(() => fs.statSync('/etc/hosts/x', { throwIfNoEntry: false })).code).toBe('ENOTDIR');
    });

    it('reads files as Buffers or strings in the requested encoding', () => {
      expect(fs.readFileSync('/etc/ssl/certs/ca.crt')).toEqual(Buffer.from('CA'));
      expect(fs.readFileSync('/etc/ssl/certs/ca.crt', { encoding: 'hex' })).toBe('4341');
      expect(fs.readFileSync('/dev/null', 'utf8')).toBe('');
    });

    it('lists directories with Dirents, and recursively breadth-first like node', () => {
      const dirents = fs.readdirSync('/dev', { withFileTypes: true });
      expect(dirents.map((d) => [d.name, d.parentPath, d.isCharacterDevice(), d.isBlockDevice()])).toEqual([
        ['null', '/dev', true, false],
        ['sda', '/dev', false, true],
      ]);
      expect(fs.readdirSync('/etc', { recursive: true })).toEqual([
        'hosts',
        'shadow',
        'ssl',
        'ssl/certs',
        'ssl/certs/ca.crt',
      ]);
      const deep = fs.readdirSync('/etc', { recursive: true, withFileTypes: true });
      expect(deep.map((d) => `${d.parentPath}:${d.name}`)).toEqual([
        '/etc:hosts',
        '/etc:shadow',
        '/etc:ssl',
        '/etc/ssl:certs',
        '/etc/ssl/certs:ca.crt',
      ]);
    });

    it('answers existsSync and accessSync, root bypassing permissions except execute', () => {
      expect(fs.existsSync('/sbin/init')).toBe(true);
      expect(fs.existsSync('/etc/nope')).toBe(false);
      expect(() => fs.accessSync('/etc/shadow', fs.constants.R_OK)).not.toThrow();
      expect(() => fs.accessSync('/usr/bin/init', fs.constants.X_OK)).not.toThrow();
      expect(thrown<FsError>(() => fs.accessSync('/etc/hosts', fs.constants.X_OK)).message).toBe(
        "EACCES: permission denied, access '/etc/hosts'",
      );
    });

    it('checks permissions for callers other than root', () => {
      const user = createNodeFs(new Overlay({ lowers: [layer] }), { credentials: { uid: 1000, gid: 1000 } });
      expect(thrown<FsError>(() => user.readFileSync('/etc/shadow')).message).toBe(
        "EACCES: permission denied, open '/etc/shadow'",
      );
      expect(user.readFileSync('/etc/hosts', 'utf8')).toBe('127.0.0.1 localhost\n');
    });

    it('has promise forms that resolve and reject like the sync calls', async () => {
      await expect(fs.promises.readFile('/etc/hosts', 'utf8')).resolves.toBe('127.0.0.1 localhost\n');
      await expect(fs.promises.readdir('/usr')).resolves.toEqual(['bin']);
      await expect(fs.promises.realpath('/sbin/init')).resolves.toBe('/usr/bin/init');
      await expect(fs.promises.exists('/etc')).resolves.toBe(true);
      expect((await fs.promises.lstat('/sbin')).isSymbolicLink()).toBe(true);
      expect((await rejection(fs.promises.stat('/nope'))).message).toBe(
        "ENOENT: no such file or directory, stat '/nope'",
      );
      expect((await rejection(fs.promises.writeFile('/etc/x', ''))).code).toBe('EROFS');
    });
  });

  describe('write side', () => {
    const make = () => {
      const table = new MountTable();
      table.mount(
        '/',
        new Overlay({ lowers: [treeLayer({ etc: { hosts: 'h' }, tmp: {} })], upper: new Volume(), now: () => 5000 }),
      );
      table.mount('/tmp', new Tmpfs({ now: () => 7000 }));
      return createNodeFs(table);
    };

    it('applies the umask to new files and directories, and takes owner from the credentials', () => {
      const fs = make();
      fs.writeFileSync('/tmp/f', 'x', { mode: 0o666 });
      fs.mkdirSync('/tmp/d', { mode: 0o777 });
      expect(fs.statSync('/tmp/f').mode & 0o7777).toBe(0o644);
      expect(fs.statSync('/tmp/d').mode & 0o7777).toBe(0o755);
      expect(fs.statSync('/tmp/f').mtimeMs).toBe(7000);
      const strict = createNodeFs(fs.mounts, { umask: 0o077 });
      strict.writeFileSync('/tmp/g', 'x');
      expect(strict.statSync('/tmp/g').mode & 0o7777).toBe(0o600);
    });

    it('creates directory trees with mkdir recursive, returning the first one created', () => {
      const fs = make();
      expect(fs.mkdirSync('/etc/a/b/c', { recursive: true })).toBe('/etc/a');
      expect(fs.mkdirSync('/etc/a/b/c', { recursive: true })).toBeUndefined();
      expect(thrown<FsError>(() => fs.mkdirSync('/etc/hosts/x', { recursive: true })).code).toBe('ENOTDIR');
    });

    it('appends, truncates, copies and removes', () => {
      const fs = make();
      fs.appendFileSync('/etc/hosts', 'osts');
      expect(fs.readFileSync('/etc/hosts', 'utf8')).toBe('hosts');
      fs.truncateSync('/etc/hosts', 2);
      expect(fs.readFileSync('/etc/hosts', 'utf8')).toBe('ho');
      fs.copyFileSync('/etc/hosts', '/tmp/hosts');
      expect(fs.readFileSync('/tmp/hosts', 'utf8')).toBe('ho');
      fs.rmSync('/etc', { recursive: true });
      expect(fs.readdirSync('/')).toEqual(['tmp']);
      fs.rmSync('/etc', { force: true });
      // node's own SystemError, not an errno error
      expect(thrown(() => fs.rmSync('/tmp'))).toMatchObject({
        code: 'ERR_FS_EISDIR',
        errno: 21,
        syscall: 'rm',
        message: 'Path is a directory: rm returned EISDIR (is a directory) /tmp',
      });
    });

    it('forbids chown and chmod of other users files to non-root callers', () => {
      const fs = make();
      const user = createNodeFs(fs.mounts, { credentials: { uid: 1000, gid: 1000 } });
      expect(thrown<FsError>(() => user.chownSync('/etc/hosts', 1000, 1000)).message).toBe(
        "EPERM: operation not permitted, chown '/etc/hosts'",
      );
      expect(thrown<FsError>(() => user.chmodSync('/etc/hosts', 0o777)).code).toBe('EPERM');
      expect(thrown<FsError>(() => user.writeFileSync('/etc/new', 'x')).code).toBe('EACCES');
    });

    it('writes through the promise forms', async () => {
      const fs = make();
      await fs.promises.mkdir('/tmp/p/q', { recursive: true });
      await fs.promises.writeFile('/tmp/p/q/f', 'data');
      await fs.promises.rename('/tmp/p/q/f', '/tmp/p/g');
      await fs.promises.symlink('g', '/tmp/p/link');
      expect(await fs.promises.readFile('/tmp/p/link', 'utf8')).toBe('data');
      await fs.promises.rm('/tmp/p', { recursive: true });
      expect(fs.existsSync('/tmp/p')).toBe(false);
    });
  });
});
