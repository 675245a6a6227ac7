// Inode records in their on-disk layout (basic types 1-7, extended 8-14), chosen as
// mksquashfs's create_inode chooses: the extended form only when a field of it is needed.
import { EXTENDED_TYPE_OFFSET, NO_INDEX } from '../format.js';
import { encodeRdev } from '../inode.js';
import { ByteBuilder } from './byte-builder.js';

export interface InodeHeaderFields {
  readonly basicType: number;
  readonly mode: number;
  readonly uidIndex: number;
  readonly gidIndex: number;
  readonly mtime: number;
  readonly number: number;
  /** Xattr id, or NO_INDEX. */
  readonly xattr: number;
}

export interface FileFields {
  readonly blocksStart: number;
  readonly fileSize: number;
  readonly sparse: number;
  readonly nlink: number;
  readonly fragment: number;
  readonly fragmentOffset: number;
  readonly blockSizes: readonly number[];
}

export interface DirectoryFields {
  readonly nlink: number;
  /** Listing bytes + 3. */
  readonly fileSize: number;
  readonly startBlock: number;
  readonly offset: number;
  readonly parent: number;
  /** Index entries: header offset, its directory block, first name. Present only when extended. */
  readonly index: readonly { readonly index: number; readonly startBlock: number; readonly name: Uint8Array }[];
  readonly extended: boolean;
}

export type InodeBody =
  | { readonly kind: 'file'; readonly file: FileFields }
  | { readonly kind: 'directory'; readonly dir: DirectoryFields }
  | { readonly kind: 'symlink'; readonly nlink: number; readonly target: Uint8Array }
  | { readonly kind: 'device'; readonly nlink: number; readonly major: number; readonly minor: number }
  | { readonly kind: 'ipc'; readonly nlink: number };

const FOUR_GIB = 2 ** 32;

function isExtended(h: InodeHeaderFields, body: InodeBody): boolean {
  if (h.xattr !== NO_INDEX) return true;
  if (body.kind === 'file') {
    const f = body.file;
    return f.nlink > 1 || f.fileSize >= FOUR_GIB || f.blocksStart >= FOUR_GIB || f.sparse !== 0;
  }
  return body.kind === 'directory' && body.dir.extended;
}

export function encodeInode(h: InodeHeaderFields, body: InodeBody): Uint8Array {
  const extended = isExtended(h, body);
  const b = new ByteBuilder(64);
  b.u16(extended ? h.basicType + EXTENDED_TYPE_OFFSET : h.basicType)
    .u16(h.mode)
    .u16(h.uidIndex)
    .u16(h.gidIndex)
    .u32(h.mtime)
    .u32(h.number);
  switch (body.kind) {
    case 'file': {
      const f = body.file;
      if (extended) {
        b.u64(f.blocksStart).u64(f.fileSize);
        b.u64(f.sparse !== 0 && f.sparse >= f.fileSize ? f.fileSize - 1 : f.sparse);
        b.u32(f.nlink).u32(f.fragment).u32(f.fragmentOffset).u32(h.xattr);
      } else {
        b.u32(f.blocksStart).u32(f.fragment).u32(f.fragmentOffset).u32(f.fileSize);
      }
      for (const s of f.blockSizes) b.u32(s);
      break;
    }
    case 'directory': {
      const d = body.dir;
      if (extended) {
        b.u32(d.nlink).u32(d.fileSize).u32(d.startBlock).u32(d.parent).u16(d.index.length).u16(d.offset).u32(h.xattr);
        for (const i of d.index)
          b.u32(i.index)
            .u32(i.startBlock)
            .u32(i.name.length - 1)
            .bytesOf(i.name);
      } else {
        b.u32(d.startBlock).u32(d.nlink).u16(d.fileSize).u16(d.offset).u32(d.parent);
      }
      break;
    }
    case 'symlink':
      b.u32(body.nlink).u32(body.target.length).bytesOf(body.target);
      if (extended) b.u32(h.xattr);
      break;
    case 'device':
      b.u32(body.nlink).u32(encodeRdev(body.major, body.minor));
      if (extended) b.u32(h.xattr);
      break;
    case 'ipc':
      b.u32(body.nlink);
      if (extended) b.u32(h.xattr);
      break;
  }
  return b.bytes;
}
