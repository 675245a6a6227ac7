// Test fixtures class: builds real image tarballs and layouts on disk with GNU tar (never tar bytes by hand) and
// writes the OCI/docker JSON around them.
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';

/** A file in a layer: text content, or a symlink / directory / fifo, with an optional mode. */
export type LayerEntry =
  | string
  | { readonly symlink: string }
  | { readonly dir: true; readonly mode?: number }
  | { readonly fifo: true }
  | { readonly content: string; readonly mode: number };

export interface LayerOptions {
  readonly gzip?: boolean;
  readonly format?: 'gnu' | 'pax' | 'ustar' | 'v7';
  /** A GNU tar `--transform` expression applied to member names. */
  readonly transform?: string;
}

export function sha256(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}

export class OciBuilder {
  readonly root = mkdtempSync(join(tmpdir(), 'talos-sim-oci-'));
  private counter = 0;

  dispose(): void {
    rmSync(this.root, { recursive: true, force: true });
  }

  /** A fresh directory under the builder's root. */
  dir(name = `d${this.counter++}`): string {
    const path = join(this.root, name);
    mkdirSync(path, { recursive: true });
    return path;
  }

  /** Materializes entries (paths relative to the layer root) in a new directory. */
  populate(entries: Readonly<Record<string, LayerEntry>>): string {
    const dir = this.dir();
    for (const [path, entry] of Object.entries(entries)) {
      const full = join(dir, path);
      mkdirSync(dirname(full), { recursive: true });
      if (typeof entry === 'string') writeFileSync(full, entry);
      else if ('symlink' in entry) symlinkSync(entry.symlink, full);
      else if ('dir' in entry) mkdirSync(full, { recursive: true, mode: entry.mode ?? 0o755 });
      else if ('fifo' in entry) execFileSync('mkfifo', [full]);
      else writeFileSync(full, entry.content, { mode: entry.mode });
      if (typeof entry === 'object' && 'mode' in entry && entry.mode !== undefined)
        execFileSync('chmod', [entry.mode.toString(8), full]);
    }
    return dir;
  }

  /** Tars a directory's contents with GNU tar, deterministically. */
  tar(dir: string, options: LayerOptions = {}): Uint8Array {
    const args = [
      '--sort=name',
      '--owner=0',
      '--group=0',
      '--numeric-owner',
      '--mtime=@0',
      `--format=${options.format ?? 'gnu'}`,
    ];
    if (options.gzip === true) args.push('-z');
    if (options.transform !== undefined) args.push(`--transform=${options.transform}`);
    return new Uint8Array(execFileSync('tar', [...args, '-C', dir, '-cf', '-', '.'], { maxBuffer: 1 << 28 }));
  }

  layer(entries: Readonly<Record<string, LayerEntry>>, options: LayerOptions = {}): Uint8Array {
    return this.tar(this.populate(entries), options);
  }

  private blob(layout: string, bytes: Uint8Array): { digest: string; size: number } {
    const hex = sha256(bytes);
    mkdirSync(join(layout, 'blobs', 'sha256'), { recursive: true });
    writeFileSync(join(layout, 'blobs', 'sha256', hex), bytes);
    return { digest: `sha256:${hex}`, size: bytes.length };
  }

  private json(layout: string, value: unknown): { digest: string; size: number } {
    return this.blob(layout, new TextEncoder().encode(JSON.stringify(value)));
  }

  /** Writes one image manifest (config + layers) into a layout; returns its descriptor. */
  private manifest(layout: string, layers: readonly Uint8Array[], platform: { os: string; architecture: string }) {
    const config = this.json(layout, { ...platform, rootfs: { type: 'layers', diff_ids: [] } });
    const layerDescs = layers.map((l) => ({
      mediaType: `application/vnd.oci.image.layer.v1.tar${l[0] === 0x1f ? '+gzip' : ''}`,
      ...this.blob(layout, l),
    }));
    const manifest = this.json(layout, {
      schemaVersion: 2,
      mediaType: 'application/vnd.oci.image.manifest.v1+json',
      config: { mediaType: 'application/vnd.oci.image.config.v1+json', ...config },
      layers: layerDescs,
    });
    return { mediaType: 'application/vnd.oci.image.manifest.v1+json', ...manifest, platform };
  }

  /**
   * Writes an OCI image layout. `images` are named (ref.name annotation) images; `platforms` wraps each image in
   * an index with one manifest per platform (the same layers).
   */
  ociLayout(
    images: readonly {
      readonly name?: string;
      readonly layers: readonly Uint8Array[];
      readonly platforms?: readonly string[];
    }[],
  ): string {
    const layout = this.dir();
    writeFileSync(join(layout, 'oci-layout'), JSON.stringify({ imageLayoutVersion: '1.0.0' }));
    const manifests = images.map((img) => {
      const annotations =
        img.name === undefined ? {} : { annotations: { 'org.opencontainers.image.ref.name': img.name } };
      if (img.platforms === undefined) {
        const { platform: _platform, ...desc } = this.manifest(layout, img.layers, {
          os: 'linux',
          architecture: 'amd64',
        });
        return { ...desc, ...annotations };
      }
      const index = this.json(layout, {
        schemaVersion: 2,
        mediaType: 'application/vnd.oci.image.index.v1+json',
        manifests: img.platforms.map((p) => {
          const [os = 'linux', architecture = 'amd64'] = p.split('/');
          return this.manifest(layout, img.layers, { os, architecture });
        }),
      });
      return { mediaType: 'application/vnd.oci.image.index.v1+json', ...index, ...annotations };
    });
    writeFileSync(join(layout, 'index.json'), JSON.stringify({ schemaVersion: 2, manifests }));
    return layout;
  }

  /** Writes a legacy `docker save` directory: manifest.json plus `<n>/layer.tar` per layer. */
  dockerArchiveDir(images: readonly { readonly tag: string; readonly layers: readonly Uint8Array[] }[]): string {
    const dir = this.dir();
    const manifest = images.map((img, i) => ({
      Config: `config${i}.json`,
      RepoTags: [img.tag],
      Layers: img.layers.map((l, j) => {
        const path = `${i}-${j}/layer.tar`;
        mkdirSync(join(dir, `${i}-${j}`), { recursive: true });
        writeFileSync(join(dir, path), l);
        return path;
      }),
    }));
    images.forEach((_, i) => {
      writeFileSync(join(dir, `config${i}.json`), '{}');
    });
    writeFileSync(join(dir, 'manifest.json'), JSON.stringify(manifest));
    return dir;
  }

  /** Writes bytes to a file under the builder's root and returns its path. */
  file(name: string, bytes: Uint8Array): string {
    const path = join(this.root, name);
    writeFileSync(path, bytes);
    return path;
  }
}
