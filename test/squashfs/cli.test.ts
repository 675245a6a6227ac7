// `sim squashfs ls|cat|info|unpack`, run in-process, against the fixture images and
// squashfs-tools' own output; unpack also against hostile images.
import { execFileSync } from 'node:child_process';
import {
  existsSync,
  lstatSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  readlinkSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { runCli } from '../../src/cli/main.js';
import { expectGolden } from '../support/golden.js';
import { simBytes } from '../support/run-sim.js';
import { describeWithFixtures, fixturesDir, imagePath } from './fixtures.js';

const sim = (...argv: string[]) => simBytes(['squashfs', ...argv], { cwd: fixturesDir() });

let scratch: string;
beforeAll(() => {
  scratch = mkdtempSync(join(tmpdir(), 'sim-squashfs-'));
});
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

describeWithFixtures('sim squashfs ls', () => {
  it.each(['comp-zstd', 'talos-ext-xz', 'tiny-empty'])('prints the lines of unsquashfs -lln for %s', async (name) => {
    const expected = execFileSync('unsquashfs', ['-lln', imagePath(name)], { encoding: 'utf8' });
    const run = await sim('ls', `img/${name}.sqsh`);
    expect(run).toMatchObject({ code: 0, stderr: '' });
    expect(run.stdout).toBe(expected.replace(' 1118448,112 ', ' 240,70000 '));
  });

  it('refuses compressors the Talos kernel lacks when asked to', async () => {
    expect(await sim('ls', '--talos-kernel', 'img/comp-lz4.sqsh')).toEqual({
      code: 1,
      stdout: '',
      bytes: Buffer.alloc(0),
      stderr: 'comp-lz4.sqsh: Filesystem uses "lz4" compression. This is not supported (at byte 20)\n',
    });
    expect((await sim('ls', '--talos-kernel', 'img/talos-ext-xz.sqsh')).code).toBe(0);
  });

  it('reports unreadable input on stderr with status 1', async () => {
    expect(await sim('ls', 'img/bad-magic.sqsh')).toMatchObject({
      code: 1,
      stderr: 'bad-magic.sqsh: not a squashfs image: bad magic 0x58585858 (at byte 0)\n',
    });
    // file errors as the other sim commands word them (Go's PathError), naming the argument as given
    expect(await sim('ls', 'img/missing.sqsh')).toMatchObject({
      code: 1,
      stderr: 'open img/missing.sqsh: no such file or directory\n',
    });
    expect(await sim('info', 'img')).toMatchObject({ code: 1, stderr: 'read img: is a directory\n' });
  });
});

describeWithFixtures('sim squashfs cat', () => {
  it('writes the exact bytes of a file', async () => {
    const run = await sim('cat', 'img/opt-xz-bcj-x86.sqsh', '/usr/bin/x86-calls');
    expect(run.code).toBe(0);
    expect(run.bytes.equals(readFileSync(join(fixturesDir(), 'src/usr/bin/x86-calls')))).toBe(true);
  });

  it('waits for stdout to drain before writing the next block (a slow reader bounds the memory)', async () => {
    const events: string[] = [];
    const written: Buffer[] = [];
    const code = await runCli(['squashfs', 'cat', 'img/comp-zstd.sqsh', '/big/big.bin'], {
      io: {
        stdout: (chunk) => {
          events.push('write');
          written.push(Buffer.from(chunk));
          return false; // always full: every block must wait
        },
        stderr: () => {},
        drain: async () => {
          events.push('wait');
          await new Promise((resolve) => setTimeout(resolve, 1));
          events.push('drained');
        },
      },
      cwd: fixturesDir(),
      env: {},
    });
    expect(code).toBe(0);
    const blocks = Buffer.concat(written);
    expect(blocks.equals(readFileSync(join(fixturesDir(), 'src/big/big.bin')))).toBe(true);
    expect(written.length).toBeGreaterThan(4);
    expect(events.join(' ')).toBe(Array(written.length).fill('write wait drained').join(' '));
  });

  it('follows symlinks and reports missing paths like cat does', async () => {
    expect((await sim('cat', 'img/comp-gzip.sqsh', 'links/abs-link')).stdout).toBe('hello squashfs\n');
    expect(await sim('cat', 'img/comp-gzip.sqsh', '/etc/nope')).toMatchObject({
      code: 1,
      stderr: 'img/comp-gzip.sqsh: open /etc/nope: no such file or directory\n',
    });
  });
});

describeWithFixtures('sim squashfs info', () => {
  it.each(['talos-ext-zstd', 'opt-xz-bcj-x86', 'opt-lz4-hc', 'var-no-exports'])('describes %s', async (name) => {
    const run = await sim('info', `img/${name}.sqsh`);
    expect(run.code).toBe(0);
    expectGolden(`../squashfs/golden/info-${name}.txt`, run.stdout);
  });
});

/** Type, mode, size, mtime, link target and owner of every path under `dir`, sockets left out. */
function tree(dir: string): Map<string, string> {
  const out = new Map<string, string>();
  const visit = (p: string): void => {
    const s = lstatSync(p);
    if (s.isSocket()) return;
    const rel = relative(dir, p) || '.';
    const link = s.isSymbolicLink() ? ` -> ${readlinkSync(p)}` : '';
    const dev = s.isCharacterDevice() || s.isBlockDevice() ? ` rdev=${s.rdev}` : '';
    out.set(
      rel,
      `${s.mode.toString(8)} ${s.uid}:${s.gid} ${s.isFile() ? s.size : '-'} ${s.mtimeMs} nlink=${s.nlink}${dev}${link}`,
    );
    if (s.isDirectory()) for (const child of readdirSync(p)) visit(join(p, child));
  };
  visit(dir);
  return out;
}

describeWithFixtures('sim squashfs unpack', () => {
  it.each([
    ['comp-zstd', []],
    ['comp-xz', ['--workers', '2']],
  ])(
    'extracts %s as unsquashfs -d does (%s)',
    async (name, extra) => {
      const ours = join(scratch, `ours-${name}`);
      const theirs = join(scratch, `theirs-${name}`);
      execFileSync('unsquashfs', ['-no-xattrs', '-d', theirs, imagePath(name)], { stdio: 'ignore' });
      const run = await sim('unpack', ...extra, `img/${name}.sqsh`, ours);
      expect(run.code).toBe(0);
      const root = process.getuid?.() === 0;
      expect(run.stdout).toBe(
        `created 1623 files, 44 directories, 5 symlinks, 2 hard links, ${root ? 4 : 0} special files (${root ? 1 : 5} skipped)\n`,
      );
      expect(run.stderr).toContain('warning: skipped socket run/socket');
      // node:fs cannot set them: each entry that had some says so
      expect(run.stderr).toContain(
        'warning: extended attributes not restored on etc/hello.txt: security.selinux, trusted.t, user.big, user.test\n',
      );
      const expected = tree(theirs);
      if (!root) for (const k of ['dev/null', 'dev/sda', 'dev/big-minor', 'run/fifo']) expected.delete(k);
      expect(tree(ours)).toEqual(expected);
      for (const f of ['big/big.bin', 'sparse/sparse.img', 'links/hard-b']) {
        expect(readFileSync(join(ours, f)).equals(readFileSync(join(theirs, f)))).toBe(true);
      }
    },
    30_000,
  ); // xz: unsquashfs and sim each decode the 5 MB image (~2.5 s each alone)

  it.each([['100000'], ['257'], ['-1'], ['1.5'], ['two']])(
    'refuses --workers %s as build does, before any work',
    async (n) => {
      const target = join(scratch, `workers-${n}`);
      const limit =
        Number(n) > 256
          ? ` (at most 256; more threads than the ${availableParallelism()} cores here gain nothing)`
          : '';
      const run = await sim('unpack', '--workers', n, 'img/tiny-one-file.sqsh', target);
      expect(run).toMatchObject({ code: 1, stdout: '', stderr: `invalid --workers: ${n}${limit}\n` });
      expect(existsSync(target)).toBe(false);
      const build = await sim('build', '--workers', n, 'one-src', join(scratch, `workers-${n}.sqsh`));
      expect(build).toMatchObject({ code: 1, stdout: '', stderr: run.stderr });
    },
  );

  it('starts at most one worker per core for a larger --workers', async () => {
    const target = join(scratch, 'workers-64');
    const run = await sim('unpack', '--workers', '64', 'img/comp-zstd.sqsh', target);
    expect([run.code, run.stderr.replace(/warning: .*\n/g, '')]).toEqual([0, '']);
    expect(readFileSync(join(target, 'big/big.bin')).equals(readFileSync(join(fixturesDir(), 'src/big/big.bin')))).toBe(
      true,
    );
  });

  it('refuses a target directory that is not empty', async () => {
    const target = join(scratch, 'not-empty');
    await sim('unpack', 'img/tiny-one-file.sqsh', target);
    const run = await sim('unpack', 'img/tiny-one-file.sqsh', target);
    expect(run).toMatchObject({ code: 1, stderr: `unpack ${target}: directory not empty\n` });
  });
});

describeWithFixtures('unpacking hostile images writes nothing outside the target', () => {
  const source = (): Buffer => readFileSync(join(fixturesDir(), 'hostile/hostile.sqsh'));

  /** Replaces `from` by `to` (same length) inside the directory table, where entry names live. */
  function patchName(image: Buffer, from: string, to: string): Buffer {
    const out = Buffer.from(image);
    const start = Number(out.readBigUInt64LE(72));
    const end = Number(out.readBigUInt64LE(80));
    const at = out.subarray(start, end).indexOf(Buffer.from(from));
    expect(at).toBeGreaterThanOrEqual(0);
    out.write(to, start + at, 'latin1');
    return out;
  }

  it.each([
    ['a ".." name', '--', '..', 'name is ".", ".." or holds "/" or NUL'],
    ['a name holding "/"', 'a-b', 'a/b', 'name is ".", ".." or holds "/" or NUL'],
    ['a symlink named like the directory after it', 'c', 'd', 'entry "d" is out of order or repeated'],
  ])('%s is refused as corrupt metadata', async (_, from, to, detail) => {
    const area = mkdtempSync(join(scratch, 'hostile-'));
    const img = join(area, 'evil.sqsh');
    writeFileSync(img, patchName(source(), from, to));
    const run = await sim('unpack', img, join(area, 'target'));
    expect(run.code).toBe(1);
    expect(run.stderr).toBe(`evil.sqsh: corrupt metadata: directory listing: ${detail} (at byte 322)\n`);
    expect(readdirSync(area).sort()).toEqual(['evil.sqsh', 'target']);
    expect(readdirSync(join(area, 'target'))).toEqual([]);
  });

  it('creates a symlink pointing outside without ever writing through it', async () => {
    const area = mkdtempSync(join(scratch, 'hostile-'));
    const img = join(area, 'links.sqsh');
    writeFileSync(img, source());
    const run = await sim('unpack', img, join(area, 'target'));
    expect(run.code).toBe(0);
    expect(readlinkSync(join(area, 'target/c'))).toBe('../escaped');
    expect(existsSync(join(area, 'escaped'))).toBe(false);
    expect(readdirSync(join(area, 'target')).sort()).toEqual(['--', 'a-b', 'c', 'd']);
  });
});
