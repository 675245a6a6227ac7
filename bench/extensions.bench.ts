// Extension image loading: reading an OCI archive (gzip layer plus a whiteout layer), loading and validating the
// extension, against GNU tar unpacking the same layers into a directory; the content digest per megabyte; and the
// default catalog, which the CLI creates on every run, against publishing every seeded release up front; and the
// compatibility constraint check on a hostile range of 50,000 alternatives (it was quadratic), against npm semver.
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import semver from 'semver';
import { buildSeedImage, SEED_REPOSITORY_PREFIX } from '../src/extensions/catalog/seed-image.js';
import { SEED_RELEASES } from '../src/extensions/catalog/seed-releases.js';
import {
  checkConstraint,
  createDefaultCatalog,
  ExtensionsCatalog,
  ImageRegistry,
  imageDigest,
  loadExtension,
  readImageArchive,
  SEEDED_TALOS_RELEASES,
  validateExtension,
} from '../src/extensions/index.js';
import { type BenchFigure, type BenchSuite, bestOf } from './harness.js';

/** The default catalog as it was built before it became lazy: every release published, in table order. */
function publishEverySeededRelease(): ExtensionsCatalog {
  const catalog = new ExtensionsCatalog(new ImageRegistry());
  for (const [talos, images] of Object.entries(SEED_RELEASES)) {
    const list = Object.entries(images).map(([name, tag]) => ({
      reference: `${SEED_REPOSITORY_PREFIX}${name}:${tag}`,
      image: buildSeedImage(talos, name, tag),
    }));
    catalog.publish(talos, list);
  }
  return catalog;
}

async function catalogFigures(): Promise<BenchFigure[]> {
  const releases = SEEDED_TALOS_RELEASES.length;
  // warm-up: the code paths are shared, so whichever ran first would pay for compiling them
  publishEverySeededRelease();
  const upFront = await bestOf(5, () => {
    publishEverySeededRelease();
  });
  const create = await bestOf(20, () => {
    createDefaultCatalog();
  });
  const firstIndex = await bestOf(5, () => {
    createDefaultCatalog().entries('v1.13.9');
  });
  const everyIndex = await bestOf(3, () => {
    const catalog = createDefaultCatalog();
    for (const talos of SEEDED_TALOS_RELEASES) catalog.entries(talos);
  });
  const baseline = { name: `publishing all ${releases} releases up front`, value: upFront };
  return [
    {
      name: 'default catalog: createDefaultCatalog()',
      value: create * 1000,
      unit: 'µs',
      goal: '≤ 1 ms, whatever the number of releases',
      met: create <= 1,
      note: `builds nothing until a reference needs it; publishing all ${releases} releases up front: ${upFront.toFixed(1)} ms`,
    },
    {
      name: 'default catalog: create + first index (v1.13.9)',
      value: firstIndex,
      unit: 'ms',
      baseline,
      note: 'its 13 images, plus the newest build of each tag it shares with other releases',
    },
    {
      name: 'default catalog: create + every index',
      value: everyIndex,
      unit: 'ms',
      baseline,
      note: `${releases} releases`,
    },
  ];
}

function tar(dir: string, out: string, gzip: boolean): void {
  execFileSync('tar', [
    '--sort=name',
    '--owner=0',
    '--group=0',
    '--numeric-owner',
    '--mtime=@0',
    gzip ? '-czf' : '-cf',
    out,
    '-C',
    dir,
    '.',
  ]);
}

/** Deterministic pseudo-random bytes (half compressible), so gzip has realistic work. */
function content(seed: number, size: number): Uint8Array {
  const bytes = new Uint8Array(size);
  let x = seed >>> 0 || 1;
  for (let i = 0; i < size; i += 2) {
    x = (Math.imul(x, 1664525) + 1013904223) >>> 0;
    bytes[i] = x >>> 24;
  }
  return bytes;
}

function sha(path: string): { digest: string; size: number } {
  const bytes = readFileSync(path);
  return { digest: `sha256:${createHash('sha256').update(bytes).digest('hex')}`, size: bytes.length };
}

