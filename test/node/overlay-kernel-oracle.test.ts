// overlayfs-sim against the kernel's overlayfs: random stacks of two or three lower layers (directories, files,
// symlinks, whiteouts as 0/0 character devices, opaque directories by trusted.overlay.opaque=y) are mounted by
// Linux (`mount -t overlay`, lowerdir only) and, squashed, by overlayfs-sim over squashfs layers, as a simulated node
// mounts its extensions. Every path of the merged tree (and some that are not there) must read the same: kind and
// mtime from lstat and stat, sorted readdir names, file contents, link targets, or the same error code.
// Mounting needs root (CAP_SYS_ADMIN) and squashfs-tools' companion `attr`; where the probe mount fails, the test
// is reported as skipped, never as passed.
import { spawnSync } from 'node:child_process';
import * as disk from 'node:fs';
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { Volume } from 'memfs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { squashfsLayer } from '../../src/node/squashfs-layer.js';
import { createNodeFs, type NodeFs, Overlay } from '../../src/overlayfs-sim/index.js';
import { buildSquashfs, getfattrXattrReader, readDirectoryTree, SquashfsImage } from '../../src/squashfs/index.js';
import { apply, rmDiffersByRuntime, rmLeftWhatItRemoved, snapshot, type WriteFs, write } from '../support/fs-writes.js';
import { oracleAvailable } from '../support/oracles.js';

const runs = Number(process.env.FC_NUM_RUNS ?? '40');
const NAMES = ['a', 'b', 'c'] as const;

type LayerNode =
  | { readonly kind: 'file' }
  | { readonly kind: 'whiteout' }
  | { readonly kind: 'symlink'; readonly target: string }
  | { readonly kind: 'dir'; readonly opaque: boolean; readonly entries: ReadonlyMap<string, LayerNode> };

const leaf: fc.Arbitrary<LayerNode> = fc.oneof(
  { arbitrary: fc.constant<LayerNode>({ kind: 'file' }), weight: 3 },
  { arbitrary: fc.constant<LayerNode>({ kind: 'whiteout' }), weight: 2 },
  { arbitrary: fc.constantFrom('a', 'b/c', 'c/').map((target): LayerNode => ({ kind: 'symlink', target })), weight: 1 },
);

function layerDir(depth: number): fc.Arbitrary<LayerNode> {
  const child =
    depth <= 1 ? leaf : fc.oneof({ arbitrary: leaf, weight: 2 }, { arbitrary: layerDir(depth - 1), weight: 2 });
  return fc
    .tuple(
      fc.subarray([...NAMES]),
      fc.boolean().map((b) => b && depth < 3), // the root of a layer is never opaque
    )
    .chain(([names, opaque]) =>
      fc
        .tuple(...names.map((n) => child.map((c) => [n, c] as const)))
        .map((entries): LayerNode => ({ kind: 'dir', opaque, entries: new Map(entries) })),
    );
}

function run(cmd: string, args: readonly string[]): boolean {
  return spawnSync(cmd, args, { stdio: 'ignore' }).status === 0;
}

/** A shell word: `s` in single quotes. */
const shellQuoted = (s: string): string => `'${s.replaceAll("'", "'\\''")}'`;

/**
 * Writes the layers under `base` as l0, l1, … (top first, as lowerdir= lists them). Whiteouts and opaque markers are
 * made by one shell for the whole stack (a mknod or setfattr process each was most of this test's time); mtimes are
 * set last, children before their directory, unique across the stack.
 */
function writeLayers(layers: readonly LayerNode[], base: string): string[] {
  const special: string[] = [];
  const timed: string[] = [];
  const create = (n: LayerNode, path: string): void => {
    if (n.kind === 'dir') {
      mkdirSync(path, { recursive: true });
      for (const [name, child] of n.entries) create(child, join(path, name));
      if (n.opaque) special.push(`setfattr -n trusted.overlay.opaque -v y ${shellQuoted(path)}`);
    } else if (n.kind === 'file') {
      writeFileSync(path, `${path}\n`);
    } else if (n.kind === 'whiteout') {
      special.push(`mknod ${shellQuoted(path)} c 0 0`);
    } else {
      symlinkSync(n.target, path);
      return; // symlinks keep their own time: lutimes is not needed for the comparison below
    }
    timed.push(path);
  };
  const dirs = layers.map((layer, i) => {
    const dir = join(base, `l${i}`);
    create(layer, dir);
    return dir;
  });
  if (special.length > 0 && spawnSync('sh', ['-ec', special.join('\n')], { stdio: 'ignore' }).status !== 0) {
    throw new Error(`making whiteouts and opaque directories failed under ${base}`);
  }
  let t = 1_600_000_000;
  for (const path of timed) utimesSync(path, ++t, t);
  return dirs;
}

