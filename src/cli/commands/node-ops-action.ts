// The work behind `sim reboot`, `sim upgrade` and `sim apply-config`: one operation per selected node, recorded in a
// kept cluster's journal. Errors name the node, as talosctl's per-node errors do.
import { resolve } from 'node:path';
import { INPUT_LIMITS } from '../../extensions/index.js';
import { type ClusterOperation, isMachineConfigError, journalExtension, StatusError } from '../../index.js';
import { isSafeFsError, readRegularFile } from '../../safe-fs/index.js';
import { type CliContext, CliExit } from '../cli-context.js';
import { withCluster } from '../simulated-cluster.js';
import type { SimulationOptions } from '../simulation-options.js';

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
    for (const node of nodes) {
      try {
        await change(operation(node.address));
      } catch (err) {
        throw new CliExit(`error on node ${node.address}: ${(err as Error).message.trimEnd()}`);
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

/** talosctl apply-config: per node the mode it applied in (on stderr), or the node's refusal as a gRPC status. */
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
  return withCluster(flags, ctx, async ({ nodes, change }) => {
    for (const node of nodes) {
      try {
        await change({ kind: 'apply-config', node: node.address, config });
      } catch (err) {
        if (!isMachineConfigError(err)) throw new CliExit(`error on node ${node.address}: ${(err as Error).message}`);
        const status = new StatusError('InvalidArgument', err.message);
        throw new CliExit(`error applying new configuration: ${status.message}`);
      }
      ctx.io.stderr('Applied configuration without a reboot\n');
    }
  });
}
