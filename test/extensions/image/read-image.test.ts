// Extension images from every kind of source, built with GNU tar: OCI layouts and archives (layers and whiteouts
// applied in order), docker-archives, flattened exports and plain directories.
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import {
  detectImageSource,
  type FsTree,
  isImageSourceError,
  loadExtension,
  readImage,
  readImageArchive,
  validateExtension,
} from '../../../src/extensions/index.js';
import { thrown } from '../../support/errors.js';
import { OciBuilder } from './oci-builder.js';

const runs = Number(process.env.FC_NUM_RUNS ?? 100);
const builder = new OciBuilder();
afterAll(() => builder.dispose());

const manifest = `version: v1alpha1
metadata:
  name: gvisor
  version: 20260427.0
  author: Sidero Labs
  description: |
    [core] This system extension provides gVisor using containerd's runtime handler.
  compatibility:
    talos:
      version: ">= v1.0.0"
`;

const base = builder.layer({
  'manifest.yaml': manifest,
  'rootfs/usr/local/bin/runsc': { content: 'runsc v1', mode: 0o755 },
  'rootfs/usr/local/bin/old-tool': 'old',
  'rootfs/etc/cri/conf.d/10-gvisor.part': 'old config',
  'rootfs/etc/cri/conf.d/stale.toml': 'stale',
  'rootfs/usr/local/share/doc/readme': 'doc',
});
// layer 2: deletes old-tool, empties conf.d from below and refills it, replaces runsc
const update = builder.layer(
  {
    'rootfs/usr/local/bin/.wh.old-tool': '',
    'rootfs/usr/local/bin/runsc': { content: 'runsc v2', mode: 0o755 },
    'rootfs/etc/cri/conf.d/.wh..wh..opq': '',
    'rootfs/etc/cri/conf.d/10-gvisor.part': 'new config',
  },
  { gzip: true },
);
// layer 3: a whiteout of something only this layer's parent had, plus a file the opaque layer must not hide
const last = builder.layer({
  'rootfs/usr/local/share/.wh.doc': '',
  'rootfs/usr/local/share/spdx/gvisor.spdx.json': '{}',
});

function text(tree: FsTree, path: string): string | undefined {
  const node = tree.lookup(path);
  return node?.kind === 'file' ? new TextDecoder().decode(node.read()) : undefined;
}

function expectLayered(tree: FsTree): void {
  expect(text(tree, 'rootfs/usr/local/bin/runsc')).toBe('runsc v2');
  expect(tree.lookup('rootfs/usr/local/bin/runsc')?.mode).toBe(0o755);
  expect(tree.lookup('rootfs/usr/local/bin/old-tool')).toBeUndefined();
  expect(tree.lookup('rootfs/usr/local/bin/.wh.old-tool')).toBeUndefined();
  expect(tree.list('rootfs/etc/cri/conf.d')).toEqual(['10-gvisor.part']);
  expect(text(tree, 'rootfs/etc/cri/conf.d/10-gvisor.part')).toBe('new config');
  expect(tree.list('rootfs/usr/local/share')).toEqual(['spdx']);
  const ext = loadExtension(tree);
  expect(ext.manifest.metadata).toMatchObject({ name: 'gvisor', version: '20260427.0', author: 'Sidero Labs' });
  expect(() => validateExtension(ext, { constraints: true, contents: true, talosVersion: 'v1.13.9' })).not.toThrow();
}

