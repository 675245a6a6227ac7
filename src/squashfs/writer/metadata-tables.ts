// The inode and directory tables, the id list, the inode lookup (export) entries and the
// xattrs, generated once every file's data is written (so positions are known), visiting
// inodes in mksquashfs's creation order: the tables come out as mksquashfs lays them out.
import { DIRECTORY_SIZE_BIAS, NO_INDEX } from '../format.js';
import { DirectoryListing } from './directory-listing.js';
import type { BlockEncoder } from './encoders/block-encoder.js';
import type { FileData } from './file-data-writer.js';
import { encodeInode, type InodeBody } from './inode-encoder.js';
import { MetadataWriter } from './metadata-writer.js';
import { SquashfsWriteError } from './squashfs-write-error.js';
import type { PlanInode, TreePlan } from './tree-plan.js';
import type { ResolvedWriteOptions } from './write-options.js';
import { XattrWriter } from './xattr-writer.js';

/** Where file data ended up, once the data area is written. */
export interface DataLayout {
  positionOf(mark: number): number;
  sizeWord(chunk: number): number;
}

export interface MetadataTables {
  readonly inodes: MetadataWriter;
  readonly directories: MetadataWriter;
  readonly rootRef: number;
  /** uid/gid values in id-table order. */
  readonly ids: readonly number[];
  /** Inode reference of inode number i + 1. */
  readonly exportRefs: readonly number[];
  readonly xattrs: XattrWriter | undefined;
}

const MAX_IDS = 65536;

export function buildMetadataTables(
  plan: TreePlan,
  order: readonly PlanInode[],
  files: ReadonlyMap<PlanInode, FileData>,
  layout: DataLayout,
  o: ResolvedWriteOptions,
  encoder: BlockEncoder | undefined,
): MetadataTables {
  const inodes = new MetadataWriter(encoder);
  const directories = new MetadataWriter(encoder);
  const xattrs = o.xattrs ? new XattrWriter(encoder) : undefined;
  const ids: number[] = [];
  const idIndex = new Map<number, number>();
  const exportRefs: number[] = new Array(plan.inodeCount).fill(0);
  const refs = new Map<PlanInode, number>();
  const parents = new Map<PlanInode, number>();
  for (const inode of order) {
    for (const e of inode.directory?.entries ?? [])
      if (e.inode.directory !== undefined) parents.set(e.inode, inode.number);
  }
  const id = (value: number): number => {
    let index = idIndex.get(value);
    if (index === undefined) {
      if (ids.length === MAX_IDS) throw SquashfsWriteError.tooLarge('more than 65536 distinct uids and gids');
      index = ids.length;
      ids.push(value);
      idIndex.set(value, index);
    }
    return index;
  };

  for (const inode of order) {
    const xattr = xattrs !== undefined && inode.xattrs.length > 0 ? xattrs.add(inode.xattrs) : NO_INDEX;
    const uidIndex = id(o.allRoot ? 0 : inode.uid);
    const gidIndex = id(o.allRoot ? 0 : inode.gid);
    let body: InodeBody;
    const node = inode.node;
    switch (node.kind) {
      case 'file': {
        const data = files.get(inode) as FileData;
        body = {
          kind: 'file',
          file: {
            blocksStart: data.startMark === undefined ? 0 : layout.positionOf(data.startMark),
            fileSize: data.fileSize,
            sparse: data.sparse,
            nlink: inode.nlink,
            fragment: data.fragment?.index ?? NO_INDEX,
            fragmentOffset: data.fragment?.offset ?? 0,
            blockSizes: data.blocks.map((c) => (c < 0 ? 0 : layout.sizeWord(c))),
          },
        };
        break;
      }
      case 'directory': {
        const dir = inode.directory;
        if (dir === undefined) throw new Error('directory without a plan');
        const listing = new DirectoryListing();
        for (const e of dir.entries)
          listing.add(e.name, refs.get(e.inode) as number, e.inode.number, e.inode.basicType);
        const bytes = listing.finish();
        const at = directories.length;
        const ref = directories.ref;
        directories.append(bytes);
        body = {
          kind: 'directory',
          dir: {
            nlink: 2 + dir.directoryCount,
            fileSize: bytes.length + DIRECTORY_SIZE_BIAS,
            startBlock: Math.floor(ref / 0x1_0000),
            offset: ref % 0x1_0000,
            parent: parents.get(inode) ?? plan.inodeCount + 1,
            index: listing.index.map((i) => ({ ...i, startBlock: directories.blockStart(at + i.index) })),
            extended: dir.indexed,
          },
        };
        break;
      }
      case 'symlink':
        body = { kind: 'symlink', nlink: inode.nlink, target: inode.symlinkTarget as Uint8Array };
        break;
      case 'char-device':
      case 'block-device':
        body = { kind: 'device', nlink: inode.nlink, major: node.major, minor: node.minor };
        break;
      case 'fifo':
      case 'socket':
        body = { kind: 'ipc', nlink: inode.nlink };
        break;
    }
    const ref = inodes.ref;
    refs.set(inode, ref);
    exportRefs[inode.number - 1] = ref;
    inodes.append(
      encodeInode(
        {
          basicType: inode.basicType,
          mode: inode.mode,
          uidIndex,
          gidIndex,
          mtime: o.allTime ?? inode.mtime,
          number: inode.number,
          xattr,
        },
        body,
      ),
    );
  }
  return { inodes, directories, rootRef: refs.get(plan.root) as number, ids, exportRefs, xattrs };
}
