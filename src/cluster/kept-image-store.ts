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
import { type FsTree, INPUT_LIMITS } from '../extensions/index.js';
import { formatByteLimit, readRegularFile, writeFileInside } from '../safe-fs/index.js';
import { decodeTreeNodes, encodeTreeNodes, type TreeBlob } from './fs-tree-codec.js';

const MAGIC = Buffer.from('TSKI0001');
/** A kept image: what one image may hold (1 GiB), and room for its nodes' metadata. Writer and reader share it. */
export const MAX_KEPT_IMAGE_BYTES = INPUT_LIMITS.imageBytes + 256 * 1024 * 1024;

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
  const nodes = encodeTreeNodes(image, (bytes) => {
    blobs.push(bytes);
    size += bytes.length;
    return [size - bytes.length, bytes.length];
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
  const read = ([offset, length]: TreeBlob): Uint8Array =>
    blobStart + offset + length > data.length
      ? corrupt('contents past the end')
      : data.subarray(blobStart + offset, blobStart + offset + length);
  return decodeTreeNodes(nodes, read, corrupt);
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
