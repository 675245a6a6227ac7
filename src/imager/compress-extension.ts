// One extension's compression step (internal/pkg/extensions/compress.go `Compress`): CPU microcode is taken out
// of its firmware first (Talos ≥ v1.6), then the whole firmware directory is moved into the initramfs tree, and what
// remains of the rootfs is squashed into `<directory>.sqsh` with the release's mksquashfs options.
import type { FsTree, TalosVersionFacts } from '../extensions/index.js';
import type { BootAssetLayer, MicrocodeBlob } from './boot-asset.js';
import type { BuilderExtension } from './builder-extension.js';
import { ImagerError } from './imager-error.js';
import type { ImagerQuirks } from './imager-quirks.js';
import type { LayerSquasher, LayerSquashOptions } from './layer-squasher.js';
import { globNames, moveFiles, pathExists, takeFile } from './tree-files.js';

export interface CompressContext {
  readonly facts: TalosVersionFacts;
  readonly quirks: ImagerQuirks;
  readonly squasher: LayerSquasher;
  /** The initramfs scratch tree firmware is moved into. */
  readonly initramfs: FsTree;
  /** Microcode gathered so far, appended to in extension order. */
  readonly microcode: Map<MicrocodeBlob['path'], Uint8Array[]>;
}

/** Upstream `earlyCPUUcode`: which firmware files are concatenated into which early-cpio blob. */
function microcodeSources(
  firmwarePath: string,
): readonly (readonly [dir: string, pattern: string, MicrocodeBlob['path']])[] {
  return [
    [`${firmwarePath}/intel-ucode`, '*', 'kernel/x86/microcode/GenuineIntel.bin'],
    [`${firmwarePath}/amd-ucode`, 'microcode_amd*.bin', 'kernel/x86/microcode/AuthenticAMD.bin'],
  ];
}

function takeMicrocode(ext: BuilderExtension, ctx: CompressContext): void {
  for (const [dir, pattern, blob] of microcodeSources(ctx.facts.firmwarePath)) {
    const loc = { tree: ext.rootfs, path: dir, label: ext.label };
    for (const name of globNames(loc, pattern)) {
      const bytes = takeFile({ ...loc, path: `${dir}/${name}` });
      const parts = ctx.microcode.get(blob) ?? [];
      parts.push(bytes);
      ctx.microcode.set(blob, parts);
    }
  }
}

/** SELinux labels of the layer's entries, as the imager collected them from the image's tar headers. */
function selinuxLabels(rootfs: FsTree): [string, string][] {
  const labels: [string, string][] = [];
  rootfs.walk((path, node) => {
    const label = node.xattrs?.['security.selinux'];
    if (label !== undefined) labels.push([path === '/' ? '/' : path.slice(1), label]);
    return undefined;
  });
  return labels;
}

/** The mksquashfs options the imager of this release uses for a layer. */
export function layerSquashOptions(facts: TalosVersionFacts, quirks: ImagerQuirks, rootfs: FsTree): LayerSquashOptions {
  return {
    compression: facts.squashfsCompression,
    allRoot: true,
    noAppend: true,
    selinuxLabels: quirks.selinuxLabels ? selinuxLabels(rootfs) : undefined,
  };
}

/** Compresses one extension into its layer. Throws ImagerError `compress`. */
export async function compressExtension(ext: BuilderExtension, ctx: CompressContext): Promise<BootAssetLayer> {
  const name = ext.manifest.metadata.name;
  try {
    if (ctx.quirks.earlyMicrocode) takeMicrocode(ext, ctx);
    const firmware = { tree: ext.rootfs, path: ctx.facts.firmwarePath, label: ext.label };
    if (pathExists(firmware)) {
      moveFiles(firmware, { tree: ctx.initramfs, path: ctx.facts.firmwarePath, label: 'initramfs' });
    }
    const squashOptions = layerSquashOptions(ctx.facts, ctx.quirks, ext.rootfs);
    const squashfs = await ctx.squasher.squash(ext.rootfs, squashOptions);
    return {
      name: ext.directory,
      image: `${ext.directory}.sqsh`,
      manifest: ext.manifest,
      metadata: ext.manifest.metadata,
      origin: ext.origin,
      rootfs: ext.rootfs,
      squashfs,
      squashOptions,
    };
  } catch (err) {
    if (err instanceof Error) throw new ImagerError({ kind: 'compress', name, cause: err });
    throw err;
  }
}
