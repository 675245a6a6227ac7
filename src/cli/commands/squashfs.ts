// `sim squashfs ls|cat|info|unpack|build`: inspect and extract squashfs images with the reader
// in src/squashfs, and build them with its writer as mksquashfs does. `ls` prints
// `unsquashfs -lln` lines (device numbers with minors > 255 right).
import { availableParallelism } from 'node:os';
import { resolve } from 'node:path';
import type { Command } from 'commander';
import { goFsErrorText } from '../../gofmt/index.js';
import type { CompressorPolicy, SquashfsImage } from '../../squashfs/index.js';
import { MAX_WORKERS, workerThreads } from '../../squashfs/worker-count.js';
import { type CliContext, CliExit } from '../cli-context.js';

/**
 * The reader's modules, loaded on first use so that other `sim` commands do not pay for them;
 * module by module rather than through the index, so that reading never loads the writer.
 */
async function loadReader() {
  const [image, errors, fsErrors, format, listing, unpacker, names] = await Promise.all([
    import('../../squashfs/squashfs-image.js'),
    import('../../squashfs/squashfs-error.js'),
    import('../../squashfs/squashfs-fs-error.js'),
    import('../../squashfs/format.js'),
    import('../../squashfs/unsquashfs-listing.js'),
    import('../../squashfs/unpack.js'),
    import('../../squashfs/name-bytes.js'),
  ]);
  return {
    SquashfsImage: image.SquashfsImage,
    isSquashfsError: errors.isSquashfsError,
    isSquashfsFsError: fsErrors.isSquashfsFsError,
    SuperblockFlag: format.SuperblockFlag,
    formatListingLine: listing.formatListingLine,
    unpack: unpacker.unpack,
    encodeName: names.encodeName,
  };
}

type Squashfs = Awaited<ReturnType<typeof loadReader>>;

/** Images at least this large are unpacked with one worker thread per core by default. */
const PARALLEL_UNPACK_BYTES = 32 << 20;

interface ImageOptions {
  readonly talosKernel?: boolean;
}

/**
 * A node:fs error (code, syscall, path) as the other sim commands word file errors, Go's PathError
 * (`open img.sqsh: no such file or directory`), with the path as the user gave it when it is one of the arguments
 * (`given`: resolved path → argument); undefined for other errors.
 */
function fileErrorText(err: unknown, given: ReadonlyMap<string, string>, path?: string): string | undefined {
  const e = err as { code?: unknown; syscall?: unknown; path?: unknown } | null;
  if (!(err instanceof Error) || typeof e?.code !== 'string') return undefined;
  const at = typeof e.path === 'string' ? e.path : path;
  const op = typeof e.syscall === 'string' ? e.syscall : 'open';
  return goFsErrorText(err, op, at === undefined ? undefined : (given.get(at) ?? at));
}

async function withImage<T>(
  ctx: CliContext,
  file: string,
  o: ImageOptions,
  fn: (image: SquashfsImage, squashfs: Squashfs) => T,
  /** Other path arguments (the unpack target), to name as given in errors. */
  paths: readonly string[] = [],
): Promise<Awaited<T>> {
  const compressors: CompressorPolicy = o.talosKernel === true ? 'talos-kernel' : 'all';
  const squashfs = await loadReader();
  const path = resolve(ctx.cwd, file);
  const given = new Map([[path, file], ...paths.map((p): [string, string] => [resolve(ctx.cwd, p), p])]);
  let image: SquashfsImage | undefined;
  try {
    image = await squashfs.SquashfsImage.open(path, { compressors });
  } catch (err) {
    if (squashfs.isSquashfsError(err)) throw new CliExit(err.message);
    // reading a directory fails without a path: the image is what was read
    throw new CliExit(fileErrorText(err, given, path) ?? String(err));
  }
  try {
    return await fn(image, squashfs);
  } catch (err) {
    if (squashfs.isSquashfsError(err)) throw new CliExit(err.message);
    // a path inside the image: named after the image
    if (squashfs.isSquashfsFsError(err)) throw new CliExit(`${file}: ${goFsErrorText(err, err.syscall, err.path)}`);
    const text = fileErrorText(err, given);
    if (text !== undefined) throw new CliExit(text);
    throw err;
  } finally {
    image.close();
  }
}

interface BuildOptions {
  readonly comp: string;
  readonly level?: string;
  readonly blockSize?: string;
  readonly allRoot?: boolean;
  readonly mkfsTime?: string;
  readonly xattrs: boolean;
  readonly workers?: string;
}

/** A whole number as mksquashfs reads one: digits, optionally K or M (block sizes). */
function parseCount(flag: string, text: string | undefined, suffixes: boolean): number | undefined {
  if (text === undefined) return undefined;
  const m = (suffixes ? /^(\d+)([KkMm]?)$/ : /^(\d+)()$/).exec(text);
  if (m === null) throw new CliExit(`invalid ${flag}: ${text}`);
  const unit = { '': 1, k: 1024, m: 1 << 20 }[(m[2] ?? '').toLowerCase()] ?? 1;
  return Number(m[1]) * unit;
}

