// Options of a simulated node, with their documented defaults merged in one place.
import type { Volume } from 'memfs';
import { type Clock, type Logger, nullLogger, type Random, SystemClock, systemRandom } from '../cosi/index.js';
import { DEFAULT_TALOS_VERSION, resolveTalosVersion } from '../extensions/index.js';

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
  /** Root filesystem the node boots; default: a stock Talos rootfs for the version. */
  readonly rootfs?: Volume;
}

export const DEFAULT_NODE_ADDRESS = '172.20.0.2';

export type ResolvedNodeOptions = Required<Omit<TalosNodeOptions, 'rootfs'>> & { readonly rootfs: Volume | undefined };

export function resolveNodeOptions(opts: TalosNodeOptions = {}): ResolvedNodeOptions {
  return {
    address: opts.address ?? DEFAULT_NODE_ADDRESS,
    talosVersion: resolveTalosVersion(opts.talosVersion ?? DEFAULT_TALOS_VERSION).version,
    clock: opts.clock ?? new SystemClock(),
    random: opts.random ?? systemRandom,
    logger: opts.logger ?? nullLogger,
    rootfs: opts.rootfs,
  };
}
