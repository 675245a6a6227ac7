// `sim squashfs build`, run in-process: the image mksquashfs builds with the same options, as
// unsquashfs lists it, and the errors users see.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { sim as runSim } from '../../support/run-sim.js';
import { describeWithFixtures, expectedListing, fixturesDir } from '../fixtures.js';

let scratch: string;
beforeAll(() => {
  scratch = mkdtempSync(join(existsSync('/dev/shm') ? '/dev/shm' : tmpdir(), 'sim-squashfs-build-'));
});
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

const sim = (...argv: string[]) => runSim(['squashfs', 'build', ...argv], { cwd: fixturesDir() });

describeWithFixtures('sim squashfs build', () => {
  it("builds the fixture tree as mksquashfs does with Talos's zstd options", async () => {
    const out = join(scratch, 'talos.sqsh');
    const run = await sim('src', out, '--comp', 'zstd', '--level', '18', '--all-root', '--mkfs-time', '1700000000');
    expect(run).toEqual({
      code: 0,
      stdout: `${out}: 729450 bytes used (733184 with padding), 1672 inodes, 15 data blocks, 1 fragments, 2 duplicate files\n`,
      stderr: '',
    });
    expect(execFileSync('unsquashfs', ['-lln', out], { encoding: 'utf8' })).toBe(expectedListing('talos-ext-zstd'));
  });

  it('takes block sizes with K and M suffixes', async () => {
    const out = join(scratch, 'b4k.sqsh');
    const run = await sim('one-src', out, '--comp', 'gzip', '--block-size', '4K');
    expect(run.code).toBe(0);
    expect(execFileSync('unsquashfs', ['-s', out], { encoding: 'utf8' })).toContain('Block size 4096');
  });

  it.each([
    [['src', 'x.sqsh', '--comp', 'lz4'], 'invalid --comp: lz4 (one of zstd, xz, gzip, none)\n'],
    [['src', 'x.sqsh', '--level', 'high'], 'invalid --level: high\n'],
    [['src', 'x.sqsh', '--comp', 'zstd', '--level', '30'], 'invalid option level: zstd level 30 is outside 1..22\n'],
    [
      ['src', 'x.sqsh', '--block-size', '3K'],
      'invalid option blockSize: 3072 is not a power of two from 4096 to 1048576\n',
    ],
    // file errors as the other sim commands word them (Go's PathError), naming the argument as given
    [['no-such-dir', 'x.sqsh'], 'lstat no-such-dir: no such file or directory\n'],
    [['one-src', 'no-such-dir/x.sqsh'], 'open no-such-dir/x.sqsh: no such file or directory\n'],
  ])('fails on %j', async (argv, stderr) => {
    expect(await sim(...argv)).toEqual({ code: 1, stdout: '', stderr });
  });
});