describe('OCI images', () => {
  const layout = builder.ociLayout([{ layers: [base, update, last] }]);

  it('reads an OCI layout directory, applying layers and their whiteouts in order', () => {
    expect(detectImageSource(layout)).toEqual({ kind: 'oci-layout', path: layout });
    expectLayered(readImage(detectImageSource(layout)));
  });

  it('reads an OCI archive, plain and gzip-compressed', () => {
    const plain = builder.file('image.tar', builder.tar(layout));
    const gzipped = builder.file('image.tar.gz', builder.tar(layout, { gzip: true }));
    expect(detectImageSource(plain)).toEqual({ kind: 'archive', path: plain });
    expectLayered(readImage(detectImageSource(plain)));
    expectLayered(readImage(detectImageSource(gzipped)));
    expect(readImageArchive(builder.tar(layout), 'image.tar').format).toBe('oci-archive');
  });

  it('selects images by reference name and by platform from an index', () => {
    const other = builder.layer({ 'manifest.yaml': manifest.replace('gvisor', 'other'), 'rootfs/usr/local/x': '' });
    const multi = builder.ociLayout([
      {
        name: 'ghcr.io/siderolabs/gvisor:20260427.0',
        layers: [base, update, last],
        platforms: ['linux/amd64', 'linux/arm64'],
      },
      { name: 'ghcr.io/siderolabs/other:1', layers: [other] },
    ]);
    const source = detectImageSource(multi);
    expectLayered(readImage(source, { reference: 'ghcr.io/siderolabs/gvisor:20260427.0', platform: 'linux/arm64' }));
    expect(loadExtension(readImage(source, { reference: 'ghcr.io/siderolabs/other:1' })).manifest.metadata.name).toBe(
      'other',
    );
    expect(thrown(() => readImage(source)).message).toBe(
      `${multi} holds 2 images (ghcr.io/siderolabs/gvisor:20260427.0, ghcr.io/siderolabs/other:1); choose one by reference`,
    );
    expect(
      thrown(() => readImage(source, { reference: 'ghcr.io/siderolabs/gvisor:20260427.0', platform: 'linux/s390x' }))
        .message,
    ).toMatch(/^no image for platform linux\/s390x in index sha256:[0-9a-f]{64}$/);
  });

  it('rejects a blob whose content does not match its digest, and a missing blob', () => {
    const broken = builder.ociLayout([{ layers: [base] }]);
    const index = JSON.parse(readFileSync(join(broken, 'index.json'), 'utf8'));
    const digest: string = index.manifests[0].digest;
    writeFileSync(join(broken, 'blobs', 'sha256', digest.slice(7)), '{}');
    expect(thrown(() => readImage(detectImageSource(broken))).message).toBe(
      `blob content does not match its digest: expected ${digest}, got sha256:44136fa355b3678a1146ad16f7e8649e94fb4fc21fe77e8310c060f61caaff8a`,
    );
    rmSync(join(broken, 'blobs', 'sha256', digest.slice(7)));
    const err = thrown(() => readImage(detectImageSource(broken)));
    expect([isImageSourceError(err) && err.kind, err.message]).toEqual([
      'missing-blob',
      `blob ${digest} not found in the image`,
    ]);
  });

  it('refuses layer paths that climb out of the image', () => {
    const evil = builder.tar(builder.populate({ x: 'x' }), { transform: 's,^\\./x,../x,' });
    const err = thrown(() => readImage(detectImageSource(builder.ociLayout([{ layers: [evil] }]))));
    expect([isImageSourceError(err) && err.kind, err.message]).toEqual([
      'unsafe-path',
      `layer sha256:${createHash('sha256').update(evil).digest('hex')}: path "../x" escapes the image root`,
    ]);
  });
});

