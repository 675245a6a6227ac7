// The extension images a kept cluster's journal read from paths, kept in the cluster's `images/` directory as a
// registry keeps what was pushed: a node that installed an extension keeps what it installed, so a later command
// replays the image as it was, not whatever the path holds by then (or an error when it is gone). Each file is
// named by the SHA-256 of its bytes and checked against it when read; its format:
//
//   "TSKI0001" | u32le header length | header JSON (the tree's nodes in pre-order, root first) | file contents
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { DetailedError } from '../extensions/detailed-error.js';
import {
  deviceNode,
  directoryNode,
  type FsDirectory,
  type FsNode,
  FsTree,
  fileNode,
  INPUT_LIMITS,
  specialNode,
  symlinkNode,
} from '../extensions/index.js';
import { formatByteLimit, readRegularFile, writeFileInside } from '../safe-fs/index.js';

const MAGIC = Buffer.from('TSKI0001');
/** A kept image: what one image may hold (1 GiB), and room for its nodes' metadata. Writer and reader share it. */
export const MAX_KEPT_IMAGE_BYTES = INPUT_LIMITS.imageBytes + 256 * 1024 * 1024;
const KINDS: ReadonlySet<string> = new Set([
  'directory',
  'file',
  'symlink',
  'char-device',
  'block-device',
  'fifo',
  'socket',
]);

interface EncodedNode {
  readonly path: string;
  readonly kind: FsNode['kind'];
  readonly mode: number;
  readonly uid: number;
  readonly gid: number;
  readonly mtime: number;
  readonly xattrs?: Record<string, string>;
  readonly target?: string;
  readonly device?: readonly [major: number, minor: number];
  /** A file's contents: offset and length after the header. */
  readonly blob?: readonly [offset: number, length: number];
  /** A hard link: the index of the node it is another name of. */
  readonly link?: number;
}

/** A kept image that is missing, too large, or not what its name says. */
export class KeptImageError extends DetailedError<{ readonly kind: 'kept-image'; readonly reason: string }> {
  constructor(reason: string) {
    super('KeptImageError', { kind: 'kept-image', reason }, reason);
  }
}

export function isKeptImageError(err: unknown): err is KeptImageError {
  return err instanceof KeptImageError;
}

/** The bytes of an image as kept. */
export function encodeKeptImage(image: FsTree): Buffer {
  const blobs: Uint8Array[] = [];
  let size = 0;
  const nodes: EncodedNode[] = [];
  const seen = new Map<FsNode, number>();
  image.walk((path, node) => {
    const { kind, mode, uid, gid, mtime, xattrs } = node;
    const base = { path, kind, mode, uid, gid, mtime, ...(xattrs === undefined ? {} : { xattrs }) };
    // a hard link is one node object under two names; directories are never linked
    const first = node.kind === 'directory' ? undefined : seen.get(node);
    if (first !== undefined) {
      nodes.push({ ...base, link: first });
      return undefined;
    }
    seen.set(node, nodes.length);
    if (node.kind === 'file') {
      const bytes = node.read();
      blobs.push(bytes);
      size += bytes.length;
      nodes.push({ ...base, blob: [size - bytes.length, bytes.length] });
    } else if (node.kind === 'symlink') nodes.push({ ...base, target: node.target });
    else if (node.kind === 'char-device' || node.kind === 'block-device') {
      nodes.push({ ...base, device: [node.major, node.minor] });
    } else nodes.push(base);
    return undefined;
  });
  const json = Buffer.from(JSON.stringify(nodes));
  const length = Buffer.alloc(4);
  length.writeUInt32LE(json.length);
  return Buffer.concat([MAGIC, length, json, ...blobs]);
}

