// What an upgrade decides before the node reboots into it: the install it asks for (release and extensions; unset
// fields keep the current ones), the config it boots with, and the installer's run, whose lines reach the node's log
// and whose failure (after machined accepted the request) fails the upgrade. TalosNode.upgrade sequences them.
import { resolveTalosVersion } from '../extensions/index.js';
import type { BootAsset } from '../imager/index.js';
import { installExtensionImages, type MachineConfig, parseMachineConfig } from '../machine-config/index.js';
import { acceptMachineConfig } from './apply-config.js';
import { installerConfigCheck } from './installer-config.js';
import { isInstallerError } from './installer-error.js';
import { logInstallerRun } from './installer-log.js';
import {
  legacyListFetched,
  type NodeInstallRequest,
  type NodeInstallSpec,
  type NodeUpgradeOptions,
} from './node-install-spec.js';
import { NodeLifecycleError } from './node-lifecycle-error.js';
import type { NodeLog } from './node-log.js';
import type { NodePhase } from './node-phase.js';

export interface UpgradePlan {
  /** The release the node runs (its machined pulls the legacy list up to v1.9). */
  readonly running: string;
  readonly spec: NodeInstallSpec;
  /** The config the installer loads (a `config` given, checked as applyConfig checks it, or the one in force). */
  readonly config: MachineConfig | undefined;
}

/** The install an upgrade asks for; a `config` given that applyConfig would refuse is refused here. */
export function planUpgrade(
  options: NodeUpgradeOptions,
  node: { readonly install: NodeInstallSpec; readonly config: MachineConfig | undefined },
): UpgradePlan {
  const running = node.install.talosVersion;
  const talosVersion = options.talosVersion === undefined ? running : resolveTalosVersion(options.talosVersion).version;
  let config = node.config;
  if (options.config !== undefined) {
    config = parseMachineConfig(options.config, { talosVersion });
    acceptMachineConfig(config, talosVersion, true);
  }
  const spec: NodeInstallSpec = {
    talosVersion,
    // one choice of installer: either list given replaces both (an Image Factory node upgraded with extensions
    // becomes an imager install, as `talosctl upgrade --image` with an imager-built installer makes it)
    ...(options.extensions === undefined && options.officialExtensions === undefined
      ? { extensions: node.install.extensions, officialExtensions: node.install.officialExtensions }
      : { extensions: options.extensions ?? [], officialExtensions: options.officialExtensions }),
  };
  return { running, spec, config };
}

/** The config the new boot loads: the installer loaded it with the new release's loader, and so does the boot. */
export function configOfNewBoot(plan: UpgradePlan): MachineConfig | undefined {
  const { config, spec, running } = plan;
  return config !== undefined && spec.talosVersion !== running
    ? parseMachineConfig(config.text, { talosVersion: spec.talosVersion })
    : config;
}

/**
 * An upgrade's install step: the installer image (its refusals pass through), then machined's pulls and the
 * installer, whose lines reach the node's log; a failure of theirs is a NodeLifecycleError `failed` of the upgrade.
 */
export async function runInstaller(
  node: {
    readonly address: string;
    readonly phase: NodePhase;
    readonly log: NodeLog;
    readonly now: () => number;
    readonly build: (request: NodeInstallRequest, config: MachineConfig | undefined) => Promise<BootAsset>;
  },
  plan: UpgradePlan,
): Promise<BootAsset> {
  const { spec, running, config } = plan;
  const legacy = config === undefined ? [] : installExtensionImages(config.text);
  const pulled = legacyListFetched(resolveTalosVersion(running), legacy) ? legacy : [];
  const warnings = () => installerConfigCheck(config?.text, spec.talosVersion);
  try {
    const asset = await node.build({ ...spec, runningVersion: running }, config);
    logInstallerRun(node.log, node.now(), { talosVersion: spec.talosVersion, pulled, warnings: warnings() });
    return asset;
  } catch (err) {
    if (!isInstallerError(err)) throw err;
    logInstallerRun(node.log, node.now(), {
      talosVersion: spec.talosVersion,
      pulled,
      warnings: err.detail.kind === 'build' ? warnings() : [],
      error: err,
    });
    throw new NodeLifecycleError({
      kind: 'failed',
      address: node.address,
      operation: 'upgrade',
      phase: node.phase,
      cause: err,
    });
  }
}