/**
 * `--workers` of build and unpack: a whole number from 0 to MAX_WORKERS, of which at most one thread per core is
 * started (decoding and compressing are CPU-bound; each thread costs memory).
 */
function parseWorkers(text: string | undefined): number | undefined {
  const n = parseCount('--workers', text, false);
  if (n === undefined) return undefined;
  if (n > MAX_WORKERS) {
    throw new CliExit(
      `invalid --workers: ${text} (at most ${MAX_WORKERS}; more threads than the ${availableParallelism()} cores here gain nothing)`,
    );
  }
  return workerThreads(n);
}

async function build(ctx: CliContext, dir: string, out: string, o: BuildOptions): Promise<string> {
  const squashfs = await import('../../squashfs/index.js');
  const comp = o.comp;
  if (!['zstd', 'xz', 'gzip', 'none'].includes(comp)) {
    throw new CliExit(`invalid --comp: ${comp} (one of zstd, xz, gzip, none)`);
  }
  const level = parseCount('--level', o.level, false);
  const blockSize = parseCount('--block-size', o.blockSize, true);
  const mkfsTime = parseCount('--mkfs-time', o.mkfsTime, false);
  const workers = parseWorkers(o.workers);
  const source = resolve(ctx.cwd, dir);
  try {
    const xattrs = o.xattrs ? squashfs.getfattrXattrReader(source) : undefined;
    if (o.xattrs && xattrs === undefined) {
      ctx.io.stderr('warning: getfattr not found, extended attributes are not stored (apt-get install attr)\n');
    }
    const tree = squashfs.readDirectoryTree(source, xattrs === undefined ? {} : { xattrs });
    const summary = await squashfs.writeSquashfs(tree, resolve(ctx.cwd, out), {
      compressor: comp as 'zstd' | 'xz' | 'gzip' | 'none',
      ...(level === undefined ? {} : { level }),
      ...(blockSize === undefined ? {} : { blockSize }),
      ...(mkfsTime === undefined ? {} : { mkfsTime }),
      ...(workers === undefined ? {} : { workers }),
      allRoot: o.allRoot === true,
      xattrs: o.xattrs,
    });
    return (
      `${out}: ${summary.bytesUsed} bytes used (${summary.imageSize} with padding), ${summary.inodes} inodes, ` +
      `${summary.dataBlocks} data blocks, ${summary.fragments} fragments, ${summary.duplicateFiles} duplicate files\n`
    );
  } catch (err) {
    const given = new Map([
      [source, dir],
      [resolve(ctx.cwd, out), out],
    ]);
    // a source that cannot be read: the failed call, as file errors are worded (the source's own path as given)
    const cause = squashfs.isSquashfsWriteError(err, 'source-read') ? err.cause : undefined;
    const read = fileErrorText(cause, given);
    if (read !== undefined) throw new CliExit(read);
    if (squashfs.isSquashfsWriteError(err)) throw new CliExit(err.message);
    const text = fileErrorText(err, given);
    if (text !== undefined) throw new CliExit(text);
    throw err;
  }
}

/** Superblock flag names as `sim squashfs info` prints them, in bit order. */
const FLAG_NAMES: readonly [keyof Squashfs['SuperblockFlag'], string][] = [
  ['noInodeCompression', 'uncompressed-inodes'],
  ['noDataCompression', 'uncompressed-data'],
  ['check', 'check'],
  ['noFragmentCompression', 'uncompressed-fragments'],
  ['noFragments', 'no-fragments'],
  ['alwaysFragments', 'always-fragments'],
  ['duplicates', 'duplicates'],
  ['exportable', 'exportable'],
  ['noXattrCompression', 'uncompressed-xattrs'],
  ['noXattrs', 'no-xattrs'],
  ['compressorOptions', 'compressor-options'],
  ['noIdCompression', 'uncompressed-ids'],
];

function infoText(image: SquashfsImage, squashfs: Squashfs): string {
  const sb = image.superblock;
  const c = image.compressor;
  const options = Object.entries(c.options)
    .map(([k, v]) => `${k}=${v}`)
    .join(' ');
  const flags = FLAG_NAMES.filter(([flag]) => sb.flags & squashfs.SuperblockFlag[flag]).map(([, name]) => name);
  const created = new Date(sb.mkfsTime * 1000).toISOString().replace('T', ' ').replace('.000Z', ' UTC');
  const rows: [string, string][] = [
    ['image', image.name],
    ['version', `${sb.versionMajor}.${sb.versionMinor}`],
    [
      'compressor',
      `${c.name} (${options === '' ? 'no options' : options}${c.optionsStored ? ', stored' : ', defaults'})`,
    ],
    ['block size', String(sb.blockSize)],
    ['bytes used', String(sb.bytesUsed)],
    ['created', created],
    ['inodes', String(sb.inodeCount)],
    ['fragments', String(sb.fragmentCount)],
    ['ids', String(sb.idCount)],
    ['flags', `0x${sb.flags.toString(16).padStart(4, '0')} ${flags.join(',')}`],
    ['export table', sb.exportTableStart === undefined ? 'no' : 'yes'],
    ['xattr table', sb.xattrIdTableStart === undefined ? 'no' : 'yes'],
  ];
  return rows.map(([k, v]) => `${`${k}:`.padEnd(14)}${v}\n`).join('');
}

