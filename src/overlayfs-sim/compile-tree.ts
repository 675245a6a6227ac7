// Turns the plain-object tree notation into flat, validated inode records keyed by absolute path, the form both
// the tree layer and the memfs volume builder consume.
import { type FileType, makedev, PERMISSION_BITS, typeBits } from './file-type.js';
import type { LayerDirent, LayerStat } from './layer.js';
import { DEFAULT_MODES, type NodeAttributes, type TreeDirectory, type TreeEntry, TreeNode } from './tree-node.js';

/** One inode of a compiled tree. */
export interface CompiledEntry {
  readonly path: string;
  readonly type: FileType;
  readonly stat: LayerStat;
  /** Regular files: the content. */
  readonly content?: Uint8Array;
  /** Symlinks: the target. */
  readonly target?: string;
  /** Directories: the entries, sorted by name. */
  readonly children?: readonly LayerDirent[];
  readonly xattrs: ReadonlyMap<string, Uint8Array>;
}

/** A tree entry that cannot be turned into an inode (a bad name or attribute). */
export class LayerTreeError extends Error {
  readonly kind = 'layer-tree-error' as const;
  constructor(
    readonly path: string,
    readonly reason: string,
  ) {
    super(`invalid tree entry '${path}': ${reason}`);
  }
}

export function isLayerTreeError(err: unknown): err is LayerTreeError {
  return err instanceof LayerTreeError;
}

const encoder = new TextEncoder();
const bytes = (value: string | Uint8Array): Uint8Array => (typeof value === 'string' ? encoder.encode(value) : value);

function asNode(entry: TreeEntry): TreeNode {
  if (entry instanceof TreeNode) return entry;
  if (typeof entry === 'string' || entry instanceof Uint8Array) return TreeNode.file(entry);
  return TreeNode.directory(entry);
}

function checkName(parent: string, name: string): void {
  const path = parent === '/' ? `/${name}` : `${parent}/${name}`;
  if (name === '' || name === '.' || name === '..' || name.includes('/') || name.includes('\0')) {
    throw new LayerTreeError(path, 'a name must be non-empty, not . or .., without / or NUL');
  }
}

function checkAttributes(path: string, attrs: NodeAttributes): void {
  for (const key of ['uid', 'gid', 'mtimeMs'] as const) {
    const value = attrs[key];
    if (value !== undefined && !Number.isFinite(value))
      throw new LayerTreeError(path, `${key} must be a finite number`);
  }
  if (attrs.mode !== undefined && (!Number.isInteger(attrs.mode) || attrs.mode < 0 || attrs.mode > PERMISSION_BITS)) {
    throw new LayerTreeError(path, 'mode must be permission bits between 0 and 0o7777');
  }
}

/** Compiles a tree (its root is a directory) into inode records, parents before children; inode numbers count from 1. */
export function compileTree(root: TreeDirectory | TreeNode): ReadonlyMap<string, CompiledEntry> {
  const rootNode = asNode(root);
  if (rootNode.type !== 'directory') throw new LayerTreeError('/', 'the root of a tree must be a directory');
  const out = new Map<string, CompiledEntry>();
  let nextIno = 1;
  const visit = (path: string, node: TreeNode): CompiledEntry => {
    const attrs = node.attributes;
    checkAttributes(path, attrs);
    const payload = node.payload;
    const ino = nextIno++;
    const mode = typeBits(payload.type) | (attrs.mode ?? DEFAULT_MODES[payload.type]);
    const xattrs = new Map(Object.entries(attrs.xattrs ?? {}).map(([k, v]) => [k, bytes(v)] as const));
    const base = { ino, mode, uid: attrs.uid ?? 0, gid: attrs.gid ?? 0, mtimeMs: attrs.mtimeMs ?? 0 };
    let entry: CompiledEntry;
    switch (payload.type) {
      case 'file': {
        const content = bytes(payload.content);
        entry = { path, type: 'file', content, xattrs, stat: { ...base, nlink: 1, size: content.length, rdev: 0 } };
        break;
      }
      case 'symlink': {
        const size = encoder.encode(payload.target).length;
        entry = { path, type: 'symlink', target: payload.target, xattrs, stat: { ...base, nlink: 1, size, rdev: 0 } };
        break;
      }
      case 'directory': {
        // Registered before its children so the map lists parents first.
        const children: LayerDirent[] = [];
        const stat = { ...base, nlink: 2, size: 0, rdev: 0 };
        entry = { path, type: 'directory', children, xattrs, stat };
        out.set(path, entry);
        for (const name of Object.keys(payload.entries).sort()) {
          checkName(path, name);
          const child = visit(
            path === '/' ? `/${name}` : `${path}/${name}`,
            asNode(payload.entries[name] as TreeEntry),
          );
          if (child.type === 'directory') stat.nlink++;
          children.push({ name, type: child.type });
        }
        return entry;
      }
      case 'char-device':
      case 'block-device': {
        const rdev = makedev(payload.major, payload.minor);
        entry = { path, type: payload.type, xattrs, stat: { ...base, nlink: 1, size: 0, rdev } };
        break;
      }
      default:
        entry = { path, type: payload.type, xattrs, stat: { ...base, nlink: 1, size: 0, rdev: 0 } };
    }
    out.set(path, entry);
    return entry;
  };
  visit('/', rootNode);
  return out;
}
