// `sim list`, the work behind the command: talosctl list's flow, printed as the talosctl release sim plays prints it
// (see node-command-release.ts), over what machined's List returns on each node (list-machined.ts). Nodes answer in
// the order of -n (real talosctl prints them in arrival order).
//
// Before v1.14.0-alpha.2 the request reaches every node through apid, whose replies all carry the node's name, so
// the short listing is the NODE/NAME table even for one node; list.go's bare-name branch only runs against an apid
// that does not route (maintenance mode). From v1.14.0-alpha.2 one node prints bare names.
import type { Command } from 'commander';
import { TabWriter } from '../../gofmt/index.js';
import type { TalosNode } from '../../index.js';
import { type CliContext, CliExit } from '../cli-context.js';
import { withCluster } from '../simulated-cluster.js';
import type { SimulationOptions } from '../simulation-options.js';
import { talosctlRelease } from '../talosctl-release.js';
import { goParseInt32 } from './go-parse-int.js';
import { goLocalZone } from './go-time-format.js';
import { type ListFileType, type ListReply, type ListRequest, machinedList } from './list-machined.js';
import { type LongRowContext, longHeader, longRow } from './list-row.js';
import { appendErrorsText, withUsageQuirk } from './node-command-errors.js';
import { machinedRelease, type NodeCommandTalosctl, nodeCommandTalosctl } from './node-command-release.js';

export interface ListOptions extends SimulationOptions {
  readonly long?: boolean;
  readonly recurse?: boolean;
  readonly humanize?: boolean;
  readonly depth: string;
  readonly type?: readonly string[];
}

const TYPES: Readonly<Record<string, ListFileType>> = { f: 'REGULAR', d: 'DIRECTORY', l: 'SYMLINK', L: 'SYMLINK' };

function parseDepth(text: string, cmd: Command): number {
  const parsed = goParseInt32(text);
  if ('error' in parsed) {
    const message = `invalid argument "${text}" for "-d, --depth" flag: strconv.ParseInt: parsing "${text}": ${parsed.error}`;
    throw new CliExit(withUsageQuirk(message, cmd));
  }
  return parsed.value;
}

/** Every character of every -t value names a type (`-t fl`, `-t f,l` and `-t f -t l` alike). */
function parseTypes(values: readonly string[]): ListFileType[] {
  const types: ListFileType[] = [];
  for (const value of values) {
    for (const ch of value) {
      const type = TYPES[ch];
      if (type === undefined) throw new CliExit(`invalid file type: ${ch}`);
      types.push(type);
    }
  }
  return types;
}

interface NodeReply {
  readonly node: string;
  readonly reply: ListReply;
}

export async function runList(ctx: CliContext, cmd: Command, path: string | undefined, opts: ListOptions) {
  const depth = parseDepth(opts.depth, cmd);
  if (opts.recurse === true && depth !== 1) {
    throw new CliExit(withUsageQuirk('only one of flags --recurse and --depth can be specified at the same time', cmd));
  }
  await withCluster(opts, ctx, async ({ nodes }) => {
    const talosctl = nodeCommandTalosctl(talosctlRelease(nodes, opts.talosctlVersion));
    const recursionDepth = opts.recurse === true ? -1 : depth;
    const request: ListRequest = {
      root: path ?? '/',
      recurse: recursionDepth > 1 || opts.recurse === true,
      recursionDepth,
      types: parseTypes(opts.type ?? []),
      reportXattrs: opts.long === true,
    };
    const replies = nodes.map((node: TalosNode) => ({
      node: node.address,
      reply: machinedList(node.filesystem.fs, machinedRelease(node.talosVersion), request),
    }));
    const rows: LongRowContext | undefined =
      opts.long === true
        ? {
            label: talosctl.label,
            humanize: opts.humanize === true,
            now: (nodes[0] as TalosNode).clock.now(),
            timeZone: goLocalZone(ctx.env),
          }
        : undefined;
    const errors =
      talosctl.client === 'multiplex'
        ? printMultiplexed(ctx, replies, rows)
        : printThroughApid(ctx, talosctl, replies, rows);
    if (errors.length === 0) return;
    const message = talosctl.client === 'multiplex' ? errors.join('\n') : appendErrorsText(errors);
    throw new CliExit(withUsageQuirk(message, cmd));
  });
}

/**
 * talosctl ≤ v1.13: one stream through apid. The header goes into the tabwriter first; v1.0's loop flushes the
 * short table only once a reply came (a listing the type filter empties prints nothing at all) and prints errors
 * as they come without failing; from v1.2.0-beta.0 they are collected and the command fails.
 */
function printThroughApid(
  ctx: CliContext,
  talosctl: NodeCommandTalosctl,
  replies: readonly NodeReply[],
  rows: LongRowContext | undefined,
): string[] {
  const table = new TabWriter((text) => ctx.io.stdout(text));
  table.write(rows === undefined ? 'NODE\tNAME\n' : longHeader(rows.label));
  const errors: string[] = [];
  const report = (message: string) => {
    if (talosctl.client === 'v1.0') ctx.io.stderr(`${message}\n`);
    else errors.push(message);
  };
  let replied = false;
  for (const { node, reply } of replies) {
    if ('error' in reply) {
      replied = true;
      report(talosctl.client === 'v1.0' ? `${node}: ${reply.error.message}` : reply.error.message);
      continue;
    }
    for (const file of reply.files) {
      replied = true;
      if (file.error !== '') report(`${node}: error reading file ${file.name}: ${file.error}`);
      else table.write(rows === undefined ? `${node}\t${file.relativeName}\n` : longRow(node, file, rows));
    }
  }
  if (replied || rows !== undefined || talosctl.client !== 'v1.0') table.flush();
  return errors;
}

/** talosctl v1.14.0-alpha.2+: a call per node; headers only before a first row, bare names for one node. */
function printMultiplexed(ctx: CliContext, replies: readonly NodeReply[], rows: LongRowContext | undefined): string[] {
  const table = new TabWriter((text) => ctx.io.stdout(text));
  const several = replies.length > 1;
  const errors: string[] = [];
  let header = false;
  for (const { node, reply } of replies) {
    if ('error' in reply) {
      errors.push(`error from node ${node}: ${reply.error.message}`);
      continue;
    }
    for (const file of reply.files) {
      if (file.error !== '') {
        errors.push(`${node}: error reading file ${file.name}: ${file.error}`);
      } else if (rows === undefined && !several) {
        ctx.io.stdout(`${file.relativeName}\n`);
      } else {
        if (!header) table.write(rows === undefined ? 'NODE\tNAME\n' : longHeader(rows.label));
        header = true;
        table.write(rows === undefined ? `${node}\t${file.relativeName}\n` : longRow(node, file, rows));
      }
    }
  }
  table.flush();
  return errors;
}
