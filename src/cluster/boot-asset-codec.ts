// A boot asset as bytes, for the boot-asset cache: the initramfs tree (the `.sqsh` images, `/extensions.yaml`, the
// firmware), the layers' manifests and squash options, and the microcode, followed by a SHA-256 of everything
// before it, so a corrupt or truncated entry is detected and never trusted. A decoded layer's `rootfs` is read
// back from its squashfs image when first asked for.
//
//   "TSBA0001" | u32le header length | header JSON | blobs | sha256(all of the above)
import { createHash } from 'node:crypto';
import { DetailedError } from '../extensions/detailed-error.js';
import {
  deviceNode,
  directoryNode,
  type FsNode,
  FsTree,
  lazyFileNode,
  resolveTalosVersion,
  specialNode,
  symlinkNode,
} from '../extensions/index.js';
import { assembleBootAsset, type BootAsset, type BootAssetLayer, type MicrocodeBlob } from '../imager/index.js';
import { SquashfsImage } from '../squashfs/index.js';
import { decodeTreeNodes, type EncodedTreeNode, encodeTreeNodes, type TreeBlob } from './fs-tree-codec.js';

const MAGIC = Buffer.from('TSBA0001');
const DIGEST_BYTES = 32;

interface Header {
  readonly kind: BootAsset['kind'];
  readonly source: BootAsset['source'];
  readonly talosVersion: string;
  readonly arch: BootAsset['arch'];
  readonly schematicId: string | null;
  readonly extensionsYaml: string | null;
  readonly layers: readonly Omit<BootAssetLayer, 'rootfs' | 'squashfs'>[];
  readonly microcode: readonly { readonly path: MicrocodeBlob['path']; readonly blob: TreeBlob }[];
  /** The initramfs tree (fs-tree-codec.ts). */
  readonly initramfs: readonly EncodedTreeNode[];
}

/** Bytes that are not a boot asset this codec wrote (corrupt, truncated, foreign). */
export class BootAssetCodecError extends DetailedError<{
  readonly kind: 'corrupt-boot-asset';
  readonly reason: string;
  readonly cause?: Error;
}> {
  constructor(reason: string, cause?: Error) {
    super(
      'BootAssetCodecError',
      { kind: 'corrupt-boot-asset', reason, ...(cause === undefined ? {} : { cause }) },
      `corrupt boot asset: ${reason}`,
    );
  }
}

export function isBootAssetCodecError(err: unknown): err is BootAssetCodecError {
  return err instanceof BootAssetCodecError;
}

export function encodeBootAsset(asset: BootAsset): Uint8Array {
  const blobs: Uint8Array[] = [];
  let size = 0;
  const blob = (bytes: Uint8Array): TreeBlob => {
    blobs.push(bytes);
    size += bytes.length;
    return [size - bytes.length, bytes.length];
  };
  const initramfs = encodeTreeNodes(asset.initramfs, blob);
  const header: Header = {
    kind: asset.kind,
    source: asset.source,
    talosVersion: asset.talosVersion,
    arch: asset.arch,
    schematicId: asset.schematicId ?? null,
    extensionsYaml: asset.extensionsYaml ?? null,
    layers: asset.layers.map(({ rootfs: _rootfs, squashfs: _squashfs, ...layer }) => layer),
    microcode: asset.microcode.map((m) => ({ path: m.path, blob: blob(m.bytes) })),
    initramfs,
  };
  const json = Buffer.from(JSON.stringify(header));
  const length = Buffer.alloc(4);
  length.writeUInt32LE(json.length);
  const body = Buffer.concat([MAGIC, length, json, ...blobs]);
  return Buffer.concat([body, createHash('sha256').update(body).digest()]);
}

/** Decodes what encodeBootAsset wrote; throws BootAssetCodecError for anything else (corrupt, truncated, foreign). */
export async function decodeBootAsset(bytes: Uint8Array): Promise<BootAsset> {
  try {
    return await decode(bytes);
  } catch (err) {
    if (err instanceof BootAssetCodecError) throw err;
    // a file with a valid checksum that does not decode was not written by this codec
    throw new BootAssetCodecError((err as Error).message, err as Error);
  }
}

