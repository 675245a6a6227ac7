// The work behind `sim reboot`, `sim upgrade` and `sim apply-config`: one operation per selected node, recorded in a
// kept cluster's journal. Errors name the node, as talosctl's per-node errors do.
import { resolve } from 'node:path';
import { INPUT_LIMITS } from '../../extensions/index.js';
import { formatMultierror, tabwrite } from '../../gofmt/index.js';
import {
  type ClusterOperation,
  isMachineConfigError,
  isNodeLifecycleError,
  journalExtension,
  StatusError,
} from '../../index.js';
import { isSafeFsError, readRegularFile } from '../../safe-fs/index.js';
import { type CliContext, CliExit } from '../cli-context.js';
import { withCluster } from '../simulated-cluster.js';
import type { SimulationOptions } from '../simulation-options.js';
import { clientVersionWarning, talosctlBehaviour, talosctlRelease } from '../talosctl-release.js';
import { formatGoTimeString, goLocalZone } from './go-time-format.js';
import { errorOnNode } from './node-command-errors.js';

export interface UpgradeFlags extends SimulationOptions {
  readonly talosVersion?: string;
  readonly extension?: string[];
  readonly officialExtension?: string[];
  /** false: `--no-extensions`, the stock installer (commander's negated option; true when not given). */
  readonly extensions?: boolean;
}

export interface ApplyConfigFlags extends SimulationOptions {
  readonly file: string;
}

async function eachNode(
  flags: SimulationOptions,
  ctx: CliContext,
  operation: (address: string) => ClusterOperation,
): Promise<void> {
  await withCluster(flags, ctx, async ({ nodes, change }) => {
    // talosctl reboot and upgrade check the nodes' versions first (apply-config does not)
    const talosctl = talosctlBehaviour(talosctlRelease(nodes, flags.talosctlVersion));
    const warning = talosctl.versionCheck ? clientVersionWarning(nodes, talosctl.release) : undefined;
    if (warning !== undefined) ctx.io.stderr(warning);
    for (const node of nodes) {
      try {
        await change(operation(node.address));
      } catch (err) {
        throw new CliExit(errorOnNode(node.address, err));
      }
    }
  });
}

export function reboot(flags: SimulationOptions, ctx: CliContext): Promise<void> {
  return eachNode(flags, ctx, (node) => ({ kind: 'reboot', node }));
}

/** The extensions `sim upgrade` asks for: its flags, or undefined to keep what each node has. */
function upgradeExtensions(flags: UpgradeFlags, ctx: CliContext): string[] | undefined {
  if (flags.extensions === false) {
    if (flags.extension !== undefined || flags.officialExtension !== undefined) {
      throw new CliExit(
        '--no-extensions installs the stock installer: give it without --extension or --official-extension',
      );
    }
    return [];
  }
  try {
    return flags.extension?.map((arg) => journalExtension(arg, ctx.cwd));
  } catch (err) {
    throw new CliExit((err as Error).message);
  }
}

/**
 * talosctl upgrade: machined's answer as talosctl prints it without --wait, one `NODE ACK STARTED` table on stdout
 * for the nodes that accepted the request (STARTED: the client's time.Now() at the request, here the cluster's clock
 * in the client's zone). sim waits for each upgrade, so an upgrade that fails after it was accepted (the installer's
 * error, a new boot that fails) is reported after the table, as is a refusal; the nodes after it are not asked.
 */
export function upgrade(flags: UpgradeFlags, ctx: CliContext): Promise<void> {
  const extensions = upgradeExtensions(flags, ctx);
  return withCluster(flags, ctx, async ({ cluster, nodes, change }) => {
    const talosctl = talosctlBehaviour(talosctlRelease(nodes, flags.talosctlVersion));
    const warning = talosctl.versionCheck ? clientVersionWarning(nodes, talosctl.release) : undefined;
    if (warning !== undefined) ctx.io.stderr(warning);
    const zone = goLocalZone(ctx.env);
    let table = 'NODE\tACK\tSTARTED\n';
    let acked = 0;
    let failure: string | undefined;
    for (const node of nodes) {
      const started = formatGoTimeString(cluster.clock.now(), zone);
      try {
        await change({
          kind: 'upgrade',
          node: node.address,
          ...(flags.talosVersion === undefined ? {} : { talos: flags.talosVersion }),
          ...(extensions === undefined ? {} : { extensions }),
          ...(flags.officialExtension === undefined ? {} : { officialExtensions: flags.officialExtension }),
        });
      } catch (err) {
        failure = errorOnNode(node.address, err);
        // a NodeLifecycleError other than a refusal in the wrong phase comes after machined's ACK
        if (!isNodeLifecycleError(err) || err.detail.kind === 'invalid-phase') break;
      }
      table += `${node.address}\t${UPGRADE_ACK}\t${started}\t\n`;
      acked++;
      if (failure !== undefined) break;
    }
    if (acked > 0) ctx.io.stdout(tabwrite(table));
    if (failure !== undefined) throw new CliExit(failure);
  });
}

/** machined's answer to an accepted upgrade request (v1.0 on). */
const UPGRADE_ACK = 'Upgrade request received';

/**
 * talosctl apply-config: each node's answer (warnings, then the mode details; on stdout before talosctl v1.3.1), or
 * the nodes' refusals as gRPC statuses: one go-multierror before v1.14.0-alpha.2 (nothing else printed), then one
 * `<node>: error applying configuration: …` line per node after the answers of the others.
 */
export function applyConfig(flags: ApplyConfigFlags, ctx: CliContext): Promise<void> {
  let config: string;
  try {
    const bytes = readRegularFile(resolve(ctx.cwd, flags.file), { maxBytes: INPUT_LIMITS.machineConfigBytes });
    config = Buffer.from(bytes).toString('utf8');
  } catch (err) {
    // talosctl prints os.ReadFile's error: `open <file>: no such file or directory`
    const reason =
      isSafeFsError(err) && err.kind === 'not-found'
        ? `open ${flags.file}: no such file or directory`
        : (err as Error).message;
    throw new CliExit(`failed to read configuration from ${JSON.stringify(flags.file)}: ${reason}`);
  }
  if (config.length === 0) throw new CliExit('no configuration data read');
  return withCluster(flags, ctx, async ({ nodes, change }) => {
    const talosctl = talosctlBehaviour(talosctlRelease(nodes, flags.talosctlVersion));
    const printed: (() => void)[] = [];
    const errors: string[] = [];
    for (const node of nodes) {
      try {
        const answer = await change({ kind: 'apply-config', node: node.address, config });
        if (answer === undefined) continue;
        printed.push(() => {
          for (const warning of answer.warnings) ctx.io.stderr(`WARNING: ${warning}\n`);
          (talosctl.applyResultsOnStderr ? ctx.io.stderr : ctx.io.stdout)(`${answer.modeDetails}\n`);
        });
      } catch (err) {
        if (!isMachineConfigError(err)) throw new CliExit(errorOnNode(node.address, err));
        const status = new StatusError('InvalidArgument', err.message).message;
        errors.push(
          talosctl.prefixedNodeErrors
            ? `${node.address}: error applying configuration: ${status}`
            : `${node.address}: ${status}`,
        );
      }
    }
    // before v1.14.0-alpha.2 one call went to every node, and any error left the answers unprinted
    if (talosctl.prefixedNodeErrors || errors.length === 0) for (const print of printed) print();
    if (errors.length === 0) return;
    throw new CliExit(
      talosctl.prefixedNodeErrors ? errors.join('\n') : `error applying new configuration: ${formatMultierror(errors)}`,
    );
  });
}
