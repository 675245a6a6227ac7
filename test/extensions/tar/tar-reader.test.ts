// The tar reader against archives GNU tar writes, and its robustness on hostile input.
import { execFileSync } from 'node:child_process';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { isTarError, readTar, type TarEntry } from '../../../src/extensions/index.js';
import { thrown } from '../../support/errors.js';
import { OciBuilder } from '../image/oci-builder.js';

const runs = Number(process.env.FC_NUM_RUNS ?? 200);
const builder = new OciBuilder();
afterAll(() => builder.dispose());

const longDir = `usr/local/lib/containers/${'deeply-nested-directory/'.repeat(6)}`;
const longName = `${longDir}${'a-very-long-file-name-'.repeat(6)}.so`;
const sample = {
  'usr/local/bin/runsc': { content: 'binary', mode: 0o755 },
  'usr/local/lib/a.so': 'lib',
  'usr/local/lib/a.so.1': { symlink: 'a.so' },
  [longName]: 'long',
  'usr/local/share/fifo': { fifo: true },
  'etc/cri/conf.d': { dir: true, mode: 0o700 },
} as const;
const sampleDir = builder.populate(sample);

function byPath(entries: readonly TarEntry[]): Map<string, TarEntry> {
  return new Map(entries.map((e) => [e.path.replace(/^\.\//, '').replace(/\/$/, ''), e]));
}

describe('reading archives written by GNU tar', () => {
  it('reads ustar names split into prefix and name', () => {
    const path = `${'p'.repeat(60)}/${'q'.repeat(60)}/${'n'.repeat(60)}`;
    const entries = byPath(readTar(builder.tar(builder.populate({ [path]: 'x' }), { format: 'ustar' })));
    expect(entries.get(path)?.type).toBe('file');
  });

  it.each(['gnu', 'pax'] as const)('reads the %s format with long names, links, fifos and modes', (format) => {
    const entries = byPath(readTar(builder.tar(sampleDir, { format })));
    expect(entries.get(longName)).toMatchObject({ type: 'file', mode: 0o644 });
    expect(new TextDecoder().decode(entries.get(longName)?.data)).toBe('long');
    expect(entries.get('usr/local/bin/runsc')).toMatchObject({ type: 'file', mode: 0o755, uid: 0, gid: 0, mtime: 0 });
    expect(entries.get('usr/local/lib/a.so.1')).toMatchObject({ type: 'symlink', linkname: 'a.so' });
    expect(entries.get('usr/local/share/fifo')?.type).toBe('fifo');
    expect(entries.get('etc/cri/conf.d')).toMatchObject({ type: 'directory', mode: 0o700 });
  });

  it('reads v7 archives, whose directories are marked by a trailing slash only', () => {
    const dir = builder.populate({ 'a/b': 'x' });
    const entries = byPath(readTar(builder.tar(dir, { format: 'v7' })));
    expect(entries.get('a')?.type).toBe('directory');
    expect(entries.get('a/b')?.type).toBe('file');
  });

  it('reads hard links', () => {
    const dir = builder.populate({ 'x/data': 'shared' });
    execFileSync('ln', [`${dir}/x/data`, `${dir}/x/link`]);
    const entries = byPath(readTar(builder.tar(dir)));
    expect(entries.get('x/link')).toMatchObject({ type: 'hardlink', linkname: './x/data' });
  });

  it('reads pax records beyond the header fields: long link targets and xattrs', () => {
    const target = `${'t'.repeat(150)}/target`;
    const dir = builder.populate({ link: { symlink: target } });
    const entries = byPath(readTar(builder.tar(dir, { format: 'pax' })));
    expect(entries.get('link')?.linkname).toBe(target);
  });

  it('accepts an archive without end-of-archive blocks', () => {
    const bytes = builder.tar(builder.populate({ f: 'x' }));
    const entries = readTar(bytes.subarray(0, 3 * 512));
    expect(entries.map((e) => e.path)).toEqual(['./', './f']);
  });
});

describe('hostile archives', () => {
  const valid = builder.tar(sampleDir, { format: 'pax' });

  function outcome(bytes: Uint8Array): void {
    try {
      readTar(bytes);
    } catch (err) {
      if (!isTarError(err)) throw err;
    }
  }

  it('reports a truncated archive with a typed error', () => {
    for (const cut of [100, 512 + 100]) {
      const err = thrown(() => readTar(valid.subarray(0, cut)));
      expect(isTarError(err) && err.kind).toBe('truncated');
    }
  });

  it('rejects a corrupted header checksum', () => {
    const bad = valid.slice();
    bad[0] = (bad[0] as number) ^ 0x01;
    expect(() => readTar(bad)).toThrow(/header checksum mismatch/);
  });

  it('ends every random input in entries or a TarError', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 4096 }), (bytes) => outcome(bytes)),
      { numRuns: runs },
    );
  });

  it('ends every truncation and byte flip of a real archive in entries or a TarError', () => {
    fc.assert(
      fc.property(
        fc.nat({ max: valid.length }),
        fc.array(fc.tuple(fc.nat({ max: valid.length - 1 }), fc.integer({ min: 0, max: 255 })), { maxLength: 8 }),
        (cut, flips) => {
          const bytes = valid.slice(0, cut);
          for (const [at, value] of flips) if (at < bytes.length) bytes[at] = value;
          outcome(bytes);
        },
      ),
      { numRuns: runs },
    );
  });

  it('ends every header with random numeric fields and a fixed checksum in entries or a TarError', () => {
    fc.assert(
      fc.property(fc.uint8Array({ minLength: 12, maxLength: 12 }), fc.constantFrom(124, 100, 108, 329), (field, at) => {
        const bytes = valid.slice(0, 4096);
        bytes.set(field.subarray(0, at === 124 ? 12 : 8), at);
        let sum = 0;
        for (let i = 0; i < 512; i++) sum += i >= 148 && i < 156 ? 32 : (bytes[i] as number);
        bytes.set(new TextEncoder().encode(`${sum.toString(8).padStart(6, '0')}\0 `), 148);
        outcome(bytes);
      }),
      { numRuns: runs },
    );
  });
});
