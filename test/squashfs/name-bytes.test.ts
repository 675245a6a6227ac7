// Names are bytes: a tree whose names and link targets are not all UTF-8 (bytes that differ only where they are
// invalid, a truncated sequence, an encoded surrogate, an overlong form, a BOM) is listed, extracted and built
// byte-exact, as unsquashfs and mksquashfs do; and the string form of a name maps back to its bytes one-to-one.
import { execFileSync } from 'node:child_process';
import {
  lstatSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  readlinkSync,
  rmSync,
  symlinkSync,
  utimesSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SquashfsImage } from '../../src/squashfs/index.js';
import { decodeName, encodeName, fsPath } from '../../src/squashfs/name-bytes.js';
import { describeWithOracles } from '../support/oracles.js';
import { simBytes } from '../support/run-sim.js';

const RUNS = Number(process.env.FC_NUM_RUNS ?? '300');
const T0 = 1700000000;
const b = (...parts: (string | number[])[]): Buffer =>
  Buffer.concat(parts.map((p) => (typeof p === 'string' ? Buffer.from(p, 'latin1') : Buffer.from(p))));

/** name bytes → file contents; two differ only in an invalid byte, one is a directory holding a file. */
const FILES: readonly [Buffer, string][] = [
  [b('a', [0xff], 'b'), 'ff\n'],
  [b('a', [0xfe], 'b'), 'fe\n'],
  [b('bad', [0xc3]), 'truncated sequence\n'],
  [b([0xc3, 0xa9], 't', [0xc3, 0xa9]), 'valid UTF-8\n'],
  [b([0xed, 0xa0, 0x80], 'surrogate'), 'encoded surrogate\n'],
  [b([0xc0, 0xaf], 'overlong'), 'overlong slash\n'],
  [b([0xef, 0xbb, 0xbf], 'bom'), 'byte order mark\n'],
  [b('tab\tnl\nx'), 'control characters\n'],
];
const DIR = b('d', [0xff]);
const LINK = b('link', [0x80]);
const TARGET = b('tgt', [0xff], '/', [0xc3]);

/** Every entry under `dir` by its name bytes (hex), with kind, mode, contents or target. */
function snapshot(dir: string | Buffer): Map<string, string> {
  const out = new Map<string, string>();
  const walk = (at: Buffer, rel: Buffer): void => {
    for (const name of readdirSync(at, { encoding: 'buffer' })) {
      const path = Buffer.concat([at, Buffer.from('/'), name]);
      const key = Buffer.concat([rel, Buffer.from('/'), name]);
      const st = lstatSync(path);
      const mode = (st.mode & 0o7777).toString(8);
      if (st.isDirectory()) {
        out.set(key.toString('hex'), `dir ${mode}`);
        walk(path, key);
      } else if (st.isSymbolicLink()) {
        out.set(key.toString('hex'), `link ${readlinkSync(path, { encoding: 'buffer' }).toString('hex')}`);
      } else if (st.isFIFO()) {
        out.set(key.toString('hex'), `fifo ${mode}`);
      } else {
        out.set(key.toString('hex'), `file ${mode} ${readFileSync(path).toString('hex')}`);
      }
    }
  };
  walk(typeof dir === 'string' ? Buffer.from(dir) : dir, Buffer.alloc(0));
  return out;
}

describe('names as strings', () => {
  it('give back the bytes they were read from, whatever the bytes', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 64 }), (bytes) => {
        expect(encodeName(decodeName(bytes)).equals(Buffer.from(bytes))).toBe(true);
      }),
      { numRuns: RUNS },
    );
  });

  it('are the usual strings for UTF-8, and escape what is not', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme' }), (s) => {
        expect(decodeName(Buffer.from(s, 'utf8'))).toBe(s);
        expect(fsPath(s)).toBe(s);
      }),
      { numRuns: RUNS },
    );
    expect(decodeName(b('a', [0xff], 'b'))).toBe('a\udcffb');
    expect(decodeName(b([0xef, 0xbb, 0xbf], 'x'))).toBe('\ufeffx');
    expect(fsPath('/x/a\udcffb')).toEqual(b('/x/a', [0xff], 'b'));
  });
});

