// What a node is installed with, and the installer that turns it into a boot asset: official extensions through
// Image Factory (with its `schematic` layer), other extension images through the imager (Talos ≥ v1.5), or the
// legacy `.machine.install.extensions` of the machine config in force, which takes two releases: machined of the
// RUNNING release pulls them (≤ v1.9) and the installer of the TARGET release builds them (≤ v1.9). Extensions
// change only through install or upgrade, so this is what the first boot and every upgrade run.

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
  buildInstallerAsset,
  type ExtensionInput,
  type InstallExtensionsCheckout,
  installExtensionImages,
  isImagerError,
  type LayerSquasher,
  pullInstallExtensions,
} from '../imager/index.js';
import type { MachineConfig } from '../machine-config/index.js';
import { installerConfigCheck } from './installer-config.js';
import { InstallerError } from './installer-error.js';
import { talosBuild } from './talos-builds.js';

export interface NodeInstallSpec {
  /** The Talos release (a tag, `v1.13.9`). */
  readonly talosVersion: string;
  /** Extension images for the imager (references, sources, trees). */
  readonly extensions: readonly ExtensionInput[];
  /** Official extensions by Image Factory name (`siderolabs/gvisor`); undefined: not an Image Factory install. */
  readonly officialExtensions: readonly string[] | undefined;
}

/** An install as the installer is asked for it: what to install, and by whom. */
export interface NodeInstallRequest extends NodeInstallSpec {
  /**
   * The release whose machined runs the installer: an upgrade's running release (its machined pulls the legacy list,
   * ≤ v1.9, or not). Default: talosVersion, a first install.
   */
  readonly runningVersion?: string;
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
   * A machine config to install with, as if applied just before: it replaces the one in force, is refused at once
   * where applyConfig on the new release would refuse it, and its `.machine.install.extensions` are what a ≤ v1.9
   * running release pulls (and a ≤ v1.9 installer builds).
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
  /** Image Factory serves releases from v1.2.0 (its MinTalosVersion). */
  | { readonly kind: 'no-image-factory'; readonly talosVersion: string }
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
    case 'no-image-factory':
      return `Image Factory serves Talos v1.2.0 and later: install extensions on Talos ${d.talosVersion} through .machine.install.extensions of the machine config`;
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

/** Whether machined of the running release pulls the legacy list (≤ v1.9), so that an unfetchable image fails. */
export function legacyListFetched(running: TalosVersionFacts, legacyImages: readonly string[]): boolean {
  return legacyImages.length > 0 && running.installExtensions === 'honoured';
}

/**
 * How a spec is built, or the InstallSpecError that refuses it; `legacyImages` from the config in force, `running`
 * the release whose machined runs the installer (default: the target, a first install). The legacy list is
 * installed only when machined pulls and mounts it (running ≤ v1.9) and the installer builds it (target ≤ v1.9).
 */
export function installPath(
  spec: NodeInstallSpec,
  facts: TalosVersionFacts,
  legacyImages: readonly string[],
  running: TalosVersionFacts = facts,
): 'factory' | 'imager' | 'installer' {
  const imager = spec.extensions.length > 0;
  const factory = spec.officialExtensions !== undefined;
  const talosVersion = facts.version;
  if (imager && factory) throw new InstallSpecError({ kind: 'factory-and-imager', talosVersion });
  if (legacyListFetched(running, legacyImages) && facts.installExtensions === 'honoured') {
    if (imager || factory) throw new InstallSpecError({ kind: 'legacy-and-imager', talosVersion });
    return 'installer';
  }
  // Image Factory builds with its own imager, from the release's kernel and initramfs: it serves releases the
  // imager of their own did not exist for
  if (factory && !facts.imageFactory) throw new InstallSpecError({ kind: 'no-image-factory', talosVersion });
  if (imager && !facts.bootAssetsWithExtensions) throw new InstallSpecError({ kind: 'no-imager', talosVersion });
  return factory ? 'factory' : 'imager';
}

/**
 * Builds the boot asset of an install, in upstream order: the installer image (refused at once when it cannot be had:
 * InstallSpecError, ImagerError), then what runs after machined accepted the upgrade (InstallerError): machined's
 * pulls of the legacy list, the installer's config check, its build.
 */
export async function buildInstallAsset(
  spec: NodeInstallRequest,
  config: MachineConfig | undefined,
  options: NodeInstallerOptions,
): Promise<BootAsset> {
  const facts = resolveTalosVersion(spec.talosVersion);
  // the installer image of a release talos-sim has no build of does not exist: refused before anything changes
  if (talosBuild(facts.version) === undefined) {
    throw new InstallSpecError({ kind: 'unknown-release', talosVersion: facts.version });
  }
  const running = spec.runningVersion === undefined ? facts : resolveTalosVersion(spec.runningVersion);
  const legacyImages = config === undefined ? [] : installExtensionImages(config.text);
  const common = {
    talosVersion: facts.version,
    ...(options.squasher ? { squasher: options.squasher } : {}),
  };
  const onLine = options.onLine;
  const path = installPath(spec, facts, legacyImages, running);
  // the imager's and Image Factory's installer images are built before the upgrade is asked for
  const built =
    path === 'factory'
      ? await buildFactoryBootAsset({
          ...common,
          schematic: {
            customization: { systemExtensions: { officialExtensions: [...(spec.officialExtensions ?? [])] } },
          },
          catalog: options.catalog,
          ...(onLine ? { onUpdate: (u: { line: string }) => onLine(u.line) } : {}),
        })
      : path === 'imager'
        ? await buildBootAsset({
            ...common,
            extensions: spec.extensions.map((input) => resolvePathInput(input, options.cwd)),
            registry: options.registry,
            ...(onLine ? { onUpdate: (u: { line: string }) => onLine(u.line) } : {}),
          })
        : undefined;
  const checkout = legacyListFetched(running, legacyImages)
    ? pullLegacy(legacyImages, facts.version, options)
    : undefined;
  installerConfigCheck(config?.text, facts.version);
  if (built !== undefined) return built;
  try {
    return await buildInstallerAsset(checkout, { ...common, ...(onLine ? { onLog: onLine } : {}) });
  } catch (err) {
    if (!isImagerError(err)) throw err;
    throw new InstallerError({ kind: 'build', talosVersion: facts.version, cause: err });
  }
}

/** machined's pulls of the legacy list (≤ v1.9): the first image it cannot pull fails the upgrade. */
function pullLegacy(
  images: readonly string[],
  talosVersion: string,
  options: NodeInstallerOptions,
): InstallExtensionsCheckout {
  try {
    return pullInstallExtensions(images, {
      registry: options.registry,
      ...(options.onLine ? { onLog: options.onLine } : {}),
    });
  } catch (err) {
    if (!isImagerError(err) || err.detail.kind !== 'pull') throw err;
    throw new InstallerError({ kind: 'pull', talosVersion, reference: err.detail.reference, cause: err });
  }
}
