// `sim image build`, run in-process: the imager's plain-reporter output (golden files, byte for byte), the files
// written with --output (the TypeScript writer's layers, checked with unsquashfs), Image Factory mode, and the
// errors users see.
import { execFileSync } from 'node:child_process';
import {
  existsSync,
  lstatSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { squashfsPaths } from '../fixtures/imager/unsquashfs.js';
import { expectGolden } from '../support/golden.js';
import { itWithOracles } from '../support/oracles.js';
import { sim as runSim } from '../support/run-sim.js';

const EXTENSION1 = fileURLToPath(new URL('../fixtures/extensions/upstream/good/extension1', import.meta.url));
const cwd = mkdtempSync(join(tmpdir(), 'talos-sim-image-cli-'));
execFileSync('tar', [
  '--sort=name',
  '--owner=0',
  '--group=0',
  '--mtime=@0',
  '-C',
  EXTENSION1,
  '-cf',
  join(cwd, 'extension1.tar'),
  '.',
]);
afterAll(() => rmSync(cwd, { recursive: true, force: true }));

const sim = (...argv: string[]) => runSim(argv, { cwd });

describe('sim image build', () => {
  itWithOracles(['unsquashfs'])(
    'prints the imager’s progress and writes the initramfs additions with --output',
    async () => {
      const run = await sim(
        'image',
        'build',
        '--talos',
        'v1.11.2',
        'ghcr.io/siderolabs/gvisor:20250707.0',
        'ghcr.io/siderolabs/drbd:9.2.14-v1.11.2',
        'ghcr.io/siderolabs/intel-ucode:20250812',
        'extension1.tar',
        '--output',
        'out',
      );
      expect([run.code, run.stdout]).toEqual([0, '']);
      expectGolden('imager/golden/image-build-v1.11.2.txt', run.stderr);
      const out = join(cwd, 'out');
      expect(readdirSync(out).sort()).toEqual([
        '0.sqsh',
        '1.sqsh',
        '2.sqsh',
        '3.sqsh',
        'extensions.yaml',
        'kernel',
        'modules.dep.sqsh',
        'usr',
      ]);
      expect(readFileSync(join(out, 'extensions.yaml'), 'utf8')).toMatch(/^layers:\n {4}- image: 0\.sqsh\n/);
      expect(existsSync(join(out, 'usr/lib/firmware/amd/cpu'))).toBe(true);
      expect(existsSync(join(out, 'kernel/x86/microcode/GenuineIntel.bin'))).toBe(true);
      expect(squashfsPaths(new Uint8Array(readFileSync(join(out, '3.sqsh'))))).toContain('/usr/local/lib/a.so.1');
    },
  );

  it('builds as Image Factory with --factory from official extension names', async () => {
    const run = await sim(
      'image',
      'build',
      '--talos',
      'v1.14.0-alpha.1',
      '--factory',
      'siderolabs/gvisor',
      'siderolabs/gasket',
    );
    expect([run.code, run.stdout]).toEqual([0, '']);
    expectGolden('imager/golden/image-build-factory-v1.14.0-alpha.1.txt', run.stderr);
  });

  it('skips the initramfs rebuild without extensions', async () => {
    const run = await sim('image', 'build', '--talos', 'v1.11', '--kind', 'iso');
    expect(run).toEqual({ code: 0, stdout: '', stderr: 'skipped initramfs rebuild (no system extensions)\n' });
  });

  it.each([
    [
      ['ghcr.io/siderolabs/nope:1'],
      'rebuilding initramfs with system extensions...\n    pulling ghcr.io/siderolabs/nope:1...\n' +
        'error pulling image ghcr.io/siderolabs/nope:1: image "ghcr.io/siderolabs/nope:1" not found: repository ghcr.io/siderolabs/nope does not exist\n',
    ],
    [['missing-dir'], 'open missing-dir: no such file or directory\n'],
    [
      ['--talos', 'v1.4.8', 'extension1.tar'],
      'boot assets with system extensions need Talos v1.5.0 or later (the imager first shipped in v1.5.0); Talos v1.4.8 installs extensions from .machine.install.extensions\n',
    ],
    [['--talos', 'nonsense'], 'invalid Talos version "nonsense": expected a semantic version such as v1.10.0\n'],
    [
      ['--factory', 'siderolabs/nope'],
      'official extension "siderolabs/nope" is not available for Talos version v1.11.2\n',
    ],
  ])('fails with the error users see: %j', async (args, stderr) => {
    const run = await sim('image', 'build', '--talos', 'v1.11.2', ...args);
    expect(run).toEqual({ code: 1, stdout: '', stderr });
  });

  it('rejects unknown kinds and a missing --talos as commander does', async () => {
    const kind = await sim('image', 'build', '--talos', 'v1.11.2', '--kind', 'floppy');
    expect(kind.code).toBe(1);
    expect(kind.stderr).toBe(
      "error: option '--kind <kind>' argument 'floppy' is invalid. Allowed choices are installer, iso, disk-image, pxe, initramfs, uki.\n",
    );
    const talos = await sim('image', 'build');
    expect([talos.code, talos.stderr]).toEqual([1, "error: required option '--talos <version>' not specified\n"]);
    // a line past the releases talos-sim knows is refused as sim get refuses it, before anything is built
    expect(await sim('image', 'build', '--talos', 'v9.9.9')).toEqual({
      code: 1,
      stdout: '',
      stderr: '--talos: unknown Talos version "v9.9.9"\n',
    });
  });
});

describe('sim image build --output writes only inside its directory', () => {
  it('replaces a symbolic link planted at an output name instead of writing through it', async () => {
    const out = join(cwd, 'planted');
    mkdirSync(join(out, 'usr'), { recursive: true });
    writeFileSync(join(cwd, 'victim'), 'precious');
    symlinkSync(join(cwd, 'victim'), join(out, 'extensions.yaml'));
    const run = await sim('image', 'build', '--talos', 'v1.11.2', 'extension1.tar', '--output', 'planted');
    expect(run.code).toBe(0);
    expect(readFileSync(join(cwd, 'victim'), 'utf8')).toBe('precious');
    expect(lstatSync(join(out, 'extensions.yaml')).isFile()).toBe(true);
    expect(readFileSync(join(out, 'extensions.yaml'), 'utf8')).toMatch(/^layers:\n/);
  });

  it('refuses a symbolic link to a directory outside on the way to an output file', async () => {
    const out = join(cwd, 'planted-dir');
    const elsewhere = join(cwd, 'elsewhere');
    mkdirSync(out);
    mkdirSync(elsewhere);
    symlinkSync(elsewhere, join(out, 'usr'));
    const run = await sim(
      'image',
      'build',
      '--talos',
      'v1.11.2',
      'ghcr.io/siderolabs/intel-ucode:20250812',
      '--output',
      'planted-dir',
    );
    expect(run.code).toBe(1);
    expect(run.stderr.split('\n').at(-2)).toBe(
      `${join(out, 'usr')} is a symbolic link: talos-sim never writes through one`,
    );
    expect(readdirSync(elsewhere)).toEqual([]);
  });

  it('fails before any work when --output names an existing file', async () => {
    writeFileSync(join(cwd, 'a-file'), 'keep');
    const run = await sim('image', 'build', '--talos', 'v1.11.2', 'extension1.tar', '--output', 'a-file');
    expect(run).toEqual({
      code: 1,
      stdout: '',
      stderr: '--output a-file: not a directory (a regular file)\n',
    });
    expect(readFileSync(join(cwd, 'a-file'), 'utf8')).toBe('keep');
  });
});