function build(cacheDir: string, files: number, fileSize: number): { archive: string; layers: string[] } {
  const root = join(cacheDir, `extensions-${files}x${fileSize}`);
  const archive = join(root, 'image.tar');
  const layers = [join(root, 'layer0.tar.gz'), join(root, 'layer1.tar')];
  if (existsSync(archive)) return { archive, layers };
  rmSync(root, { recursive: true, force: true });
  const l0 = join(root, 'l0');
  const l1 = join(root, 'l1');
  mkdirSync(join(l0, 'rootfs/usr/local/lib'), { recursive: true });
  mkdirSync(join(l1, 'rootfs/usr/local/lib'), { recursive: true });
  writeFileSync(
    join(l0, 'manifest.yaml'),
    'version: v1alpha1\nmetadata:\n  name: bench\n  version: "1"\n  author: bench\n',
  );
  for (let i = 0; i < files; i++) writeFileSync(join(l0, `rootfs/usr/local/lib/lib${i}.so`), content(i + 1, fileSize));
  for (let i = 0; i < files; i += 10) writeFileSync(join(l1, `rootfs/usr/local/lib/.wh.lib${i}.so`), '');
  tar(l0, layers[0] as string, true);
  tar(l1, layers[1] as string, false);
  const layout = join(root, 'layout');
  mkdirSync(join(layout, 'blobs/sha256'), { recursive: true });
  const blob = (path: string) => {
    const d = sha(path);
    writeFileSync(join(layout, 'blobs/sha256', d.digest.slice(7)), readFileSync(path));
    return d;
  };
  const json = (value: unknown) => {
    const path = join(root, 'tmp.json');
    writeFileSync(path, JSON.stringify(value));
    return blob(path);
  };
  const config = json({ os: 'linux', architecture: 'amd64' });
  const manifest = json({
    schemaVersion: 2,
    config: { mediaType: 'application/vnd.oci.image.config.v1+json', ...config },
    layers: layers.map((l) => ({ mediaType: 'application/vnd.oci.image.layer.v1.tar', ...blob(l) })),
  });
  writeFileSync(join(layout, 'oci-layout'), '{"imageLayoutVersion":"1.0.0"}');
  writeFileSync(
    join(layout, 'index.json'),
    JSON.stringify({
      schemaVersion: 2,
      manifests: [{ mediaType: 'application/vnd.oci.image.manifest.v1+json', ...manifest }],
    }),
  );
  tar(layout, archive, false);
  return { archive, layers };
}

const suite: BenchSuite = {
  title: 'Extension images',
  async run(ctx) {
    // first, before the archive work fills the heap
    const catalog = await catalogFigures();
    // then the constraint check, before the image work fills the heap: the figure is the check's own cost
    const alternatives = 50_000;
    const constraint = Array.from({ length: alternatives }, (_, i) => `>= v1.${i}.0`).join(' || ');
    const constraintMs = await bestOf(7, () => {
      if (checkConstraint(constraint, 'v1.13.9') !== undefined) throw new Error('constraint should hold');
    });
    const npmRange = constraint.replaceAll('v', '');
    const npmMs = await bestOf(7, () => {
      if (!semver.satisfies('1.13.9', npmRange)) throw new Error('range should hold');
    });
    const files = Math.max(10, Math.round(200 * ctx.scale));
    const fileSize = 100 * 1024;
    const megabytes = (files * fileSize) / (1 << 20);
    const { archive, layers } = build(ctx.cacheDir, files, fileSize);
    ctx.log(
      `${files} files of ${fileSize / 1024} KiB (${megabytes.toFixed(1)} MiB) in a gzip layer, whiteouts in a second`,
    );
    const bytes = new Uint8Array(readFileSync(archive));
    let image = readImageArchive(bytes, 'image.tar').image;
    const ours = await bestOf(3, () => {
      image = readImageArchive(bytes, 'image.tar').image;
      validateExtension(loadExtension(image), { contents: true });
    });
    const gnu = await bestOf(3, () => {
      const dir = mkdtempSync(join(ctx.cacheDir, 'unpack-'));
      for (const layer of layers) execFileSync('tar', ['-xf', layer, '-C', dir]);
      rmSync(dir, { recursive: true, force: true });
    });
    const digestMs = await bestOf(3, () => {
      imageDigest(image);
    });
    const figures: BenchFigure[] = [
      {
        name: 'read OCI archive + load + validate contents',
        value: ours,
        unit: 'ms',
        baseline: { name: 'GNU tar unpacking the layers', value: gnu },
        goal: '≤ 2× GNU tar',
        met: ours <= 2 * gnu,
      },
      {
        name: 'content digest',
        value: digestMs / megabytes,
        unit: 'ms/MiB',
        note: `${megabytes.toFixed(1)} MiB image`,
      },
      ...catalog,
      {
        name: `constraint check, ${alternatives} alternatives (trim, parse, test)`,
        value: constraintMs,
        unit: 'ms',
        baseline: { name: 'npm semver satisfies on the same range', value: npmMs },
        goal: '< 100 ms',
        met: constraintMs < 100,
        note: `${(constraint.length / 1024).toFixed(0)} KiB of constraint`,
      },
    ];
    return figures;
  },
};

export default suite;