/** Decodes what encodeKeptImage wrote; throws KeptImageError for anything else. */
export function decodeKeptImage(bytes: Uint8Array): FsTree {
  const data = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const corrupt = (why: string): never => {
    throw new KeptImageError(`not a kept image: ${why}`);
  };
  if (data.length < MAGIC.length + 4 || !data.subarray(0, MAGIC.length).equals(MAGIC)) corrupt('no header');
  const blobStart = MAGIC.length + 4 + data.readUInt32LE(MAGIC.length);
  if (blobStart > data.length) corrupt('header runs past the end');
  let nodes: unknown;
  try {
    nodes = JSON.parse(data.subarray(MAGIC.length + 4, blobStart).toString('utf8'));
  } catch {
    corrupt('unreadable header');
  }
  if (!Array.isArray(nodes) || nodes.length === 0) return corrupt('no root');
  const made: FsNode[] = [];
  let tree: FsTree | undefined;
  for (const [i, raw] of nodes.entries()) {
    const n = raw as EncodedNode;
    const number = (v: unknown): v is number => typeof v === 'number' && Number.isInteger(v) && v >= 0;
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
      if (!number(offset) || !number(length) || blobStart + offset + length > data.length) {
        return corrupt(`node ${i}: contents`);
      }
      node = fileNode(data.subarray(blobStart + offset, blobStart + offset + length), options);
    } else if (n.kind === 'symlink') {
      if (typeof n.target !== 'string') return corrupt(`node ${i}: target`);
      node = symlinkNode(n.target, options);
    } else if (n.kind === 'char-device' || n.kind === 'block-device') {
      const [major, minor] = Array.isArray(n.device) ? n.device : [];
      if (!number(major) || !number(minor)) return corrupt(`node ${i}: device`);
      node = deviceNode(n.kind, major, minor, options);
    } else if (n.kind === 'directory') node = directoryNode(options);
    else node = specialNode(n.kind, options);
    if (n.xattrs !== undefined) node.xattrs = { ...n.xattrs };
    made.push(node);
    if (i === 0) {
      if (n.path !== '/' || node.kind !== 'directory') return corrupt('the root is not a directory');
      tree = new FsTree(node as FsDirectory);
    } else if (n.path === '/' || tree === undefined) return corrupt(`node ${i}: a second root`);
    else tree.put(n.path, node);
  }
  return tree as FsTree;
}

/** Keeps an image in `<dir>/images`; returns its name in a journal, `sha256:<hex>` of the kept bytes. */
export function keepImage(dir: string, image: FsTree): string {
  const bytes = encodeKeptImage(image);
  if (bytes.length > MAX_KEPT_IMAGE_BYTES) {
    throw new KeptImageError(`the image is too large to keep (over ${formatByteLimit(MAX_KEPT_IMAGE_BYTES)})`);
  }
  const hex = createHash('sha256').update(bytes).digest('hex');
  // the same bytes under the same name: one kept already is kept
  if (!existsSync(join(dir, 'images', hex))) {
    writeFileInside(dir, join('images', hex), bytes, {
      replace: 'atomic',
      mode: 0o600,
      directoryMode: 0o700,
      durable: true,
    });
  }
  return `sha256:${hex}`;
}

/** The image kept as `digest` (`sha256:<hex>`) in `<dir>/images`, checked against its name. */
export function keptImage(dir: string, digest: string): FsTree {
  const hex = digest.slice('sha256:'.length);
  let bytes: Uint8Array;
  try {
    bytes = readRegularFile(join(dir, 'images', hex), { maxBytes: MAX_KEPT_IMAGE_BYTES, followSymlinks: false });
  } catch (err) {
    throw new KeptImageError(`kept image ${digest}: ${(err as Error).message}`);
  }
  if (createHash('sha256').update(bytes).digest('hex') !== hex) {
    throw new KeptImageError(`kept image ${digest}: its contents do not match its digest`);
  }
  try {
    return decodeKeptImage(bytes);
  } catch (err) {
    throw new KeptImageError(`kept image ${digest}: ${(err as Error).message}`);
  }
}
