// `sim logs`, the work behind the command: talosctl logs (cmd/talosctl/cmd/talos/logs.go, checked at v1.0.0,
// v1.2.0-beta.0, v1.13.9 and v1.14.0-rc.1) over machined's Logs of a system service. Every line is printed as
// `<node>: <line>`, for one node as for several; nodes answer in the order of -n, then with -f lines as nodes write
// them until Ctrl-C (exit 0).
//
// machined's circular-buffer logging manager knows a service's log only once the service's runner opened it (the
// task ran); for any other id its reader fails with `log "<id>" was not registered` (gRPC code Unknown), followed
// or not. sim takes a log to be registered when the node has the service and it has logged or reached Running.
// How talosctl reports that error:
// - v1.0: `ERROR: <error>` on stderr as it arrives, exit 0;
// - v1.2.0-beta.0 – v1.14.0-alpha.1: the same line, and exit 1 once the stream ends;
// - v1.14.0-alpha.2+: a call per node; `error from node <node>: <error>` lines at the end, exit 1.
// `--tail N` (an int32 flag, default -1: everything) keeps the last N lines, as machined's tail.SeekLines does.
import type { Command } from 'commander';
import { map } from 'rxjs';
import { goQuote } from '../../gofmt/index.js';
import { type LogLine, StatusError, type TalosNode } from '../../index.js';
import { type CliContext, CliExit } from '../cli-context.js';
import { withSettledCluster } from '../simulated-cluster.js';
import type { SimulationOptions } from '../simulation-options.js';
import { talosctlRelease } from '../talosctl-release.js';
import { asFollower, followUntilSignal, refuseFollowing } from './follow-until-signal.js';
import { goParseInt32 } from './go-parse-int.js';
import { withUsageQuirk } from './node-command-errors.js';
import { nodeCommandTalosctl } from './node-command-release.js';

export interface LogsOptions extends SimulationOptions {
  readonly follow?: boolean;
  /** Text as given (pflag parses it as an int32). */
  readonly tail: string;
}

/** What talosctl prints for a chunk of a node's log: every line prefixed with the node. */
function prefixed(node: string, line: LogLine): string {
  return line.text
    .split('\n')
    .map((part) => `${node}: ${part}\n`)
    .join('');
}

/** The log of `id` on `node` as machined's Logs would stream it, or its error. */
function readLog(node: TalosNode, id: string, tail: number): { lines: LogLine[] } | { error: string } {
  const service = node.services.get(id);
  const lines = service === undefined ? [] : node.services.logs(id);
  if (service === undefined || (lines.length === 0 && !service.events.some((e) => e.state === 'Running'))) {
    return { error: new StatusError('Unknown', `log ${goQuote(id)} was not registered`).message };
  }
  return { lines: tail < 0 ? lines : lines.slice(Math.max(0, lines.length - tail)) };
}

export async function runLogs(ctx: CliContext, cmd: Command, id: string, opts: LogsOptions) {
  const parsed = goParseInt32(opts.tail);
  if ('error' in parsed) {
    const message = `invalid argument ${goQuote(opts.tail)} for "--tail" flag: strconv.ParseInt: parsing ${goQuote(opts.tail)}: ${parsed.error}`;
    throw new CliExit(withUsageQuirk(message, cmd));
  }
  if (opts.follow === true) refuseFollowing(ctx, 'logs -f');
  await asFollower(ctx, opts.follow === true, () => logsFrom(ctx, cmd, id, opts, parsed.value));
}

function logsFrom(ctx: CliContext, cmd: Command, id: string, opts: LogsOptions, tail: number) {
  return withSettledCluster(opts, ctx, async (selected) => {
    const { nodes } = selected;
    const talosctl = nodeCommandTalosctl(talosctlRelease(nodes, opts.talosctlVersion));
    const errors: string[] = [];
    const streaming: TalosNode[] = [];
    for (const node of nodes) {
      const log = readLog(node, id, tail);
      if ('error' in log) {
        if (talosctl.client === 'multiplex') errors.push(`error from node ${node.address}: ${log.error}`);
        else {
          ctx.io.stderr(`ERROR: ${log.error}\n`);
          errors.push(log.error);
        }
        continue;
      }
      streaming.push(node);
      for (const line of log.lines) ctx.io.stdout(prefixed(node.address, line));
    }
    // talosctl follows until every node's stream ends: with none open (each log failed) there is nothing to wait for
    if (opts.follow === true && streaming.length > 0) {
      await followUntilSignal(
        ctx,
        selected,
        streaming.map((node) => ({
          address: node.address,
          text: node.services.follow(id).pipe(map((line) => prefixed(node.address, line))),
        })),
        (address) => `error fetching logs: node ${address} shut down`,
      );
    }
    if (errors.length === 0 || talosctl.client === 'v1.0') return;
    // before v1.14.0-alpha.2 the errors are already printed: talosctl just exits 1
    throw new CliExit(talosctl.client === 'multiplex' ? withUsageQuirk(errors.join('\n'), cmd) : '');
  });
}
