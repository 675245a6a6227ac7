// Options of a simulated node, with their documented defaults merged in one place.
import type { Volume } from 'memfs';
import { type Clock, type Logger, nullLogger, type Random, SystemClock, systemRandom } from '../cosi/index.js';
import { DEFAULT_TALOS_VERSION, resolveTalosVersion } from '../extensions/index.js';
import type { BootAsset } from '../imager/index.js';

export interface TalosNodeOptions {
  /** How the node appears in the NODE column (talosctl prints the endpoint as given). Default `172.20.0.2`. */
  readonly address?: string;
  /** Talos version the node runs (`v1.10.3`, or a line like `v1.10` for its newest known release). Default: DEFAULT_TALOS_VERSION. */
  readonly talosVersion?: string;
  /** Default: the system clock. Tests pass a VirtualClock. */
  readonly clock?: Clock;
  /** Default: Math.random. Tests pass seededRandom(n). */
  readonly random?: Random;
  /** Default: drops everything. */
  readonly logger?: Logger;
  /** Base root filesystem (rootfs.sqsh); default: a stock Talos rootfs for the version. */
  readonly rootfs?: Volume;
  /**
   * The boot asset (installer, ISO, …) the node was installed from: its extension layers are mounted over the
   * base rootfs as Talos's initramfs does. Its Talos version is the node's. Default: a stock asset without extensions.
   */
  readonly bootAsset?: BootAsset;
}

export const DEFAULT_NODE_ADDRESS = '172.20.0.2';

export type ResolvedNodeOptions = Required<Omit<TalosNodeOptions, 'rootfs' | 'bootAsset'>> & {
  readonly rootfs: Volume | undefined;
  readonly bootAsset: BootAsset | undefined;
};

export class NodeOptionsError extends Error {
  override readonly name = 'NodeOptionsError';
}

export function resolveNodeOptions(opts: TalosNodeOptions = {}): ResolvedNodeOptions {
  const asked = opts.talosVersion === undefined ? undefined : resolveTalosVersion(opts.talosVersion).version;
  const assetVersion = opts.bootAsset?.talosVersion;
  if (asked !== undefined && assetVersion !== undefined && asked !== assetVersion) {
    throw new NodeOptionsError(`the boot asset is for Talos ${assetVersion}, not ${asked}`);
  }
  return {
    address: opts.address ?? DEFAULT_NODE_ADDRESS,
    talosVersion: asked ?? assetVersion ?? resolveTalosVersion(DEFAULT_TALOS_VERSION).version,
    clock: opts.clock ?? new SystemClock(),
    random: opts.random ?? systemRandom,
    logger: opts.logger ?? nullLogger,
    rootfs: opts.rootfs,
    bootAsset: opts.bootAsset,
  };
}
