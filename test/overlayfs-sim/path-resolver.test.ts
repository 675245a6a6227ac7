// Symlinks resolve through the whole overlay and never leave the mount root.
import { Volume } from 'memfs';
import { describe, expect, it } from 'vitest';
import {
  createNodeFs,
  type FsError,
  MAX_SYMLINKS,
  MountTable,
  Overlay,
  Tmpfs,
  type TreeDirectory,
  TreeNode,
  treeLayer,
} from '../../src/overlayfs-sim/index.js';
import { thrown } from '../support/errors.js';

/** A chain /chain/l0 -> l1 -> … -> l<n-1> -> /target of n symlinks. */
function chain(n: number): TreeDirectory {
  const links: Record<string, TreeNode> = {};
  for (let i = 0; i < n; i++) links[`l${i}`] = TreeNode.symlink(i === n - 1 ? '/target' : `l${i + 1}`);
  return { chain: links, target: 'end' };
}

describe('path resolution', () => {
  const base = treeLayer(
    {
      etc: { passwd: 'root:x:0:0', 'resolv.conf': TreeNode.symlink('/run/resolv.conf') },
      run: { 'resolv.conf': 'nameserver 1.1.1.1' },
      usr: { lib: { 'libc.so': 'libc' } },
      lib: TreeNode.symlink('usr/lib'),
      escape: {
        up: TreeNode.symlink('../../../../etc/passwd'),
        abs: TreeNode.symlink('/etc/passwd'),
        root: TreeNode.symlink('/'),
        dotdot: TreeNode.symlink('..'),
        loop: TreeNode.symlink('loop'),
        ping: TreeNode.symlink('pong'),
        pong: TreeNode.symlink('ping'),
        dangling: TreeNode.symlink('/nowhere/file'),
        empty: TreeNode.symlink(''),
      },
    },
    { name: 'root' },
  );
  // The layer that provides a symlink is not the one that provides its target: resolution runs in the merged view.
  const ext = treeLayer({ usr: { lib: { 'libext.so': 'ext' } } }, { name: 'ext' });
  const fs = createNodeFs(new Overlay({ lowers: [ext, base] }));

  it('follows relative and absolute symlinks through the merged view', () => {
    expect(fs.readFileSync('/lib/libext.so', 'utf8')).toBe('ext');
    expect(fs.readFileSync('/etc/resolv.conf', 'utf8')).toBe('nameserver 1.1.1.1');
    expect(fs.realpathSync('/lib/libc.so')).toBe('/usr/lib/libc.so');
  });

  it('keeps .. at the root at the root', () => {
    expect(fs.readFileSync('/../../../etc/passwd', 'utf8')).toBe('root:x:0:0');
    expect(fs.realpathSync('/..')).toBe('/');
    expect(fs.readdirSync('/../..')).toEqual(['escape', 'etc', 'lib', 'run', 'usr']);
  });

  it('resolves .. after the symlink before it, as Linux does (not textually)', () => {
    // /lib -> usr/lib, so /lib/.. is /usr, not /.
    expect(fs.readdirSync('/lib/..')).toEqual(['lib']);
    expect(fs.realpathSync('/lib/../lib/libc.so')).toBe('/usr/lib/libc.so');
  });

  it('cannot climb out of the mount root through a relative symlink', () => {
    expect(fs.readFileSync('/escape/up', 'utf8')).toBe('root:x:0:0');
    expect(fs.realpathSync('/escape/up')).toBe('/etc/passwd');
  });

  it('resolves absolute symlink targets inside the mount', () => {
    expect(fs.realpathSync('/escape/abs')).toBe('/etc/passwd');
    expect(fs.realpathSync('/escape/root/escape/dotdot/etc')).toBe('/etc');
  });

  it('fails with ELOOP on a symlink to itself and on a two-link cycle', () => {
    expect(thrown<FsError>(() => fs.statSync('/escape/loop')).message).toBe(
      "ELOOP: too many symbolic links encountered, stat '/escape/loop'",
    );
    expect(thrown<FsError>(() => fs.readFileSync('/escape/ping')).code).toBe('ELOOP');
    // lstat does not follow the last component, so a loop can still be inspected.
    expect(fs.lstatSync('/escape/loop').isSymbolicLink()).toBe(true);
  });

  it(`follows a chain of ${MAX_SYMLINKS} symlinks and fails with ELOOP on ${MAX_SYMLINKS + 1}`, () => {
    expect(MAX_SYMLINKS).toBe(40);
    const ok = createNodeFs(new Overlay({ lowers: [treeLayer(chain(MAX_SYMLINKS))] }));
    expect(ok.readFileSync('/chain/l0', 'utf8')).toBe('end');
    const tooLong = createNodeFs(new Overlay({ lowers: [treeLayer(chain(MAX_SYMLINKS + 1))] }));
    expect(thrown<FsError>(() => tooLong.readFileSync('/chain/l0')).code).toBe('ELOOP');
    expect(tooLong.readFileSync('/chain/l1', 'utf8')).toBe('end');
  });

  it('reports dangling and empty symlinks as missing', () => {
    expect(fs.existsSync('/escape/dangling')).toBe(false);
    expect(fs.lstatSync('/escape/dangling').isSymbolicLink()).toBe(true);
    expect(thrown<FsError>(() => fs.statSync('/escape/empty')).code).toBe('ENOENT');
  });

  it('treats a trailing slash as "must be a directory"', () => {
    expect(thrown<FsError>(() => fs.statSync('/etc/passwd/')).message).toBe(
      "ENOTDIR: not a directory, stat '/etc/passwd/'",
    );
    expect(fs.statSync('/lib/').isDirectory()).toBe(true);
    expect(fs.lstatSync('/lib/').isDirectory()).toBe(true);
    expect(fs.lstatSync('/lib').isSymbolicLink()).toBe(true);
  });

  it('fails with ENOTDIR when a middle component is a file and ENOENT when it is missing', () => {
    expect(thrown<FsError>(() => fs.statSync('/etc/passwd/x')).code).toBe('ENOTDIR');
    expect(thrown<FsError>(() => fs.statSync('/nope/x')).message).toBe(
      "ENOENT: no such file or directory, stat '/nope/x'",
    );
  });

  it('creates the target of a dangling symlink when writing through it, inside the mount', () => {
    const writable = createNodeFs(
      new Overlay({
        lowers: [treeLayer({ tmp: {}, link: TreeNode.symlink('../../tmp/created') })],
        upper: new Volume(),
      }),
    );
    writable.writeFileSync('/link', 'made');
    expect(writable.readFileSync('/tmp/created', 'utf8')).toBe('made');
  });

  it('resolves absolute symlinks from the namespace root when the overlay is mounted below it', () => {
    const table = new MountTable();
    table.mount('/', new Tmpfs());
    const ns = createNodeFs(table);
    ns.mkdirSync('/sysroot');
    ns.mkdirSync('/etc');
    ns.writeFileSync('/etc/passwd', 'host');
    table.mount('/sysroot', new Overlay({ lowers: [base] }));
    // An absolute target is resolved from the namespace root, as Linux does outside a chroot.
    expect(ns.readFileSync('/sysroot/escape/abs', 'utf8')).toBe('host');
    expect(ns.realpathSync('/sysroot/escape/up')).toBe('/etc/passwd');
    expect(ns.realpathSync('/sysroot/lib/libc.so')).toBe('/sysroot/usr/lib/libc.so');
  });

  it('resolves relative paths from the facade working directory', () => {
    const inEtc = createNodeFs(new Overlay({ lowers: [base] }), { cwd: '/etc' });
    expect(inEtc.readFileSync('passwd', 'utf8')).toBe('root:x:0:0');
    expect(inEtc.realpathSync('../lib')).toBe('/usr/lib');
    expect(thrown<FsError>(() => inEtc.statSync('missing')).message).toBe(
      "ENOENT: no such file or directory, stat 'missing'",
    );
  });

  it('accepts Buffer and file: URL paths, and rejects NUL bytes', () => {
    expect(fs.readFileSync(Buffer.from('/etc/passwd'), 'utf8')).toBe('root:x:0:0');
    expect(fs.readFileSync(new URL('file:///etc/passwd'), 'utf8')).toBe('root:x:0:0');
    expect(thrown<FsError>(() => fs.statSync('/etc\0/passwd')).code).toBe('EINVAL');
  });
});