/** Can this machine mount overlays (root with CAP_SYS_ADMIN), without and with an upper? Probed once, at collection. */
function overlayMountable(): { readonly lowerOnly: boolean; readonly withUpper: boolean } {
  const no = { lowerOnly: false, withUpper: false };
  if (process.getuid?.() !== 0 || !run('setfattr', ['--version']) || !run('mknod', ['--version'])) return no;
  const probe = mkdtempSync(join(tmpdir(), 'ovl-probe-'));
  const mount = (options: string): boolean => {
    const ok = run('mount', ['-t', 'overlay', 'overlay', '-o', options, `${probe}/m`]);
    if (ok) run('umount', [`${probe}/m`]);
    return ok;
  };
  try {
    for (const d of ['l1', 'l2', 'u', 'w', 'm']) mkdirSync(join(probe, d));
    const lowers = `lowerdir=${probe}/l1:${probe}/l2`;
    // an upper directory needs a filesystem overlayfs accepts as one (not itself an overlay, for instance)
    return { lowerOnly: mount(lowers), withUpper: mount(`${lowers},upperdir=${probe}/u,workdir=${probe}/w`) };
  } finally {
    rmSync(probe, { recursive: true, force: true });
  }
}

type ReadFs = Pick<NodeFs, 'lstatSync' | 'statSync' | 'readdirSync' | 'readFileSync' | 'readlinkSync'>;

function outcome(answer: () => unknown): string {
  try {
    return JSON.stringify(answer());
  } catch (err) {
    return (err as { code?: string }).code ?? String(err);
  }
}

/** Every answer for `p` under `root` in `fs`. */
function answers(fs: ReadFs, root: string, p: string): Record<string, string> {
  const at = `${root}${p}`;
  const kindOf = (s: disk.Stats) =>
    s.isDirectory() ? 'dir' : s.isSymbolicLink() ? 'link' : s.isFile() ? 'file' : 'other';
  return {
    lstat: outcome(() => {
      const s = fs.lstatSync(at) as disk.Stats;
      // symlinks' own times are not set by the test
      return s.isSymbolicLink() ? 'link' : [kindOf(s), s.mtimeMs / 1000];
    }),
    stat: outcome(() => kindOf(fs.statSync(at) as disk.Stats)),
    // the kernel lists the whiteouts of a directory that exists in one layer only (it passes such directories
    // through unmerged), names whose lookup then fails; overlayfs-sim never lists markers, so they are left out
    readdir: outcome(() =>
      [...(fs.readdirSync(at) as string[])]
        .filter((name) => fs.lstatSync(`${at === '/' ? '' : at}/${name}`, { throwIfNoEntry: false }) !== undefined)
        .sort(),
    ),
    readFile: outcome(() => fs.readFileSync(at, 'utf8')),
    readlink: outcome(() => fs.readlinkSync(at)),
  };
}

/** The merged tree's paths (walked in the kernel's mount), plus names that may be whited out or missing. */
function pathsOf(root: string): string[] {
  const out = ['/'];
  const visit = (rel: string): void => {
    for (const name of disk.readdirSync(`${root}${rel}`)) {
      const p = `${rel}/${name}`;
      out.push(p);
      if (disk.lstatSync(`${root}${p}`, { throwIfNoEntry: false })?.isDirectory() === true) visit(p);
    }
    for (const name of NAMES) if (!out.includes(`${rel}/${name}`)) out.push(`${rel}/${name}`);
  };
  visit('');
  return out;
}

