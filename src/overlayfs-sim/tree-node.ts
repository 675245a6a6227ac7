// A plain-object notation for small filesystem trees (test fixtures, skeleton root filesystems, layers):
// a string or byte array is a regular file, a plain object is a directory, and `TreeNode` describes anything
// else (symlinks, devices, whiteouts, opaque directories, or a file or directory with explicit attributes).
import type { FileType } from './file-type.js';
import { OVERLAY_OPAQUE_XATTR } from './whiteout.js';

/** Inode attributes a tree entry may set; defaults: root-owned, mtime 0, mode by type (see `TreeNode`). */
export interface NodeAttributes {
  /** Permission bits (0o7777 range); the type bits come from the kind of node. */
  readonly mode?: number;
  readonly uid?: number;
  readonly gid?: number;
  readonly mtimeMs?: number;
  readonly xattrs?: Readonly<Record<string, string | Uint8Array>>;
}

/** One entry of a tree: file content, a nested directory, or a described node. */
export type TreeEntry = string | Uint8Array | TreeNode | TreeDirectory;

/** A directory's entries by name. */
export interface TreeDirectory {
  readonly [name: string]: TreeEntry;
}

type Payload =
  | { readonly type: 'file'; readonly content: string | Uint8Array }
  | { readonly type: 'directory'; readonly entries: TreeDirectory }
  | { readonly type: 'symlink'; readonly target: string }
  | { readonly type: 'char-device' | 'block-device'; readonly major: number; readonly minor: number }
  | { readonly type: 'fifo' | 'socket' };

/** Default permission bits per type, as a root shell with umask 022 would create them. */
export const DEFAULT_MODES: Readonly<Record<FileType, number>> = {
  file: 0o644,
  directory: 0o755,
  symlink: 0o777,
  'char-device': 0o600,
  'block-device': 0o600,
  fifo: 0o644,
  socket: 0o755,
};

/** A described tree entry; build one with the static constructors. */
export class TreeNode {
  private constructor(
    /** @internal What the entry holds, by type; read by compileTree (the getters are the public view). */
    readonly payload: Payload,
    readonly attributes: NodeAttributes,
  ) {}

  get type(): FileType {
    return this.payload.type;
  }

  static file(content: string | Uint8Array, attributes: NodeAttributes = {}): TreeNode {
    return new TreeNode({ type: 'file', content }, attributes);
  }

  static directory(entries: TreeDirectory = {}, attributes: NodeAttributes = {}): TreeNode {
    return new TreeNode({ type: 'directory', entries }, attributes);
  }

  static symlink(target: string, attributes: NodeAttributes = {}): TreeNode {
    return new TreeNode({ type: 'symlink', target }, attributes);
  }

  static device(
    type: 'char-device' | 'block-device',
    major: number,
    minor: number,
    attributes: NodeAttributes = {},
  ): TreeNode {
    return new TreeNode({ type, major, minor }, attributes);
  }

  static fifo(attributes: NodeAttributes = {}): TreeNode {
    return new TreeNode({ type: 'fifo' }, attributes);
  }

  static socket(attributes: NodeAttributes = {}): TreeNode {
    return new TreeNode({ type: 'socket' }, attributes);
  }

  /** A kernel-style whiteout: a character device 0/0 with mode 0, as overlayfs itself creates them. */
  static whiteout(): TreeNode {
    return new TreeNode({ type: 'char-device', major: 0, minor: 0 }, { mode: 0 });
  }

  /** A kernel-style opaque directory: `trusted.overlay.opaque=y` hides the layers below it. */
  static opaqueDirectory(entries: TreeDirectory = {}, attributes: NodeAttributes = {}): TreeNode {
    const xattrs = { ...attributes.xattrs, [OVERLAY_OPAQUE_XATTR]: 'y' };
    return new TreeNode({ type: 'directory', entries }, { ...attributes, xattrs });
  }
}
