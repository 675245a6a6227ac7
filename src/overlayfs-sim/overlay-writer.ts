// The write side of an overlay with an upper layer: every change lands in the upper, after copying up what it
// touches; removals leave whiteouts where a lower entry would show again; a directory created over a whited-out
// name is opaque; directories that have lower content cannot be renamed (EXDEV, as without redirect_dir).
import type { AttributeChanges, NewNode } from './filesystem.js';
import { FsError } from './fs-error.js';
import {
  createInode,
  linkStat,
  type MemfsLink,
  moveLink,
  removeLink,
  setInodeAttributes,
  setInodeTimes,
  truncateContent,
  writeContent,
} from './memfs-inodes.js';
import type { Overlay } from './overlay.js';
import { joinPath, type OverlayDentry } from './overlay-dentry.js';
import type { OverlayUpper } from './overlay-upper.js';
import { isOciMarkerName } from './whiteout.js';

export class OverlayWriter {
  constructor(
    private readonly overlay: Overlay,
    private readonly upper: OverlayUpper,
    private readonly now: () => number,
    /** Called after every change; `dirPath` names a directory whose listing changed. */
    private readonly changed: (dirPath: string | undefined, subtree: boolean) => void,
  ) {}

  private entry(dir: OverlayDentry, name: string, syscall: string): OverlayDentry {
    const found = this.overlay.lookup(dir, name);
    if (found === undefined) throw new FsError('ENOENT', syscall, joinPath(dir.path, name));
    return found;
  }

  create(dir: OverlayDentry, name: string, node: NewNode): OverlayDentry {
    const path = joinPath(dir.path, name);
    // In the upper, these names are whiteouts and opaque markers.
    if (isOciMarkerName(name)) throw new FsError('EINVAL', 'open', path);
    if (this.overlay.lookup(dir, name) !== undefined) throw new FsError('EEXIST', 'open', path);
    const parent = this.upper.copyUpDir(dir.path);
    this.upper.clearWhiteout(parent, name);
    const now = this.now();
    const link = createInode(this.upper.core, parent, name, { ...node, mtimeMs: now }, now);
    const reaches = this.upper.lowerReaches(dir, name);
    if (node.type === 'directory' && reaches) this.upper.markOpaque(link);
    this.changed(dir.path, false);
    return this.overlay.entryAt(path) as OverlayDentry;
  }

  write(entry: OverlayDentry, data: Uint8Array, position: number): void {
    writeContent(this.upper.copyUp(entry), data, position, this.now());
    this.changed(undefined, false);
  }

  truncate(entry: OverlayDentry, size: number): void {
    truncateContent(this.upper.copyUp(entry), size, this.now());
    this.changed(undefined, false);
  }

  setAttributes(entry: OverlayDentry, changes: AttributeChanges): void {
    const link = this.upper.copyUp(entry);
    const now = this.now();
    setInodeAttributes(link, changes, now);
    if (changes.atimeMs !== undefined || changes.mtimeMs !== undefined) {
      const current = linkStat(link);
      setInodeTimes(link, changes.atimeMs ?? current.atimeMs, changes.mtimeMs ?? current.mtimeMs, now);
    }
    this.changed(undefined, false);
  }

  remove(dir: OverlayDentry, name: string): void {
    const entry = this.entry(dir, name, 'unlink');
    const isDirectory = entry.type === 'directory';
    if (isDirectory && this.overlay.readdir(entry).length > 0) throw new FsError('ENOTEMPTY', 'rmdir', entry.path);
    const parent = this.upper.copyUpDir(dir.path);
    if (entry.upper !== undefined) removeLink(this.upper.core, entry.upper, this.now());
    if (entry.lower !== undefined) this.upper.addWhiteout(parent, name);
    this.changed(dir.path, isDirectory);
  }

  rename(fromDir: OverlayDentry, fromName: string, toDir: OverlayDentry, toName: string): void {
    const source = this.entry(fromDir, fromName, 'rename');
    const isDirectory = source.type === 'directory';
    const from = source.path;
    const to = joinPath(toDir.path, toName);
    // Without redirect_dir the kernel cannot move a directory whose content lives (partly) in lower layers.
    if (isDirectory && source.merged !== undefined) throw new FsError('EXDEV', 'rename', from, to);
    if (isOciMarkerName(toName)) throw new FsError('EINVAL', 'rename', from, to);
    const target = this.overlay.lookup(toDir, toName);
    if (target?.path === from) return;
    // after EXDEV, as ovl_rename checks: a directory replaced must be empty in the merged view
    if (target?.type === 'directory' && this.overlay.readdir(target).length > 0) {
      throw new FsError('ENOTEMPTY', 'rename', from, to);
    }
    const link = this.upper.copyUp(source);
    const sourceParent = link.parent as MemfsLink;
    const targetParent = this.upper.copyUpDir(toDir.path);
    const now = this.now();
    if (target?.upper !== undefined) removeLink(this.upper.core, target.upper, now);
    this.upper.clearWhiteout(targetParent, toName);
    moveLink(link, targetParent, toName, now);
    if (isDirectory && this.upper.lowerReaches(toDir, toName)) this.upper.markOpaque(link);
    if (source.lower !== undefined) this.upper.addWhiteout(sourceParent, fromName);
    this.changed(fromDir.path, isDirectory);
    this.changed(toDir.path, isDirectory);
  }
}
