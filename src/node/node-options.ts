// Options of a simulated node, with their documented defaults merged in one place.
import type { Volume } from 'memfs';
import { type Clock, type Logger, type Random, seededRandom, VirtualClock } from '../cosi/index.js';
import { DetailedError } from '../extensions/detailed-error.js';
import { DEFAULT_TALOS_VERSION, resolveTalosVersion } from '../extensions/index.js';
import type { BootAsset, ExtensionInput } from '../imager/index.js';
import { type MachineConfig, parseMachineConfig } from '../machine-config/index.js';
import { acceptMachineConfig } from './apply-config.js';
import type { NodeInstallerOptions } from './node-install-spec.js';
import type { NodeServicesOptions } from './node-services.js';

export interface TalosNodeOptions {
  /** How the node appears in the NODE column (talosctl prints the endpoint as given). Default `172.20.0.2`. */
  readonly address?: string;
  /** Talos version the node runs (`v1.10.3`, or a line like `v1.10` for its newest known release). Default: DEFAULT_TALOS_VERSION. */
  readonly talosVersion?: string;
  /** Default: a VirtualClock at VIRTUAL_CLOCK_EPOCH (time moves only when told to). */
  readonly clock?: Clock;
  /** Source of jitter and bookmark cookies. Default: seededRandom(0), so runs repeat exactly. */
  readonly random?: Random;
  /** Receives every line of the node's log too (it is kept in `node.log` anyway). Default: none. */
  readonly logger?: Logger;
  /** Size of the node's log ring. Default DEFAULT_NODE_LOG_CAPACITY. */
  readonly logCapacity?: number;
  /** Base root filesystem (rootfs.sqsh); default: the stock Talos rootfs of the version, shared between nodes. */
  readonly rootfs?: Volume;
  /**
   * The boot asset (installer, ISO, …) the node was installed from: its extension layers are mounted over the
   * base rootfs as Talos's initramfs does. Its Talos version is the node's. Default: a stock asset without extensions.
   */
  readonly bootAsset?: BootAsset;
  /**
   * What the boot asset was built from, so upgrades keep it (default: no extensions). Given without `bootAsset`,
   * createNode refuses them (NodeOptionsError): the node would boot without them.
   */
  readonly extensions?: readonly ExtensionInput[];
  readonly officialExtensions?: readonly string[];
  /** The machine config the node boots with, loaded and validated by the node's release (MachineConfigError). */
  readonly machineConfig?: MachineConfig;
  /** Where upgrades pull images from and how they squash layers. Default: a fresh default catalog on first use. */
  readonly installer?: Partial<NodeInstallerOptions>;
  /** What extension services run: programs by entrypoint, declarative behaviours by service. Default: none. */
  readonly services?: NodeServicesOptions;
}

export const DEFAULT_NODE_ADDRESS = '172.20.0.2';

export interface ResolvedNodeOptions {
  readonly address: string;
  readonly talosVersion: string;
  readonly clock: Clock;
  readonly random: Random;
  readonly logger: Logger | undefined;
  readonly logCapacity: number | undefined;
  readonly rootfs: Volume | undefined;
  readonly bootAsset: BootAsset | undefined;
  readonly extensions: readonly ExtensionInput[];
  readonly officialExtensions: readonly string[] | undefined;
  readonly machineConfig: MachineConfig | undefined;
  readonly installer: Partial<NodeInstallerOptions>;
  readonly services: NodeServicesOptions;
}

export interface NodeOptionsErrorDetail {
  readonly kind: 'invalid-node-options';
  readonly reason: string;
}

/** createNode was given options it cannot use (a malformed boot asset, a version that contradicts it…). */
export class NodeOptionsError extends DetailedError<NodeOptionsErrorDetail> {
  constructor(reason: string) {
    super('NodeOptionsError', { kind: 'invalid-node-options', reason }, reason);
  }
}

export function isNodeOptionsError(err: unknown): err is NodeOptionsError {
  return err instanceof NodeOptionsError;
}

/** The shape a node needs of a boot asset (a caller may hand anything to the library). */
function isBootAsset(value: unknown): value is BootAsset {
  if (value === null || typeof value !== 'object') return false;
  const asset = value as Partial<BootAsset>;
  return (
    typeof asset.talosVersion === 'string' &&
    typeof asset.firmwarePath === 'string' &&
    Array.isArray(asset.layers) &&
    asset.layers.every(
      (l) =>
        l !== null &&
        typeof l === 'object' &&
        typeof l.name === 'string' &&
        typeof l.image === 'string' &&
        l.squashfs instanceof Uint8Array &&
        typeof l.metadata === 'object' &&
        l.metadata !== null,
    ) &&
    (asset.layers.length === 0 || typeof asset.extensionsYaml === 'string')
  );
}

export function resolveNodeOptions(opts: TalosNodeOptions = {}): ResolvedNodeOptions {
  if (opts === null || typeof opts !== 'object') throw new NodeOptionsError('node options must be an object');
  const asset = opts.bootAsset;
  if (asset !== undefined && !isBootAsset(asset)) {
    throw new NodeOptionsError(
      'bootAsset must be a boot asset built by buildBootAsset, buildFactoryBootAsset or installWithExtensions',
    );
  }
  if (opts.address !== undefined && (typeof opts.address !== 'string' || opts.address === '')) {
    throw new NodeOptionsError('address must be a non-empty string');
  }
  const asked = opts.talosVersion === undefined ? undefined : resolveTalosVersion(opts.talosVersion).version;
  const assetVersion = asset?.talosVersion;
  if (asked !== undefined && assetVersion !== undefined && asked !== assetVersion) {
    throw new NodeOptionsError(`the boot asset is for Talos ${assetVersion}, not ${asked}`);
  }
  // they record what the boot asset was built from (the base of upgrades): without the asset the node would boot
  // without them while saying it has them
  if (asset === undefined && ((opts.extensions?.length ?? 0) > 0 || (opts.officialExtensions?.length ?? 0) > 0)) {
    throw new NodeOptionsError(
      'extensions and officialExtensions say what the boot asset was built from: pass the bootAsset built from them',
    );
  }
  const talosVersion = asked ?? assetVersion ?? resolveTalosVersion(DEFAULT_TALOS_VERSION).version;
  return {
    address: opts.address ?? DEFAULT_NODE_ADDRESS,
    talosVersion,
    clock: opts.clock ?? new VirtualClock(),
    random: opts.random ?? seededRandom(0),
    logger: opts.logger,
    logCapacity: opts.logCapacity,
    rootfs: opts.rootfs,
    bootAsset: asset,
    extensions: opts.extensions ?? [],
    officialExtensions: opts.officialExtensions,
    machineConfig: opts.machineConfig === undefined ? undefined : bootConfig(opts.machineConfig, talosVersion),
    installer: opts.installer ?? {},
    services: opts.services ?? {},
  };
}

/** The config a node boots with, loaded and validated by its release as machined does (MachineConfigError). */
function bootConfig(config: MachineConfig, talosVersion: string): MachineConfig {
  const loaded = parseMachineConfig(config.text, { talosVersion });
  acceptMachineConfig(loaded, talosVersion, false);
  return loaded;
}
