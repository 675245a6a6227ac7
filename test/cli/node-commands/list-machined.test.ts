// machined's List over a node filesystem, the quirks of pkg/archiver's Walker and Go's filepath.Walk included, and
// the LABEL column the long listing makes of the xattrs it reports.
import { describe, expect, it } from 'vitest';
import { type ListRequest, machinedList } from '../../../src/cli/commands/list-machined.js';
import { longRow } from '../../../src/cli/commands/list-row.js';
import { machinedRelease } from '../../../src/cli/commands/node-command-release.js';
import { createNodeFs, MountTable, Overlay, TreeNode, treeLayer } from '../../../src/overlayfs-sim/index.js';

const LABEL = 'system_u:object_r:etc_t:s0';

function nodeFs() {
  const mounts = new MountTable();
  const tree = treeLayer({
    etc: {
      B: 'upper case sorts first',
      a: { b: { c: { 'deep.conf': 'x' } } },
      hosts: TreeNode.file('127.0.0.1 localhost\n', { xattrs: { 'security.selinux': `${LABEL}\0` } }),
      localtime: TreeNode.symlink('/usr/share/zoneinfo/UTC'),
      link: TreeNode.symlink('hosts'),
      dangling: TreeNode.symlink('/nope'),
    },
    usr: { share: { zoneinfo: { UTC: 'TZif2' } }, lib: { modules: {} } },
    lib: TreeNode.symlink('usr/lib'),
  });
  mounts.mount('/', new Overlay({ lowers: [tree] }), { readOnly: true });
  return createNodeFs(mounts);
}

const v1_13 = machinedRelease('v1.13.9');
const request = (root: string, more: Partial<ListRequest> = {}): ListRequest => ({
  root,
  recurse: false,
  recursionDepth: 1,
  types: [],
  reportXattrs: false,
  ...more,
});

function names(root: string, more: Partial<ListRequest> = {}): string[] {
  const reply = machinedList(nodeFs(), v1_13, request(root, more));
  if ('error' in reply) throw reply.error;
  return reply.files.map((f) => f.relativeName);
}

describe('machined List', () => {
  it('lists the root and its entries in byte order, making the root absolute and cutting one trailing slash', () => {
    expect(names('etc')).toEqual(['.', 'B', 'a', 'dangling', 'hosts', 'link', 'localtime']);
    expect(names('/etc/')).toEqual(names('/etc'));
  });

  it('counts depth in slashes: under / one level more shows than under a directory', () => {
    expect(names('/etc', { recurse: true, recursionDepth: 2 })).toContain('a/b');
    expect(names('/etc', { recurse: true, recursionDepth: 2 })).not.toContain('a/b/c');
    expect(names('/', { recurse: true, recursionDepth: 2 })).toContain('etc/a/b');
    expect(names('/', { recurse: true, recursionDepth: 2 })).not.toContain('etc/a/b/c');
    expect(names('/etc', { recurse: true, recursionDepth: -1 })).toContain('a/b/c/deep.conf');
  });

  it('walks into directories the type filter drops, whatever the depth, and filters the root too', () => {
    expect(names('/etc', { types: ['REGULAR'] })).toEqual(['B', 'a/b/c/deep.conf', 'hosts']);
    expect(names('/etc', { types: ['DIRECTORY'] })).toEqual(['.', 'a']);
    expect(names('/etc', { types: ['SYMLINK'] })).toEqual(['dangling', 'link', 'localtime']);
  });

  it('resolves a symlinked root first: a directory lists as `.`, a file by its own base name', () => {
    expect(names('/lib')).toEqual(['.', 'modules']);
    expect(names('/etc/localtime')).toEqual(['UTC']);
    expect(names('/etc/hosts')).toEqual(['hosts']);
  });

  it("fails with the failing call's Go error, as status Unknown", () => {
    const fs = nodeFs();
    const error = (root: string) => {
      const reply = machinedList(fs, v1_13, request(root));
      return 'error' in reply ? reply.error.message : undefined;
    };
    expect(error('/nope')).toBe('rpc error: code = Unknown desc = lstat /nope: no such file or directory');
    expect(error('/etc/dangling')).toBe('rpc error: code = Unknown desc = lstat /nope: no such file or directory');
    expect(error('/etc/hosts/x')).toBe('rpc error: code = Unknown desc = lstat /etc/hosts/x: not a directory');
  });

  it('reports symlinks with their target and xattrs (those of the target, as xattr.List follows) from v1.8', () => {
    const reply = machinedList(nodeFs(), v1_13, request('/etc', { reportXattrs: true }));
    if ('error' in reply) throw reply.error;
    const link = reply.files.find((f) => f.relativeName === 'link');
    expect(link).toMatchObject({ link: 'hosts', size: 5, uid: 0, gid: 0 });
    expect(link?.xattrs.map((x) => x.name)).toEqual(['security.selinux']);
    const old = machinedList(nodeFs(), machinedRelease('v1.7.7'), request('/etc', { reportXattrs: true }));
    if ('error' in old) throw old.error;
    expect(old.files.every((f) => f.xattrs.length === 0)).toBe(true);
  });

  it('LABEL: the raw value for talosctl v1.8 and v1.9, NULs and newlines trimmed from v1.10', () => {
    const reply = machinedList(nodeFs(), v1_13, request('/etc/hosts', { reportXattrs: true }));
    if ('error' in reply) throw reply.error;
    const file = reply.files[0] as (typeof reply.files)[number];
    const row = (label: 'raw' | 'trimmed') =>
      longRow('n', file, { label, humanize: false, now: 0, timeZone: 'UTC' }).split('\t')[6];
    expect(row('trimmed')).toBe(LABEL);
    expect(row('raw')).toBe(`${LABEL}\0`);
  });
});
