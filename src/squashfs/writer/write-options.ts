// Options of the squashfs writer, mirroring mksquashfs's, with their defaults merged in one place.
import { MAX_BLOCK_LOG, MIN_BLOCK_LOG } from '../format.js';
import { isValidWorkerCount, MAX_WORKERS } from '../worker-count.js';
import { SquashfsWriteError } from './squashfs-write-error.js';

/** 'none' stores everything uncompressed (mksquashfs -noI -noD -noF -noX, gzip recorded as the compressor). */
export type SquashfsCompressorName = 'gzip' | 'xz' | 'zstd' | 'none';

export interface SquashfsWriteOptions {
  /** Default 'gzip', as mksquashfs. */
  readonly compressor?: SquashfsCompressorName;
  /** -Xcompression-level: gzip 1..9 (default 9), zstd 1..22 (default 15); not accepted for xz and none. */
  readonly level?: number;
  /** gzip -Xwindow-size, 8..15. Default 15. */
  readonly gzipWindowSize?: number;
  /**
   * xz -Xdict-size in bytes. Default (and, with this encoder, the only value accepted): the block
   * size, which is what Talos's `-Xdict-size 100%` means.
   */
  readonly xzDictSize?: number;
  /** -b: a power of two from 4 KiB to 1 MiB. Default 131072. */
  readonly blockSize?: number;
  /** -all-root: every inode owned by uid 0, gid 0. Default false. */
  readonly allRoot?: boolean;
  /** -mkfs-time, seconds. Default: the newest mtime in the tree (so output depends on the input only). */
  readonly mkfsTime?: number;
  /** -all-time: every inode gets this mtime. Default: each keeps its own. */
  readonly allTime?: number;
  /** false = -no-fragments: small files and tails get blocks of their own. Default true. */
  readonly fragments?: boolean;
  /** -always-use-fragments (-tailends): tails of files ≥ the block size go to fragments too. Default false. */
  readonly alwaysUseFragments?: boolean;
  /** false = -no-duplicates. Default true. */
  readonly duplicates?: boolean;
  /** false = -no-sparse: all-zero blocks are stored, not elided. Default true. */
  readonly sparse?: boolean;
  /** false = -no-exports: no inode lookup table. Default true. */
  readonly exports?: boolean;
  /** false = -no-xattrs. Default true. */
  readonly xattrs?: boolean;
  /** false = -nopad: no padding to a multiple of 4 KiB. Default true. */
  readonly pad?: boolean;
  /**
   * Compression worker threads. 0 compresses on the calling thread. Default: one per core when the tree holds at
   * least 8 MiB of file data (1 MiB for xz and zstd from level 10), else 0 (starting workers costs more than it saves).
   */
  readonly workers?: number;
}

export interface ResolvedWriteOptions {
  readonly compressor: SquashfsCompressorName;
  readonly level: number;
  readonly gzipWindowSize: number;
  readonly xzDictSize: number;
  readonly blockSize: number;
  readonly blockLog: number;
  readonly allRoot: boolean;
  readonly mkfsTime: number | undefined;
  readonly allTime: number | undefined;
  readonly fragments: boolean;
  readonly alwaysUseFragments: boolean;
  readonly duplicates: boolean;
  readonly sparse: boolean;
  readonly exports: boolean;
  readonly xattrs: boolean;
  readonly pad: boolean;
  readonly workers: number | undefined;
}

export const DEFAULT_BLOCK_SIZE = 131072;
export const DEFAULT_GZIP_LEVEL = 9;
export const DEFAULT_GZIP_WINDOW_SIZE = 15;
export const DEFAULT_ZSTD_LEVEL = 15;

const LEVELS: Readonly<Record<'gzip' | 'zstd', readonly [number, number, number]>> = {
  gzip: [1, 9, DEFAULT_GZIP_LEVEL],
  zstd: [1, 22, DEFAULT_ZSTD_LEVEL],
};

function isUint32(n: number): boolean {
  return Number.isInteger(n) && n >= 0 && n <= 0xffff_ffff;
}

export function resolveWriteOptions(options: SquashfsWriteOptions = {}): ResolvedWriteOptions {
  const compressor = options.compressor ?? 'gzip';
  if (!['gzip', 'xz', 'zstd', 'none'].includes(compressor)) {
    throw SquashfsWriteError.invalidOption('compressor', `"${compressor}" is not one of gzip, xz, zstd, none`);
  }
  const blockSize = options.blockSize ?? DEFAULT_BLOCK_SIZE;
  const blockLog = Math.log2(blockSize);
  if (!(Number.isInteger(blockLog) && blockLog >= MIN_BLOCK_LOG && blockLog <= MAX_BLOCK_LOG)) {
    throw SquashfsWriteError.invalidOption('blockSize', `${blockSize} is not a power of two from 4096 to 1048576`);
  }
  let level = 0;
  if (compressor === 'gzip' || compressor === 'zstd') {
    const [min, max, def] = LEVELS[compressor];
    level = options.level ?? def;
    if (!(Number.isInteger(level) && level >= min && level <= max)) {
      throw SquashfsWriteError.invalidOption('level', `${compressor} level ${level} is outside ${min}..${max}`);
    }
  } else if (options.level !== undefined) {
    throw SquashfsWriteError.invalidOption('level', `${compressor} takes no compression level`);
  }
  const gzipWindowSize = options.gzipWindowSize ?? DEFAULT_GZIP_WINDOW_SIZE;
  if (options.gzipWindowSize !== undefined && compressor !== 'gzip') {
    throw SquashfsWriteError.invalidOption('gzipWindowSize', `only gzip has a window size, not ${compressor}`);
  }
  if (!(Number.isInteger(gzipWindowSize) && gzipWindowSize >= 8 && gzipWindowSize <= 15)) {
    throw SquashfsWriteError.invalidOption('gzipWindowSize', `${gzipWindowSize} is outside 8..15`);
  }
  const xzDictSize = options.xzDictSize ?? blockSize;
  if (options.xzDictSize !== undefined && compressor !== 'xz') {
    throw SquashfsWriteError.invalidOption('xzDictSize', `only xz has a dictionary size, not ${compressor}`);
  }
  if (xzDictSize !== blockSize) {
    throw SquashfsWriteError.invalidOption(
      'xzDictSize',
      `${xzDictSize}: only a dictionary of the block size (${blockSize}, -Xdict-size 100%) is supported`,
    );
  }
  for (const [name, value] of [
    ['mkfsTime', options.mkfsTime],
    ['allTime', options.allTime],
  ] as const) {
    if (value !== undefined && !isUint32(value)) {
      throw SquashfsWriteError.invalidOption(name, `${value} is not a time in seconds from 0 to 4294967295`);
    }
  }
  if (options.workers !== undefined && !isValidWorkerCount(options.workers)) {
    throw SquashfsWriteError.invalidOption(
      'workers',
      `${options.workers} is not a whole number from 0 to ${MAX_WORKERS}`,
    );
  }
  return {
    compressor,
    level,
    gzipWindowSize,
    xzDictSize,
    blockSize,
    blockLog,
    allRoot: options.allRoot ?? false,
    mkfsTime: options.mkfsTime,
    allTime: options.allTime,
    fragments: options.fragments ?? true,
    alwaysUseFragments: options.alwaysUseFragments ?? false,
    duplicates: options.duplicates ?? true,
    sparse: options.sparse ?? true,
    exports: options.exports ?? true,
    xattrs: options.xattrs ?? true,
    pad: options.pad ?? true,
    workers: options.workers,
  };
}
