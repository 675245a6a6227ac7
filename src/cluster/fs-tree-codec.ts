// An FsTree as JSON-able nodes plus blobs of file contents, for the files talos-sim keeps on disk (the boot-asset
// cache's initramfs, a kept cluster's images): every node in pre-order, root first, with its metadata; a file's
// contents as [offset, length] into blobs stored after the nodes; a second name of a node (a hard link) as the index
// of its first. Decoding checks every node, since the bytes come from a file anyone may have changed.
import {
  deviceNode,
  directoryNode,
  type FsDirectory,
  type FsNode,
  FsTree,
  fileNode,
  specialNode,
  symlinkNode,
} from '../extensions/index.js';

/** Where a file's contents are: offset and length after the encoded nodes. */
export type TreeBlob = readonly [offset: number, length: number];

export interface EncodedTreeNode {
  readonly path: string;
  readonly kind: FsNode['kind'];
  readonly mode: number;
  readonly uid: number;
  readonly gid: number;
  readonly mtime: number;
  readonly xattrs?: Record<string, string>;
  readonly target?: string;
  readonly device?: readonly [major: number, minor: number];
  readonly blob?: TreeBlob;
  /** A hard link: the index of the node it is another name of. */
  readonly link?: number;
}

const KINDS: ReadonlySet<string> = new Set([
  'directory',
  'file',
  'symlink',
  'char-device',
  'block-device',
  'fifo',
  'socket',
]);

/** The tree's nodes; `blob` stores a file's contents and says where. */
export function encodeTreeNodes(tree: FsTree, blob: (bytes: Uint8Array) => TreeBlob): EncodedTreeNode[] {
  const nodes: EncodedTreeNode[] = [];
  const seen = new Map<FsNode, number>();
  tree.walk((path, node) => {
    const { kind, mode, uid, gid, mtime, xattrs } = node;
    const base = { path, kind, mode, uid, gid, mtime, ...(xattrs === undefined ? {} : { xattrs }) };
    // a hard link is one node object under two names; directories are never linked
    const first = node.kind === 'directory' ? undefined : seen.get(node);
    if (first !== undefined) {
      nodes.push({ ...base, link: first });
      return undefined;
    }
    seen.set(node, nodes.length);
    if (node.kind === 'file') nodes.push({ ...base, blob: blob(node.read()) });
    else if (node.kind === 'symlink') nodes.push({ ...base, target: node.target });
    else if (node.kind === 'char-device' || node.kind === 'block-device') {
      nodes.push({ ...base, device: [node.major, node.minor] });
    } else nodes.push(base);
    return undefined;
  });
  return nodes;
}

/**
 * The tree `encodeTreeNodes` described. `read` returns a blob's bytes (or calls `corrupt`); anything that is not such
 * a description calls `corrupt` with what is wrong.
 */
export function decodeTreeNodes(
  nodes: unknown,
  read: (blob: TreeBlob) => Uint8Array,
  corrupt: (why: string) => never,
): FsTree {
  if (!Array.isArray(nodes) || nodes.length === 0) return corrupt('no root');
  const number = (v: unknown): v is number => typeof v === 'number' && Number.isInteger(v) && v >= 0;
  const made: FsNode[] = [];
  let tree: FsTree | undefined;
  for (const [i, raw] of nodes.entries()) {
    const n = raw as EncodedTreeNode;
    if (
      typeof n !== 'object' ||
      n === null ||
      typeof n.path !== 'string' ||
      !n.path.startsWith('/') ||
      (n.path !== '/' &&
        n.path
          .slice(1)
          .split('/')
          .some((p) => p === '' || p === '.' || p === '..')) ||
      !KINDS.has(n.kind) ||
      ![n.mode, n.uid, n.gid].every(number) ||
      typeof n.mtime !== 'number' ||
      (n.xattrs !== undefined &&
        (typeof n.xattrs !== 'object' ||
          n.xattrs === null ||
          !Object.values(n.xattrs).every((v) => typeof v === 'string')))
    ) {
      return corrupt(`node ${i}`);
    }
    const options = { mode: n.mode, uid: n.uid, gid: n.gid, mtime: n.mtime };
    let node: FsNode;
    if (n.link !== undefined) {
      if (!number(n.link) || n.link >= made.length || (made[n.link] as FsNode).kind === 'directory') {
        return corrupt(`node ${i}: link`);
      }
      node = made[n.link] as FsNode;
    } else if (n.kind === 'file') {
      const [offset, length] = Array.isArray(n.blob) ? n.blob : [];
      if (!number(offset) || !number(length)) return corrupt(`node ${i}: contents`);
      node = fileNode(read([offset, length]), options);
    } else if (n.kind === 'symlink') {
      if (typeof n.target !== 'string') return corrupt(`node ${i}: target`);
      node = symlinkNode(n.target, options);
    } else if (n.kind === 'char-device' || n.kind === 'block-device') {
      const [major, minor] = Array.isArray(n.device) ? n.device : [];
      if (!number(major) || !number(minor)) return corrupt(`node ${i}: device`);
      node = deviceNode(n.kind, major, minor, options);
    } else if (n.kind === 'directory') node = directoryNode(options);
    else node = specialNode(n.kind, options);
    if (n.xattrs !== undefined && n.link === undefined) node.xattrs = { ...n.xattrs };
    made.push(node);
    if (i === 0) {
      if (n.path !== '/' || node.kind !== 'directory') return corrupt('the root is not a directory');
      tree = new FsTree(node as FsDirectory);
    } else if (n.path === '/' || tree === undefined) return corrupt(`node ${i}: a second root`);
    else tree.put(n.path, node);
  }
  return tree as FsTree;
}