export function registerSquashfs(program: Command, ctx: CliContext): void {
  const cmd = program
    .command('squashfs')
    .description('Squashfs images in TypeScript: list, read, extract and build them');
  const talos = ['--talos-kernel', 'refuse compressors the Talos kernel lacks (all but xz and zstd)'] as const;

  cmd
    .command('ls')
    .description('list every entry as `unsquashfs -lln` does')
    .argument('<image>', 'squashfs image file')
    .option(...talos)
    .action(async (file: string, o: ImageOptions) => {
      await withImage(ctx, file, o, (image, { formatListingLine, encodeName }) => {
        // written in pieces of about 64 KiB (no 2 MB string for a 20,000-entry image), as bytes: names and link
        // targets that are not UTF-8 print as the bytes they are, as unsquashfs prints them
        let out = '';
        for (const entry of image.walk()) {
          out += `${formatListingLine(entry)}\n`;
          if (out.length >= 65536) {
            ctx.io.stdout(encodeName(out));
            out = '';
          }
        }
        if (out !== '') ctx.io.stdout(encodeName(out));
      });
    });

  cmd
    .command('cat')
    .description("write a file's bytes to stdout")
    .argument('<image>', 'squashfs image file')
    .argument('<path>', 'path inside the image')
    .option(...talos)
    .action(async (file: string, path: string, o: ImageOptions) => {
      await withImage(ctx, file, o, async (image) => {
        // block by block, waiting while stdout is full (a slow reader must not make the whole file pile up in
        // memory); chunks are fresh buffers, which the stream may keep until written
        for (const chunk of image.chunks(path)) {
          const room = ctx.io.stdout(chunk.data ?? new Uint8Array(chunk.length));
          if (room === false) await ctx.io.drain?.();
        }
      });
    });

  cmd
    .command('info')
    .description('show the superblock, compressor and counts')
    .argument('<image>', 'squashfs image file')
    .option(...talos)
    .action(async (file: string, o: ImageOptions) => {
      ctx.io.stdout(await withImage(ctx, file, o, infoText));
    });

  cmd
    .command('unpack')
    .description('extract everything into a new or empty directory, as `unsquashfs -d`')
    .argument('<image>', 'squashfs image file')
    .argument('<dir>', 'target directory')
    .option(
      '--workers <n>',
      'decompress in n worker threads, at most one per core (default: one per core for images ≥ 32 MiB)',
    )
    .option(...talos)
    .action(async (file: string, dir: string, o: ImageOptions & { workers?: string }) => {
      const requested = parseWorkers(o.workers);
      const summary = await withImage(
        ctx,
        file,
        o,
        (image, { unpack }) => {
          const workers =
            requested ?? (image.superblock.bytesUsed >= PARALLEL_UNPACK_BYTES ? availableParallelism() : 0);
          return unpack(image, resolve(ctx.cwd, dir), { workers, onWarning: (w) => ctx.io.stderr(`warning: ${w}\n`) });
        },
        [dir],
      );
      ctx.io.stdout(
        `created ${summary.files} files, ${summary.directories} directories, ${summary.symlinks} symlinks, ` +
          `${summary.hardLinks} hard links, ${summary.specialFiles} special files (${summary.skipped} skipped)\n`,
      );
    });

  cmd
    .command('build')
    .description('build an image from a directory, as mksquashfs <dir> <image> -noappend does')
    .argument('<dir>', 'source directory')
    .argument('<image>', 'image file to create (replaced if it exists)')
    .option('--comp <name>', 'compressor: zstd, xz, gzip or none', 'gzip')
    .option('--level <n>', 'compression level (gzip 1-9, default 9; zstd 1-22, default 15)')
    .option('--block-size <n>', 'data block size, 4K to 1M (default 128K)')
    .option('--all-root', 'make every file owned by root (uid and gid 0)')
    .option('--mkfs-time <t>', 'filesystem creation time in seconds (default: the newest mtime in the tree)')
    .option('--no-xattrs', 'do not store extended attributes')
    .option(
      '--workers <n>',
      'compression threads, at most one per core (default: one per core for trees of 8 MiB or more)',
    )
    .action(async (dir: string, out: string, o: BuildOptions) => {
      ctx.io.stdout(await build(ctx, dir, out, o));
    });
}
