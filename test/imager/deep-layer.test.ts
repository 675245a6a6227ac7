// `sim image build` with an extension whose rootfs is 3000 levels deep (a gzipped tarball of some 70 KB; the Talos
// imager's mksquashfs stores it): every walk on the way (tar layer → tree, contents check, squashing) keeps an
// explicit stack, so the depth is bounded by memory and not by the JavaScript stack.
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, inject } from 'vitest';
import { itWithOracles } from '../support/oracles.js';

const DEPTH = 3000;
let cwd: string;

beforeAll(() => {
  cwd = mkdtempSync(join(tmpdir(), 'talos-sim-deep-layer-'));
  const image = join(cwd, 'image');
  mkdirSync(image);
  writeFileSync(
    join(image, 'manifest.yaml'),
    'version: v1alpha1\nmetadata:\n  name: deep\n  version: 1.0.0\n  author: t\n  description: deep\n' +
      '  compatibility:\n    talos:\n      version: ">= v1.0.0"\n',
  );
  // coreutils' mkdir -p and GNU tar work below PATH_MAX (one level at a time); node:fs does not
  execFileSync('mkdir', ['-p', `rootfs/usr/local/lib/${'a/'.repeat(DEPTH)}`], { cwd: image });
  execFileSync('tar', ['--sort=name', '--owner=0', '--group=0', '--mtime=@0', '-czf', '../deep.tar.gz', '.'], {
    cwd: image,
  });
});
// rm(1) too: Node's recursive rmSync recurses once per level
afterAll(() => execFileSync('rm', ['-rf', cwd]));

itWithOracles(['unsquashfs'])(`builds an extension layer ${DEPTH} levels deep`, async () => {
  // the bundled executable: in-process, from the TypeScript sources, its compression workers would each load
  // those sources through tsx first (seconds); a user runs this
  const run = spawnSync(
    process.execPath,
    [inject('simBin'), 'image', 'build', '--talos', 'v1.11.2', 'deep.tar.gz', '--output', 'out'],
    {
      cwd,
      encoding: 'utf8',
    },
  );
  expect([run.status, run.stdout, run.stderr.split('\n').at(-2)]).toEqual([0, '', 'output asset path: out']);
  const listing = execFileSync('unsquashfs', ['-lln', join(cwd, 'out/0.sqsh')], {
    encoding: 'utf8',
    maxBuffer: 1 << 26,
  });
  expect(listing.trimEnd().split('\n').at(-1)).toMatch(
    new RegExp(` squashfs-root/usr/local/lib${'/a'.repeat(DEPTH)}$`),
  );
});
