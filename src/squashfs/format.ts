// Squashfs 4.0 on-disk constants, shared by the reader and the (coming) writer.
// Names follow squashfs-tools' squashfs_fs.h where one exists.

export const SQUASHFS_MAGIC = 0x73717368;
/** The magic read as little-endian from a big-endian (v4, never produced today) image. */
export const SQUASHFS_MAGIC_SWAPPED = 0x68737173;
/** squashfs-tools ≥ 4.7.3 `-stream` output before `-fix`: the real superblock sits at the end. */
export const SQUASHFS_STREAMED_MAGIC = 0x53515348;
export const SQUASHFS_MAJOR = 4;
export const SQUASHFS_MINOR = 0;

export const SUPERBLOCK_SIZE = 96;
/** Decompressed size of every metadata block but the last of a table. */
export const METADATA_SIZE = 8192;
/** Metadata block header: this bit set means the payload is stored uncompressed. */
export const METADATA_UNCOMPRESSED = 0x8000;
/** Data block and fragment size words: this bit set means stored uncompressed. */
export const DATA_UNCOMPRESSED = 1 << 24;
export const DATA_SIZE_MASK = 0xff_ffff;

export const MIN_BLOCK_LOG = 12;
export const MAX_BLOCK_LOG = 20;

/** 32-bit "none" for fragment indexes and xattr ids. */
export const NO_INDEX = 0xffff_ffff;

/** Longest entry name squashfs stores (name_size is stored minus one). */
export const MAX_NAME_LENGTH = 256;
/** A directory header covers at most this many entries. */
export const MAX_DIRECTORY_RUN = 256;
export const DIRECTORY_HEADER_SIZE = 12;
export const DIRECTORY_ENTRY_SIZE = 8;
export const DIRECTORY_INDEX_SIZE = 12;
/** st_size of a directory is its listing length plus 3 (for "." and ".."). */
export const DIRECTORY_SIZE_BIAS = 3;
export const MAX_SYMLINK_LENGTH = 65535;
/** Linux refuses xattr values larger than this (XATTR_SIZE_MAX). */
export const MAX_XATTR_VALUE_SIZE = 65536;

export const ID_ENTRY_SIZE = 4;
export const FRAGMENT_ENTRY_SIZE = 16;
export const EXPORT_ENTRY_SIZE = 8;
export const XATTR_ID_ENTRY_SIZE = 16;
export const XATTR_TABLE_HEADER_SIZE = 16;

/** Compression ids (superblock `compression`). */
export const Compression = {
  gzip: 1,
  lzma: 2,
  lzo: 3,
  xz: 4,
  lz4: 5,
  zstd: 6,
} as const;
export type CompressionName = keyof typeof Compression;

/** Superblock flag bits; informational only, the per-block bits are authoritative. */
export const SuperblockFlag = {
  noInodeCompression: 1 << 0,
  noDataCompression: 1 << 1,
  check: 1 << 2,
  noFragmentCompression: 1 << 3,
  noFragments: 1 << 4,
  alwaysFragments: 1 << 5,
  duplicates: 1 << 6,
  exportable: 1 << 7,
  noXattrCompression: 1 << 8,
  noXattrs: 1 << 9,
  compressorOptions: 1 << 10,
  noIdCompression: 1 << 11,
} as const;

/** Inode types: 1-7 basic, 8-14 extended; directory entries always carry the basic type. */
export const InodeType = {
  directory: 1,
  file: 2,
  symlink: 3,
  blockDevice: 4,
  charDevice: 5,
  fifo: 6,
  socket: 7,
  extendedDirectory: 8,
  extendedFile: 9,
  extendedSymlink: 10,
  extendedBlockDevice: 11,
  extendedCharDevice: 12,
  extendedFifo: 13,
  extendedSocket: 14,
} as const;
/** The extended types are the basic ones plus this. */
export const EXTENDED_TYPE_OFFSET = 7;

/** Xattr key type: low byte is the name prefix; this bit marks an out-of-line value. */
export const XATTR_VALUE_OUT_OF_LINE = 0x100;
export const XATTR_PREFIXES: readonly string[] = ['user.', 'trusted.', 'security.'];

/** POSIX file type bits, as Linux reports them in st_mode. */
export const S_IFMT = 0o170000;
export const S_IFSOCK = 0o140000;
export const S_IFLNK = 0o120000;
export const S_IFREG = 0o100000;
export const S_IFBLK = 0o060000;
export const S_IFDIR = 0o040000;
export const S_IFCHR = 0o020000;
export const S_IFIFO = 0o010000;