describeWithOracles(['mksquashfs', 'unsquashfs'])('names that are not UTF-8, against squashfs-tools', () => {
  let scratch: string;
  let src: Buffer;
  let ref: string;
  const root = process.getuid?.() === 0;

  beforeAll(() => {
    scratch = mkdtempSync(join(tmpdir(), 'sim-name-bytes-'));
    src = b(join(scratch, 'src'));
    mkdirSync(src);
    const at = (...names: Buffer[]): Buffer => Buffer.concat([src, ...names.flatMap((n) => [Buffer.from('/'), n])]);
    for (const [name, text] of FILES) writeFileSync(at(name), text);
    mkdirSync(at(DIR));
    writeFileSync(at(DIR, b('inner', [0xfe])), 'inside\n');
    symlinkSync(TARGET, at(LINK));
    for (const p of [...FILES.map(([n]) => at(n)), at(DIR, b('inner', [0xfe])), at(DIR), src]) utimesSync(p, T0, T0);
    ref = join(scratch, 'ref.sqsh');
    // a fifo whose name is not UTF-8, through a pseudo file (arguments cannot carry such bytes)
    const pseudo = join(scratch, 'pseudo');
    writeFileSync(pseudo, Buffer.concat([b('fifo', [0xff]), b(` I ${T0} 0644 0 0 f\n`)]));
    execFileSync(
      'mksquashfs',
      [src.toString('latin1'), ref, '-noappend', '-no-progress', '-quiet', '-all-root', '-mkfs-time', String(T0)],
      { stdio: 'ignore' },
    );
    execFileSync(
      'mksquashfs',
      [src.toString('latin1'), join(scratch, 'with-fifo.sqsh'), '-noappend', '-quiet', '-all-root', '-pf', pseudo],
      { stdio: 'ignore' },
    );
  });
  afterAll(() => rmSync(scratch, { recursive: true, force: true }));

  it('reads them as distinct names that find their entries', async () => {
    const image = await SquashfsImage.open(ref);
    try {
      const names = image.readdir('/').map((e) => encodeName(e.name).toString('hex'));
      expect(names).toEqual(expect.arrayContaining(FILES.map(([n]) => n.toString('hex'))));
      expect(new Set(names).size).toBe(names.length);
      for (const [name, text] of FILES) {
        expect(Buffer.from(image.readFile(`/${decodeName(name)}`)).toString()).toBe(text);
      }
      expect(encodeName(image.readlink(`/${decodeName(LINK)}`)).equals(TARGET)).toBe(true);
    } finally {
      image.close();
    }
  });

  it('lists them byte for byte as unsquashfs -lln does', async () => {
    for (const image of [ref, join(scratch, 'with-fifo.sqsh')]) {
      const theirs = execFileSync('unsquashfs', ['-lln', image]);
      const ours = await simBytes(['squashfs', 'ls', image]);
      expect([ours.code, ours.stderr]).toEqual([0, '']);
      expect(ours.bytes.toString('hex')).toBe(theirs.toString('hex'));
    }
  });

  it('extracts them with their own bytes, as unsquashfs -d does, without collisions', async () => {
    const image = join(scratch, 'with-fifo.sqsh');
    const theirs = join(scratch, 'theirs');
    execFileSync('unsquashfs', ['-no-xattrs', '-d', theirs, image], { stdio: 'ignore' });
    const target = join(scratch, 'ours');
    const run = await simBytes(['squashfs', 'unpack', image, target]);
    expect(run.code).toBe(0);
    const expected = snapshot(theirs);
    if (!root) expected.delete(b('/fifo', [0xff]).toString('hex'));
    expect(snapshot(target)).toEqual(expected);
    expect(expected.size).toBe(FILES.length + 3 + (root ? 1 : 0));
  });

  it('builds them into the image mksquashfs builds', async () => {
    const ours = join(scratch, 'ours.sqsh');
    const run = await simBytes([
      'squashfs',
      'build',
      '--all-root',
      '--mkfs-time',
      String(T0),
      src.toString('latin1'),
      ours,
    ]);
    expect([run.code, run.stderr]).toEqual([0, '']);
    const list = (image: string) => execFileSync('unsquashfs', ['-lln', image]).toString('hex');
    expect(list(ours)).toBe(list(ref));
    const extracted = join(scratch, 'built');
    execFileSync('unsquashfs', ['-d', extracted, ours], { stdio: 'ignore' });
    expect(snapshot(extracted)).toEqual(snapshot(src));
  });
});
