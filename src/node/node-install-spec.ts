// What a node is installed with, and the installer that turns it into a boot asset: official extensions through
// Image Factory (with its `schematic` layer), other extension images through the imager (Talos ≥ v1.5), or, on
// Talos ≤ v1.9, the installer's own build from `.machine.install.extensions` of the machine config in force.
// Extensions change only through install or upgrade, so this is what the first boot and every upgrade run.

import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { DetailedError } from '../extensions/detailed-error.js';
import {
  classifyImageArgument,
  type ExtensionsCatalog,
  type ImageRegistry,
  resolveTalosVersion,
  type TalosVersionFacts,
} from '../extensions/index.js';
import { goQuote } from '../gofmt/index.js';
import {
  type BootAsset,
  buildBootAsset,
  buildFactoryBootAsset,
  type ExtensionInput,
  installExtensionImages,
  installWithExtensions,
  type LayerSquasher,
} from '../imager/index.js';
import type { MachineConfig } from '../machine-config/index.js';
import { talosBuild } from './talos-builds.js';

export interface NodeInstallSpec {
  /** The Talos release (a tag, `v1.13.9`). */
  readonly talosVersion: string;
  /** Extension images for the imager (references, sources, trees). */
  readonly extensions: readonly ExtensionInput[];
  /** Official extensions by Image Factory name (`siderolabs/gvisor`); undefined: not an Image Factory install. */
  readonly officialExtensions: readonly string[] | undefined;
}

/** What `node.upgrade()` takes: unset fields keep what the node was installed with. */
export interface NodeUpgradeOptions {
  /** The release to install (`v1.13.9`, or a line such as `v1.13`); the same release is allowed. */
  readonly talosVersion?: string;
  /** Extension images for the imager. Given alone, the node is no longer an Image Factory install. */
  readonly extensions?: readonly ExtensionInput[];
  /** Official extensions (Image Factory). Given alone, the node's imager extensions are dropped. */
  readonly officialExtensions?: readonly string[];
  /**
   * A machine config to install with (replaces the one in force; ≤ v1.9 reads its install extensions), loaded and
   * validated on the new release.
   */
  readonly config?: string;
}

export interface NodeInstallerOptions {
  /** Where image references are pulled from (the catalog's registry plus a scenario's images). */
  readonly registry: ImageRegistry;
  /** Official extensions of each release (Image Factory). */
  readonly catalog: ExtensionsCatalog;
  /** Default: the imager's (talos-sim's squashfs writer). */
  readonly squasher?: LayerSquasher;
  /** The imager's and installer's progress lines. */
  readonly onLine?: (line: string) => void;
  /** Relative extension paths resolve against it. Default: process.cwd(). */
  readonly cwd?: string;
}

/**
 * A string extension input names a path when one exists there (a directory, OCI layout or tarball), as scenarios
 * and the CLI take them; otherwise it is an image reference.
 */
function resolvePathInput(input: ExtensionInput, cwd: string | undefined): ExtensionInput {
  if (typeof input !== 'string') return input;
  const at = resolve(cwd ?? process.cwd(), input);
  if (!existsSync(at)) return input;
  const named = classifyImageArgument(input, cwd ?? process.cwd());
  return named.kind === 'path' ? { source: named.source, label: input } : input;
}

export type InstallSpecErrorDetail =
  | { readonly kind: 'factory-and-imager'; readonly talosVersion: string }
  | { readonly kind: 'legacy-and-imager'; readonly talosVersion: string }
  | { readonly kind: 'legacy-ignored'; readonly talosVersion: string }
  | { readonly kind: 'no-imager'; readonly talosVersion: string }
  /** A release line Talos has (or will have) that talos-sim has no build of: no kernel, rootfs or installer. */
  | { readonly kind: 'unknown-release'; readonly talosVersion: string };

