// `sim service`, the work behind the command: talosctl service's flow (cmd/talosctl/cmd/talos/service.go, checked
// at v1.0.0, v1.13.9 and v1.14.0-rc.1) for the talosctl release sim plays. Nodes answer in the order of -n.
//
// machined's ServiceStart/Stop/Restart return the service manager's plain errors, so they reach talosctl as gRPC
// code Unknown (`rpc error: code = Unknown desc = service "x" not defined`). How talosctl reports them:
// - before v1.14.0-alpha.2 one call goes through apid to every node; the client filters the nodes' errors into a
//   go-multierror of `<node>: <error>`: if every node failed, `error starting service: <multierror>` (the same
//   words for stop and restart: QUIRK), else `WARNING: <multierror>` on stderr, the other nodes' table, exit 0;
// - from v1.14.0-alpha.2 a call per node: the table of the nodes that answered, then `error from node <node>:
//   <error>` lines, exit 1.
// A command that booted its cluster lets it settle in virtual time first (runUntilQuiet); the cluster operation moves
// virtual time while a stop waits for a task to exit (a SIGKILL comes 10 simulated seconds after SIGTERM).
import type { Command } from 'commander';
import { formatMultierror, goQuote } from '../../gofmt/index.js';
import {
  formatServiceActionTable,
  formatServiceInfo,
  formatServiceList,
  isServiceError,
  type NodeService,
  SERVICE_ACTIONS,
  type ServiceAction,
  StatusError,
  serviceActionResponse,
  type TalosNode,
} from '../../index.js';
import { type CliContext, CliExit } from '../cli-context.js';
import { type SimulatedCluster, withSettledCluster } from '../simulated-cluster.js';
import type { SimulationOptions } from '../simulation-options.js';
import { talosctlRelease } from '../talosctl-release.js';
import { errorOnNode, withUsageQuirk } from './node-command-errors.js';
import { nodeCommandTalosctl } from './node-command-release.js';

export type ServiceOptions = SimulationOptions;

export async function runService(
  ctx: CliContext,
  cmd: Command,
  id: string | undefined,
  action: string | undefined,
  opts: ServiceOptions,
) {
  const verb = action ?? 'status';
  if (verb !== 'status' && !SERVICE_ACTIONS.includes(verb as ServiceAction)) {
    throw new CliExit(withUsageQuirk(`unsupported service action: ${goQuote(verb)}`, cmd));
  }
  await withSettledCluster(opts, ctx, async (selected) => {
    const { cluster, nodes } = selected;
    const now = cluster.clock.now();
    if (verb === 'status' && id === undefined) {
      const services = nodes.flatMap((node) =>
        node.services.list().map((service) => ({ node: node.address, service })),
      );
      ctx.io.stdout(formatServiceList(services, now));
      return;
    }
    if (verb === 'status') {
      const services: NodeService[] = [];
      for (const node of nodes) {
        const service = node.services.get(id ?? '');
        if (service !== undefined) services.push({ node: node.address, service });
      }
      if (services.length === 0) {
        throw new CliExit(withUsageQuirk(`service ${goQuote(id ?? '')} is not registered on any nodes`, cmd));
      }
      ctx.io.stdout(formatServiceInfo(services, now));
      return;
    }
    await serviceAction(ctx, cmd, selected, id ?? '', verb as ServiceAction, opts);
  });
}

async function serviceAction(
  ctx: CliContext,
  cmd: Command,
  { nodes, change }: SimulatedCluster,
  id: string,
  action: ServiceAction,
  opts: ServiceOptions,
) {
  const talosctl = nodeCommandTalosctl(talosctlRelease(nodes, opts.talosctlVersion));
  const rows: { node: string; response: string }[] = [];
  const failures: { node: string; error: string }[] = [];
  for (const node of nodes) {
    try {
      await change({ kind: 'service', node: node.address, id, action });
      rows.push({ node: node.address, response: serviceActionResponse(action, id) });
    } catch (err) {
      failures.push({ node: node.address, error: machinedError(node, err) });
    }
  }
  if (talosctl.client === 'multiplex') {
    ctx.io.stdout(formatServiceActionTable(rows));
    if (failures.length === 0) return;
    const message = failures.map((f) => `error from node ${f.node}: ${f.error}`).join('\n');
    throw new CliExit(withUsageQuirk(message, cmd));
  }
  if (failures.length === 0) {
    ctx.io.stdout(formatServiceActionTable(rows));
    return;
  }
  const multierror = formatMultierror(failures.map((f) => `${f.node}: ${f.error}`));
  if (rows.length === 0) throw new CliExit(withUsageQuirk(`error starting service: ${multierror}`, cmd));
  ctx.io.stderr(`WARNING: ${multierror}\n`);
  ctx.io.stdout(formatServiceActionTable(rows));
}

/** machined's answer to a refused action as talosctl prints it; anything else is a simulator failure. */
function machinedError(node: TalosNode, err: unknown): string {
  if (isServiceError(err) && (err.kind === 'not-defined' || err.kind === 'api-not-allowed')) {
    return new StatusError('Unknown', err.message).message;
  }
  throw new CliExit(errorOnNode(node.address, err));
}
