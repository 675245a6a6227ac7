// Image sources as an attacker or a careless user gives them: links out of an OCI layout, special files, oversized
// JSON, layers that only add up to too much, symbolic links to (or in a loop instead of) an extension directory.
// Every case ends in an ImageSourceError that names the path and never quotes a file that was not the input.
import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, renameSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterAll, describe, expect, it } from 'vitest';
import {
  classifyImageArgument,
  detectImageSource,
  INPUT_LIMITS,
  isImageSourceError,
  loadExtension,
  readImage,
  readImageArchive,
} from '../../../src/extensions/index.js';
import { thrown } from '../../support/errors.js';
import { OciBuilder } from './oci-builder.js';

const builder = new OciBuilder();
afterAll(() => builder.dispose());

const manifest = 'version: v1alpha1\nmetadata:\n  name: ext\n  version: "1"\n';
const layer = builder.layer({ 'manifest.yaml': manifest, 'rootfs/usr/local/x': 'x' });
const SECRET = 'root:$6$0123456789abcdef:19000:0:99999:7:::\n';
const secretFile = builder.file('shadow', new TextEncoder().encode(SECRET));

function failure(fn: () => unknown): { kind: string | false; message: string } {
  const err = thrown(fn);
  return { kind: isImageSourceError(err) && err.kind, message: err.message };
}

describe('OCI layouts: symbolic links that leave the layout are refused', () => {
  it('refuses an index.json that links outside, without reading or quoting its target', () => {
    const layout = builder.ociLayout([{ layers: [layer] }]);
    renameSync(join(layout, 'index.json'), join(layout, 'index.real'));
    symlinkSync(secretFile, join(layout, 'index.json'));
    const err = failure(() => readImage(detectImageSource(layout)));
    expect(err).toEqual({
      kind: 'invalid-oci-layout',
      message: `invalid OCI image layout: ${join(layout, 'index.json')}: symbolic link leads outside ${layout}`,
    });
    expect(err.message).not.toContain('root:');
  });

  it('refuses a blob that links outside', () => {
    const layout = builder.ociLayout([{ layers: [layer] }]);
    const index = JSON.parse(readFileSync(join(layout, 'index.json'), 'utf8'));
    const blob = join(layout, 'blobs/sha256', (index.manifests[0].digest as string).slice(7));
    writeFileSync(join(builder.root, 'manifest-copy'), readFileSync(blob));
    execFileSync('rm', [blob]);
    symlinkSync(join(builder.root, 'manifest-copy'), blob);
    expect(failure(() => readImage(detectImageSource(layout)))).toEqual({
      kind: 'invalid-oci-layout',
      message: `invalid OCI image layout: ${blob}: symbolic link leads outside ${layout}`,
    });
  });

  it('follows links that stay inside the layout', () => {
    const layout = builder.ociLayout([{ layers: [layer] }]);
    renameSync(join(layout, 'index.json'), join(layout, 'index.real'));
    symlinkSync('index.real', join(layout, 'index.json'));
    expect(loadExtension(readImage(detectImageSource(layout))).manifest.metadata.name).toBe('ext');
  });

  it('never quotes the contents of a JSON file it cannot parse', () => {
    const layout = builder.ociLayout([{ layers: [layer] }]);
    writeFileSync(join(layout, 'index.json'), SECRET);
    const err = failure(() => readImage(detectImageSource(layout)));
    expect(err).toEqual({
      kind: 'invalid-oci-layout',
      message: 'invalid OCI image layout: index.json is not valid JSON',
    });
  });
});

describe('special files are never read as inputs', () => {
  it.each([
    ['/dev/null', 'a character device'],
    ['/dev/zero', 'a character device'],
  ])('refuses %s as an image, naming what it is', (path, what) => {
    expect(failure(() => detectImageSource(path))).toEqual({
      kind: 'unsupported-file',
      message: `open ${path}: ${what} is not an extension image (expected a directory, an OCI layout or an image tarball)`,
    });
  });

  it('refuses a FIFO as an image without blocking', () => {
    const fifo = join(builder.dir(), 'pipe');
    execFileSync('mkfifo', [fifo]);
    expect(failure(() => detectImageSource(fifo)).kind).toBe('unsupported-file');
    expect(failure(() => readImage({ kind: 'archive', path: fifo }))).toEqual({
      kind: 'read-failed',
      message: `read ${fifo}: not a regular file (a named pipe)`,
    });
  });

  it('refuses an index.json that is a FIFO without blocking', () => {
    const layout = builder.ociLayout([{ layers: [layer] }]);
    execFileSync('rm', [join(layout, 'index.json')]);
    execFileSync('mkfifo', [join(layout, 'index.json')]);
    expect(failure(() => readImage(detectImageSource(layout)))).toEqual({
      kind: 'read-failed',
      message: `read ${join(layout, 'index.json')}: not a regular file (a named pipe)`,
    });
  });
});