/** Each layer directory squashed (with its xattrs, so opaque directories stay opaque). */
async function squashLayers(dirs: readonly string[]): Promise<SquashfsImage[]> {
  const images: SquashfsImage[] = [];
  for (const dir of dirs) {
    const xattrs = getfattrXattrReader(dir);
    const tree = readDirectoryTree(dir, xattrs === undefined ? {} : { xattrs });
    images.push(await SquashfsImage.open((await buildSquashfs(tree, { compressor: 'none' })).image));
  }
  return images;
}

const mountable = overlayMountable();
const UNMOUNTABLE = 'needs root with overlay mounts, setfattr and mknod (apt-get install attr)';
const mergeOracle = oracleAvailable(mountable.lowerOnly, UNMOUNTABLE);
const writeOracle = oracleAvailable(mountable.withUpper, `${UNMOUNTABLE}, and an upper directory overlayfs accepts`);

describe('overlayfs-sim against the kernel overlayfs', () => {
  let scratch: string;
  beforeAll(() => {
    scratch = mkdtempSync(join(tmpdir(), 'ovl-oracle-'));
  });
  afterAll(() => rmSync(scratch, { recursive: true, force: true }));

  it.runIf(mergeOracle)(
    'merges lower layers as Linux does: whiteouts, opaque directories, shadowing',
    async () => {
      let n = 0;
      await fc.assert(
        fc.asyncProperty(fc.array(layerDir(3), { minLength: 2, maxLength: 3 }), async (layers) => {
          const base = join(scratch, `s${n++}`);
          const dirs = writeLayers(layers, base);
          const mnt = join(base, 'mnt');
          mkdirSync(mnt);
          expect(run('mount', ['-t', 'overlay', 'overlay', '-o', `lowerdir=${dirs.join(':')}`, mnt])).toBe(true);
          const images = await squashLayers(dirs);
          try {
            const sim = createNodeFs(new Overlay({ lowers: images.map((img, i) => squashfsLayer(img, `l${i}`)) }));
            for (const p of pathsOf(mnt)) {
              expect(answers(sim, '', p), p).toEqual(answers(disk as unknown as ReadFs, mnt, p));
            }
          } finally {
            for (const img of images) img.close();
            run('umount', [mnt]);
            rmSync(base, { recursive: true, force: true });
          }
        }),
        { numRuns: runs },
      );
    },
    120_000,
  );

  // overlayfs without redirect_dir: renaming a directory that has lower content is EXDEV in both
  it.runIf(writeOracle)(
    'takes writes as Linux does: copy-up, whiteouts, opaque directories, EXDEV',
    async () => {
      let n = 0;
      await fc.assert(
        fc.asyncProperty(
          fc.array(layerDir(2), { minLength: 2, maxLength: 2 }),
          fc.array(write, { minLength: 1, maxLength: 6 }),
          async (layers, writes) => {
            const base = join(scratch, `w${n++}`);
            const dirs = writeLayers(layers, base);
            for (const d of ['upper', 'work', 'mnt']) mkdirSync(join(base, d));
            const options = `lowerdir=${dirs.join(':')},upperdir=${base}/upper,workdir=${base}/work`;
            expect(run('mount', ['-t', 'overlay', 'overlay', '-o', options, `${base}/mnt`])).toBe(true);
            const images = await squashLayers(dirs);
            try {
              const lowers = images.map((img, i) => squashfsLayer(img, `l${i}`));
              const sim = createNodeFs(new Overlay({ lowers, upper: new Volume() }));
              const kernel = disk as unknown as WriteFs;
              for (const w of writes) {
                if (rmDiffersByRuntime(w)) continue;
                const onDisk = apply(kernel, `${base}/mnt`, w);
                if (rmLeftWhatItRemoved(w, onDisk, `${base}/mnt`)) break;
                expect(apply(sim, '', w), JSON.stringify(w)).toBe(onDisk);
                expect(snapshot(sim, ''), `after ${JSON.stringify(w)}`).toEqual(
                  snapshot(kernel, `${base}/mnt`, { skipUnresolvable: true }),
                );
              }
            } finally {
              for (const img of images) img.close();
              run('umount', [`${base}/mnt`]);
              rmSync(base, { recursive: true, force: true });
            }
          },
        ),
        { numRuns: runs },
      );
    },
    120_000,
  );
});
