// Puts a boot asset together from what the builder produced (or from nothing, for an asset without extensions).
import { FsTree, fileNode, type TalosVersionFacts } from '../extensions/index.js';
import type { BootAsset, BootAssetArch, BootAssetKind, BootAssetSource } from './boot-asset.js';
import type { BuilderResult } from './extensions-builder.js';

export interface AssembleOptions {
  readonly kind: BootAssetKind;
  readonly source: BootAssetSource;
  readonly facts: TalosVersionFacts;
  readonly arch: BootAssetArch;
  readonly schematicId: string | undefined;
}

export function assembleBootAsset(o: AssembleOptions, built: BuilderResult | undefined): BootAsset {
  const base = {
    kind: o.kind,
    source: o.source,
    talosVersion: o.facts.version,
    facts: o.facts,
    arch: o.arch,
    firmwarePath: o.facts.firmwarePath,
    schematicId: o.schematicId,
  };
  if (built === undefined) {
    return {
      ...base,
      layers: [],
      extensionsYaml: undefined,
      firmware: undefined,
      microcode: [],
      initramfs: new FsTree(),
      earlyInitramfs: undefined,
    };
  }
  const firmwareDir = built.initramfs.lookup(o.facts.firmwarePath);
  let earlyInitramfs: FsTree | undefined;
  if (built.microcode.length > 0) {
    earlyInitramfs = new FsTree();
    for (const blob of built.microcode) earlyInitramfs.put(blob.path, fileNode(blob.bytes));
  }
  return {
    ...base,
    layers: built.layers,
    extensionsYaml: built.extensionsYaml,
    firmware: firmwareDir?.kind === 'directory' ? new FsTree(firmwareDir) : undefined,
    microcode: built.microcode,
    initramfs: built.initramfs,
    earlyInitramfs,
  };
}
