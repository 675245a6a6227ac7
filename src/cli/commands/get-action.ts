// `sim get`, the work behind the command (loaded only when it runs): talosctl get's flow against simulated nodes.
import type { Command } from 'commander';
import { EMPTY, mergeMap, type Observable } from 'rxjs';
import { formatMultierror } from '../../gofmt/index.js';
import {
  describeTalosVersion,
  isTombstone,
  type Resource,
  type ResourceDefinitionSpec,
  type ResourceType,
  resolveResourceType,
  type StateEvent,
  StatusError,
  type TalosNode,
  TypeResolutionError,
  talosResourceTypes,
} from '../../index.js';
import {
  createResourceWriter,
  isJsonPathResultError,
  isOutputError,
  type ResourceWriter,
  type WatchEventKind,
} from '../../printers/index.js';
import { type CliContext, CliExit } from '../cli-context.js';
import { type SimulatedCluster, withCluster } from '../simulated-cluster.js';
import type { SimulationOptions } from '../simulation-options.js';
import { clientVersionWarning, talosctlBehaviour, talosctlRelease } from '../talosctl-release.js';
import { type FollowedStream, followUntilSignal, refuseFollowing } from './follow-until-signal.js';

export interface GetOptions extends SimulationOptions {
  readonly namespace?: string;
  readonly output: string;
  readonly watch?: boolean;
}

export function runGet(ctx: CliContext, cmd: Command, type: string, id: string | undefined, opts: GetOptions) {
  if (opts.watch === true) refuseFollowing(ctx, 'get -w');
  return withCluster(opts, ctx, async (selected) => {
    const { nodes } = selected;
    const first = nodes[0] as TalosNode;
    const out = (chunk: string) => ctx.io.stdout(chunk);
    const talosctl = talosctlBehaviour(talosctlRelease(nodes, opts.talosctlVersion));
    const warning = clientVersionWarning(nodes, talosctl.release);
    if (warning !== undefined) ctx.io.stderr(warning);
    const flavour = describeTalosVersion(first.talosVersion).goYaml;
    const singleWatch = opts.watch === true && id !== undefined;
    let writer: ResourceWriter;
    try {
      writer = createResourceWriter(opts.output, {
        out,
        flavour,
        bootstrapped: singleWatch && talosctl.singleWatchBootstrapped,
        machineConfigRepr: talosctl.machineConfigRepr,
      });
    } catch (err) {
      throw new CliExit(isOutputError(err) ? err.message : String(err));
    }
    const rd = await resolveType(first, type);
    const namespace = opts.namespace ?? rd.defaultNamespace;
    writer.writeHeader(rd, opts.watch === true);
    if (opts.watch) {
      try {
        await watch(ctx, selected, writer, namespace, rd.type, id);
      } finally {
        writer.flush();
      }
      return;
    }
    const errors: string[] = [];
    for (const node of nodes) {
      let resources: Resource[];
      try {
        resources =
          id === undefined
            ? await node.resources.list(namespace, rd.type)
            : [await node.resources.get(namespace, rd.type, id)];
      } catch (err) {
        const message = (err as Error).message;
        const verb = id === undefined ? 'listing resources' : 'getting resource';
        errors.push(talosctl.prefixedNodeErrors ? `error ${verb} on node ${node.address}: ${message}` : message);
        continue;
      }
      for (const r of resources) {
        try {
          writer.writeResource(node.address, served(node, r));
        } catch (err) {
          if (!isJsonPathResultError(err)) throw err;
          if (talosctl.jsonPathErrorsAbort) {
            writer.flush();
            throw new CliExit(withUsageQuirk((err as Error).message, cmd));
          }
          errors.push((err as Error).message);
        }
      }
    }
    writer.flush();
    if (errors.length === 0) return;
    // before v1.14.0-alpha.2 the per-node errors come back as one go-multierror, printed by cobra with Println
    throw new CliExit(withUsageQuirk(talosctl.prefixedNodeErrors ? errors.join('\n') : formatMultierror(errors), cmd));
  });
}

const typesByRelease = new Map<string, ReadonlyMap<string, ResourceType<unknown>>>();

/** The resource as the node's API hands it to talosctl: its release's type may marshal it differently (`served`). */
function served(node: TalosNode, resource: Resource): Resource {
  let types = typesByRelease.get(node.talosVersion);
  if (types === undefined) {
    types = new Map(talosResourceTypes(describeTalosVersion(node.talosVersion)).map((t) => [t.definition.type, t]));
    typesByRelease.set(node.talosVersion, types);
  }
  const type = types.get(resource.metadata.type);
  return type?.served === undefined ? resource : type.served(resource);
}

/** talosctl resolves the type on the first node: a case-insensitive match on RD id or alias. */
async function resolveType(node: TalosNode, arg: string): Promise<ResourceDefinitionSpec> {
  try {
    return resolveResourceType(await node.resources.definitions(), arg);
  } catch (err) {
    if (err instanceof TypeResolutionError) throw new CliExit(new StatusError(err.code, err.message).message);
    throw err;
  }
}

const EVENT_KIND: Readonly<Partial<Record<StateEvent['type'], WatchEventKind>>> = {
  Created: 'created',
  Updated: 'updated',
  Destroyed: 'destroyed',
};

/** Watch mode: merged streams of every node until the CLI's signal aborts (Ctrl-C: exit 0). */
/** Watches every node's resources until the signal, writing each event as talosctl does (the writer prints). */
async function watch(
  ctx: CliContext,
  selected: SimulatedCluster,
  writer: ResourceWriter,
  namespace: string,
  type: string,
  id: string | undefined,
): Promise<void> {
  const streams: FollowedStream[] = [];
  for (const node of selected.nodes) {
    let events: Observable<StateEvent>;
    try {
      events = await node.resources.watch(namespace, type, id, { bootstrapContents: true });
    } catch (err) {
      throw new CliExit(`error watching resource: ${(err as Error).message}`);
    }
    const write = (event: StateEvent): Observable<never> => {
      if (event.type === 'Bootstrapped') writer.markBootstrapped();
      else if (event.type === 'Errored') throw new CliExit(`error watching resource: ${event.error?.message}`);
      else {
        const kind = EVENT_KIND[event.type];
        if (kind !== undefined && !isTombstone(event.resource))
          writer.writeResource(node.address, served(node, event.resource), kind);
      }
      return EMPTY;
    };
    streams.push({ address: node.address, text: events.pipe(mergeMap(write)) });
  }
  // the watch of a boot completes when the node shuts down (or reboots): talosctl's stream breaks there too
  await followUntilSignal(ctx, selected, streams, (address) => `error watching resource: node ${address} shut down`);
}

/** talosctl's root prints the usage after an error whose text mentions `arg(s)`, `flag` or `command`. */
function withUsageQuirk(message: string, cmd: Command): string {
  return /arg\(s\)|flag|command/.test(message) ? `${message}\n\n${cmd.helpInformation().trimEnd()}` : message;
}