describe('size limits', () => {
  it('refuses an index.json over the OCI JSON limit before parsing it', () => {
    const layout = builder.ociLayout([{ layers: [layer] }]);
    writeFileSync(join(layout, 'index.json'), ' '.repeat(INPUT_LIMITS.ociJsonBytes + 1));
    expect(failure(() => readImage(detectImageSource(layout)))).toEqual({
      kind: 'too-large',
      message: `${join(layout, 'index.json')} is larger than the limit of 4194304 bytes (4 MiB)`,
    });
  });

  it('refuses a docker manifest.json over the limit in an archive', () => {
    const dir = builder.dockerArchiveDir([{ tag: 'x:1', layers: [layer] }]);
    writeFileSync(join(dir, 'manifest.json'), `[${' '.repeat(INPUT_LIMITS.ociJsonBytes)}]`);
    expect(failure(() => readImageArchive(builder.tar(dir), 'docker.tar'))).toEqual({
      kind: 'too-large',
      message: 'manifest.json of archive docker.tar is larger than the limit of 4194304 bytes (4 MiB)',
    });
  });

  it('bounds the layers of one image together, not one at a time', () => {
    const big = (name: string, gzip: boolean) =>
      builder.layer({ [name]: 'x'.repeat(400 << 10) }, gzip ? { gzip: true } : {});
    const limit = 1 << 20;
    for (const gzip of [true, false]) {
      const layout = builder.ociLayout([{ layers: [layer, big('a', gzip), big('b', gzip), big('c', gzip)] }]);
      expect(() => readImage(detectImageSource(layout), { maxDecompressedBytes: 2 * limit })).not.toThrow();
      expect(failure(() => readImage(detectImageSource(layout), { maxDecompressedBytes: limit }))).toEqual({
        kind: 'too-large',
        message: 'the image (its layers uncompressed, together) is larger than the limit of 1048576 bytes (1 MiB)',
      });
    }
  });

  it('bounds the layers of a docker archive together too', () => {
    const big = (name: string) => builder.layer({ [name]: 'x'.repeat(400 << 10) }, { gzip: true });
    const dir = builder.dockerArchiveDir([{ tag: 'x:1', layers: [layer, big('a'), big('b'), big('c')] }]);
    expect(failure(() => readImageArchive(builder.tar(dir), 'd.tar', { maxDecompressedBytes: 1 << 20 }))).toEqual({
      kind: 'too-large',
      message: 'the image (its layers uncompressed, together) is larger than the limit of 1048576 bytes (1 MiB)',
    });
  });

  it('names the limit for a decompression bomb', () => {
    const bomb = new Uint8Array(gzipSync(Buffer.alloc(4 << 20)));
    expect(failure(() => readImageArchive(bomb, 'bomb.tar.gz', { maxDecompressedBytes: 1 << 20 }))).toEqual({
      kind: 'too-large',
      message: 'decompressed archive bomb.tar.gz is larger than the limit of 1048576 bytes (1 MiB)',
    });
  });
});

describe('extension paths that are symbolic links', () => {
  it('reads an extension directory through a link the user names', () => {
    const dir = builder.populate({ 'manifest.yaml': manifest, 'rootfs/usr/local/x': 'x' });
    const link = join(builder.dir(), 'link');
    symlinkSync(dir, link);
    const named = classifyImageArgument(link, '/');
    expect(named.kind).toBe('path');
    if (named.kind === 'path') expect(loadExtension(readImage(named.source)).manifest.metadata.name).toBe('ext');
  });

  it('takes an empty argument for no file, not the working directory', () => {
    const at = builder.populate({ 'manifest.yaml': manifest, 'rootfs/usr/local/x': 'x' });
    expect(failure(() => classifyImageArgument('', at))).toEqual({
      kind: 'read-failed',
      message: 'open : no such file or directory',
    });
  });

  it('reports a symbolic link loop as one', () => {
    const at = builder.dir();
    symlinkSync('loop', join(at, 'loop'));
    expect(failure(() => classifyImageArgument('loop', at))).toEqual({
      kind: 'read-failed',
      message: 'open loop: too many levels of symbolic links',
    });
  });

  it('reports a dangling link with its target', () => {
    const at = builder.dir();
    mkdirSync(join(at, 'sub'));
    symlinkSync('gone', join(at, 'dangling'));
    expect(failure(() => classifyImageArgument('dangling', at))).toEqual({
      kind: 'read-failed',
      message: 'open dangling: no such file or directory (a symbolic link to "gone")',
    });
  });
});
