// The work behind `sim reboot`, `sim upgrade` and `sim apply-config`: one operation per selected node, recorded in a
// kept cluster's journal. Errors name the node, as talosctl's per-node errors do.
import { resolve } from 'node:path';
import { INPUT_LIMITS } from '../../extensions/index.js';
import { formatMultierror } from '../../gofmt/index.js';
import { type ClusterOperation, isMachineConfigError, journalExtension, StatusError } from '../../index.js';
import { isSafeFsError, readRegularFile } from '../../safe-fs/index.js';
import { type CliContext, CliExit } from '../cli-context.js';
import { withCluster } from '../simulated-cluster.js';
import type { SimulationOptions } from '../simulation-options.js';
import { clientVersionWarning, talosctlBehaviour, talosctlRelease } from '../talosctl-release.js';
import { errorOnNode } from './node-command-errors.js';

export interface UpgradeFlags extends SimulationOptions {
  readonly talosVersion?: string;
  readonly extension?: string[];
  readonly officialExtension?: string[];
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

export function upgrade(flags: UpgradeFlags, ctx: CliContext): Promise<void> {
  let extensions: string[] | undefined;
  try {
    extensions = flags.extension?.map((arg) => journalExtension(arg, ctx.cwd));
  } catch (err) {
    throw new CliExit((err as Error).message);
  }
  return eachNode(flags, ctx, (node) => ({
    kind: 'upgrade',
    node,
    ...(flags.talosVersion === undefined ? {} : { talos: flags.talosVersion }),
    ...(extensions === undefined ? {} : { extensions }),
    ...(flags.officialExtension === undefined ? {} : { officialExtensions: flags.officialExtension }),
  }));
}

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
