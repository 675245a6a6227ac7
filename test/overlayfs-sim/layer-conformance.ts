// Conformance suite for Layer implementations: every adapter (tree, memfs, and later squashfs) must answer the
// same calls on the same fixture the same way. `make` receives the fixture in tree notation.
import { describe, expect, it } from 'vitest';
import {
  type Layer,
  makedev,
  S_IFCHR,
  S_IFDIR,
  S_IFLNK,
  S_IFREG,
  type TreeDirectory,
  TreeNode,
} from '../../src/overlayfs-sim/index.js';

export const CONFORMANCE_TREE: TreeDirectory = {
  etc: TreeNode.directory(
    {
      hosts: TreeNode.file('127.0.0.1 localhost\n', { mode: 0o644, uid: 0, gid: 0, mtimeMs: 1_000_000 }),
      shadow: TreeNode.file('root:*:19000::::::\n', { mode: 0o600, uid: 0, gid: 42, mtimeMs: 2_000_000 }),
    },
    { mode: 0o755, mtimeMs: 3_000_000 },
  ),
  usr: { bin: { sh: TreeNode.file('#!/bin/sh\n', { mode: 0o4755 }) }, lib: {} },
  lib: TreeNode.symlink('usr/lib'),
  dev: { null: TreeNode.device('char-device', 1, 3, { mode: 0o666 }) },
  gone: TreeNode.whiteout(),
  '.wh.removed': '',
};

const decode = (bytes: Uint8Array): string => new TextDecoder().decode(bytes);

export function describeLayerConformance(name: string, make: (tree: TreeDirectory) => Layer): void {
  describe(`${name} (Layer conformance)`, () => {
    const layer = make(CONFORMANCE_TREE);

    it('reports inode data with lstat, type bits included', () => {
      expect(layer.lstat('/etc/hosts')).toMatchObject({
        mode: S_IFREG | 0o644,
        uid: 0,
        gid: 0,
        size: 20,
        mtimeMs: 1_000_000,
        rdev: 0,
      });
      expect(layer.lstat('/etc/shadow')).toMatchObject({ mode: S_IFREG | 0o600, gid: 42, mtimeMs: 2_000_000 });
      expect(layer.lstat('/usr/bin/sh')?.mode).toBe(S_IFREG | 0o4755);
      expect(layer.lstat('/etc')?.mode).toBe(S_IFDIR | 0o755);
      expect(layer.lstat('/etc')?.mtimeMs).toBe(3_000_000);
    });

    it('does not follow symlinks, and reports their size as the target length', () => {
      expect(layer.lstat('/lib')).toMatchObject({ mode: S_IFLNK | 0o777, size: 7 });
      expect(layer.readlink('/lib')).toBe('usr/lib');
      expect(layer.lstat('/lib/sh')).toBeUndefined();
    });

    it('reports devices with their device numbers, whiteouts as 0/0', () => {
      expect(layer.lstat('/dev/null')).toMatchObject({ mode: S_IFCHR | 0o666, rdev: makedev(1, 3) });
      expect(layer.lstat('/gone')).toMatchObject({ mode: S_IFCHR, rdev: 0 });
    });

    it('returns undefined for missing entries', () => {
      expect(layer.lstat('/nope')).toBeUndefined();
      expect(layer.lstat('/etc/nope')).toBeUndefined();
    });

    it('lists directories with types, markers included (the overlay filters them)', () => {
      const entries = [...layer.readdir('/')].sort((a, b) => a.name.localeCompare(b.name));
      expect(entries).toEqual([
        { name: '.wh.removed', type: 'file' },
        { name: 'dev', type: 'directory' },
        { name: 'etc', type: 'directory' },
        { name: 'gone', type: 'char-device' },
        { name: 'lib', type: 'symlink' },
        { name: 'usr', type: 'directory' },
      ]);
      expect(layer.readdir('/usr/lib')).toEqual([]);
    });

    it('reads byte ranges, short at the end of the file', () => {
      expect(decode(layer.read('/etc/hosts', 0, 1000))).toBe('127.0.0.1 localhost\n');
      expect(decode(layer.read('/etc/hosts', 10, 9))).toBe('localhost');
      expect(layer.read('/etc/hosts', 20, 5).length).toBe(0);
    });
  });
}