function message(d: InstallSpecErrorDetail): string {
  switch (d.kind) {
    case 'factory-and-imager':
      return 'a node is installed with officialExtensions (Image Factory) or extensions (the imager), not both';
    case 'legacy-and-imager':
      // cmd/installer appends its own initramfs archive, whose /extensions.yaml replaces the imager's: the boot asset's
      // extensions would be silently dropped
      return `Talos ${d.talosVersion}'s installer replaces the boot asset's extensions with .machine.install.extensions: give the extensions one way, not both`;
    case 'legacy-ignored':
      return `Talos ${d.talosVersion} ignores .machine.install.extensions (removed in v1.10.0): give extensions or officialExtensions, and a machine config without them`;
    case 'no-imager':
      return `Talos ${d.talosVersion} predates the imager (v1.5.0): install extensions through .machine.install.extensions of the machine config`;
    case 'unknown-release':
      return `unknown Talos version ${goQuote(d.talosVersion)}`;
  }
}

/** An install that Talos could not carry out as asked (or would silently ignore part of). */
export class InstallSpecError extends DetailedError<InstallSpecErrorDetail> {
  constructor(detail: InstallSpecErrorDetail) {
    super('InstallSpecError', detail, message(detail));
  }
}

export function isInstallSpecError(err: unknown): err is InstallSpecError {
  return err instanceof InstallSpecError;
}

/** How a spec is built, or the InstallSpecError that refuses it; `legacyImages` from the config in force. */
export function installPath(
  spec: NodeInstallSpec,
  facts: TalosVersionFacts,
  legacyImages: readonly string[],
): 'factory' | 'imager' | 'installer' {
  const imager = spec.extensions.length > 0;
  const factory = spec.officialExtensions !== undefined;
  const legacy = legacyImages.length > 0;
  const talosVersion = facts.version;
  if (imager && factory) throw new InstallSpecError({ kind: 'factory-and-imager', talosVersion });
  if (legacy && facts.installExtensions === 'ignored' && (imager || factory)) {
    throw new InstallSpecError({ kind: 'legacy-ignored', talosVersion });
  }
  if (legacy && facts.installExtensions !== 'ignored') {
    if (imager || factory) throw new InstallSpecError({ kind: 'legacy-and-imager', talosVersion });
    return 'installer';
  }
  // Image Factory's assets come from the imager too
  if ((imager || factory) && !facts.bootAssetsWithExtensions) {
    throw new InstallSpecError({ kind: 'no-imager', talosVersion });
  }
  return factory ? 'factory' : 'imager';
}

/** Builds the boot asset of an install. Throws InstallSpecError, ImagerError or MachineConfigError (upstream texts). */
export async function buildInstallAsset(
  spec: NodeInstallSpec,
  config: MachineConfig | undefined,
  options: NodeInstallerOptions,
): Promise<BootAsset> {
  const facts = resolveTalosVersion(spec.talosVersion);
  // the installer image of a release talos-sim has no build of does not exist: refused before anything changes
  if (talosBuild(facts.version) === undefined) {
    throw new InstallSpecError({ kind: 'unknown-release', talosVersion: facts.version });
  }
  const legacyImages = config === undefined ? [] : installExtensionImages(config.text);
  const common = {
    talosVersion: facts.version,
    ...(options.squasher ? { squasher: options.squasher } : {}),
  };
  const onLine = options.onLine;
  switch (installPath(spec, facts, legacyImages)) {
    case 'installer': {
      const { bootAsset } = await installWithExtensions({
        ...common,
        machineConfig: config?.text ?? '',
        registry: options.registry,
        ...(onLine ? { onLog: onLine } : {}),
      });
      return bootAsset;
    }
    case 'factory': {
      const officialExtensions = [...(spec.officialExtensions ?? [])];
      return buildFactoryBootAsset({
        ...common,
        schematic: { customization: { systemExtensions: { officialExtensions } } },
        catalog: options.catalog,
        ...(onLine ? { onUpdate: (u: { line: string }) => onLine(u.line) } : {}),
      });
    }
    case 'imager':
      return buildBootAsset({
        ...common,
        extensions: spec.extensions.map((input) => resolvePathInput(input, options.cwd)),
        registry: options.registry,
        ...(onLine ? { onUpdate: (u: { line: string }) => onLine(u.line) } : {}),
      });
  }
}