async function decode(bytes: Uint8Array): Promise<BootAsset> {
  const data = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const corrupt = (why: string): never => {
    throw new BootAssetCodecError(why);
  };
  if (data.length < MAGIC.length + 4 + DIGEST_BYTES || !data.subarray(0, MAGIC.length).equals(MAGIC)) {
    corrupt('not a talos-sim boot asset');
  }
  const body = data.subarray(0, data.length - DIGEST_BYTES);
  if (!createHash('sha256').update(body).digest().equals(data.subarray(body.length))) corrupt('checksum mismatch');
  const headerLength = body.readUInt32LE(MAGIC.length);
  const blobStart = MAGIC.length + 4 + headerLength;
  if (blobStart > body.length) corrupt('header runs past the end');
  let header: Header;
  try {
    header = JSON.parse(body.subarray(MAGIC.length + 4, blobStart).toString('utf8')) as Header;
  } catch {
    return corrupt('unreadable header');
  }
  const read = ([offset, length]: TreeBlob): Uint8Array => {
    if (offset < 0 || length < 0 || blobStart + offset + length > body.length) corrupt('blob out of range');
    return body.subarray(blobStart + offset, blobStart + offset + length);
  };
  const initramfs = decodeTreeNodes(header.initramfs, read, (why) => corrupt(`initramfs: ${why}`));
  const layers: BootAssetLayer[] = [];
  for (const layer of header.layers) {
    const file = initramfs.lookup(layer.image);
    if (file?.kind !== 'file') corrupt(`layer ${layer.name}: no image ${layer.image}`);
    const squashfs = (file as Extract<FsNode, { kind: 'file' }>).read();
    layers.push(withLazyRootfs({ ...layer, squashfs }, await SquashfsImage.open(squashfs, { name: layer.image })));
  }
  const facts = resolveTalosVersion(header.talosVersion);
  const assemble = {
    kind: header.kind,
    source: header.source,
    facts,
    arch: header.arch,
    schematicId: header.schematicId ?? undefined,
  };
  if (header.extensionsYaml === null) return assembleBootAsset(assemble, undefined);
  const microcode = header.microcode.map((m) => ({ path: m.path, bytes: read(m.blob) }));
  return assembleBootAsset(assemble, { layers, extensionsYaml: header.extensionsYaml, initramfs, microcode });
}

/** A layer whose `rootfs` tree is read from its squashfs image the first time it is asked for. */
function withLazyRootfs(layer: Omit<BootAssetLayer, 'rootfs'>, image: SquashfsImage): BootAssetLayer {
  let tree: FsTree | undefined;
  return Object.defineProperty({ ...layer }, 'rootfs', {
    enumerable: true,
    get: () => {
      tree ??= treeOfImage(image);
      return tree;
    },
  }) as BootAssetLayer;
}

/** The squashfs image's tree as the imager squashed it (contents read on demand). */
function treeOfImage(image: SquashfsImage): FsTree {
  const root = image.lstat('/');
  const tree = new FsTree(directoryNode({ mode: root.mode & 0o7777, uid: root.uid, gid: root.gid, mtime: root.mtime }));
  // the reader's walk: no lookup from the root per entry, which made a layer thousands of levels deep quadratic
  // (xattrs are looked up by path, only in an image that has any)
  const hasXattrs = image.superblock.xattrIdTableStart !== undefined;
  for (const { path, stats: s, target } of image.walk()) {
    if (path === '/') continue;
    const options = { mode: s.mode & 0o7777, uid: s.uid, gid: s.gid, mtime: s.mtime };
    let node: FsNode;
    switch (s.kind) {
      case 'directory':
        node = directoryNode(options);
        break;
      case 'file':
        node = lazyFileNode(s.size, () => image.readFile(path), options);
        break;
      case 'symlink':
        node = symlinkNode(target ?? '', options);
        break;
      case 'block-device':
      case 'character-device':
        node = deviceNode(
          s.kind === 'block-device' ? 'block-device' : 'char-device',
          s.rdevMajor,
          s.rdevMinor,
          options,
        );
        break;
      default:
        node = specialNode(s.kind, options);
    }
    const names = hasXattrs ? image.listXattrs(path) : [];
    if (names.length > 0) {
      node.xattrs = Object.fromEntries(
        names.map((n) => [n, Buffer.from(image.getXattr(path, n) ?? new Uint8Array()).toString('utf8')]),
      );
    }
    tree.put(path, node);
  }
  return tree;
}