describe('other image sources', () => {
  it('reads a docker-archive (docker save)', () => {
    const dir = builder.dockerArchiveDir([
      { tag: 'ghcr.io/siderolabs/gvisor:20260427.0', layers: [base, update, last] },
    ]);
    const archive = builder.tar(dir);
    expect(readImageArchive(archive, 'docker.tar').format).toBe('docker-archive');
    expectLayered(readImageArchive(archive, 'docker.tar').image);
  });

  it('reads a flattened export (crane export) and a plain directory', () => {
    const flat = builder.populate({
      'manifest.yaml': manifest,
      'rootfs/usr/local/bin/runsc': 'runsc',
      'rootfs/usr/local/lib/libx.so.1': { symlink: 'libx.so' },
    });
    const exported = readImageArchive(builder.tar(flat), 'export.tar');
    expect(exported.format).toBe('flattened');
    expect(loadExtension(exported.image).manifest.metadata.name).toBe('gvisor');
    expect(detectImageSource(flat)).toEqual({ kind: 'directory', path: flat });
    const dirImage = readImage(detectImageSource(flat));
    expect(dirImage.lookup('rootfs/usr/local/lib/libx.so.1')).toMatchObject({ kind: 'symlink', target: 'libx.so' });
    expect(text(dirImage, 'rootfs/usr/local/bin/runsc')).toBe('runsc');
  });

  it("gives symlinks Linux's lrwxrwxrwx, whatever mode the tar header stores", () => {
    const flat = builder.populate({
      'manifest.yaml': manifest,
      'rootfs/usr/local/lib/libx.so.1': { symlink: 'libx.so' },
    });
    const archive = new Uint8Array(execFileSync('tar', ['--mode=0644', '-C', flat, '-cf', '-', '.']));
    expect(readImageArchive(archive, 'export.tar').image.lookup('rootfs/usr/local/lib/libx.so.1')).toMatchObject({
      kind: 'symlink',
      mode: 0o777,
    });
  });

  it('reports a missing path as os.Open does', () => {
    expect(thrown(() => detectImageSource('/nonexistent/ext')).message).toBe(
      'open /nonexistent/ext: no such file or directory',
    );
  });

  it('refuses zstd-compressed archives clearly', () => {
    const err = thrown(() => readImageArchive(new Uint8Array([0x28, 0xb5, 0x2f, 0xfd, 0, 0]), 'x.tar.zst'));
    expect(err.message).toBe(
      'archive x.tar.zst: unsupported compression zstd (talos-sim reads uncompressed and gzip layers)',
    );
  });

  it('names a truncated gzip layer or archive once, as the data it is', () => {
    const layer = builder.layer({ x: 'x' }, { gzip: true });
    const cut = layer.subarray(0, layer.length - 8);
    const digest = `sha256:${createHash('sha256').update(cut).digest('hex')}`;
    const err = thrown(() => readImage(detectImageSource(builder.ociLayout([{ layers: [cut] }]))));
    expect([isImageSourceError(err) && err.kind, err.message]).toEqual([
      'corrupt-compression',
      `layer ${digest}: gzip: unexpected end of file`,
    ]);
    expect(thrown(() => readImageArchive(cut, 'x.tar.gz')).message).toBe(
      'archive x.tar.gz: gzip: unexpected end of file',
    );
  });

  it('bounds the decompressed size', () => {
    const bomb = new Uint8Array(gzipSync(Buffer.alloc(4 << 20)));
    const err = thrown(() => readImageArchive(bomb, 'bomb.tar.gz', { maxDecompressedBytes: 1 << 20 }));
    expect([isImageSourceError(err) && err.kind, err.message]).toEqual([
      'too-large',
      'decompressed archive bomb.tar.gz is larger than the limit of 1048576 bytes (1 MiB)',
    ]);
  });
});

describe('hostile image archives', () => {
  const archive = builder.tar(builder.ociLayout([{ layers: [base, update] }]));

  it('ends every mutation of a real OCI archive in an image or an ImageSourceError', () => {
    fc.assert(
      fc.property(
        fc.nat({ max: archive.length }),
        fc.array(fc.tuple(fc.nat({ max: archive.length - 1 }), fc.integer({ min: 0, max: 255 })), { maxLength: 6 }),
        (cut, flips) => {
          const bytes = archive.slice(0, cut);
          for (const [at, value] of flips) if (at < bytes.length) bytes[at] = value;
          try {
            readImageArchive(bytes, 'fuzz.tar');
          } catch (err) {
            if (!isImageSourceError(err)) throw err;
          }
        },
      ),
      { numRuns: runs },
    );
  });
});
