// What `sim get` prints for nodes whose resources it can read: talosctl get's header, rows or documents, and its
// per-node errors. A booted node and a node of a cluster snapshot (booted-snapshots.ts) print through the same code.
// Like the rest of the snapshot reader, it imports module files rather than package indexes where an index would
// reach the simulator: the reader is bundled on its own (scripts/build-cli.ts), and `src/cluster`'s or the root
// index reaches Cluster.run's dynamic import of the whole CLI, which the bundle would then load with it.
import { talosResourceTypes } from '../../../resources/talos-resource-types.js';
import type { Resource, ResourceDefinitionSpec, ResourceType } from '../../cosi/index.js';
import { resolveResourceType, StatusError, TypeResolutionError } from '../../cosi/index.js';
import { describeTalosVersion } from '../../extensions/talos-versions.js';
import { formatMultierror } from '../../gofmt/index.js';
import {
  createResourceWriter,
  isJsonPathResultError,
  isOutputError,
  OutputError,
  type ResourceWriter,
} from '../../printers/index.js';
import { type CliContext, CliExit } from '../cli-context.js';
import type { SimulationOptions } from '../simulation-options.js';
import {
  clientVersionWarning,
  type TalosctlBehaviour,
  talosctlBehaviour,
  talosctlRelease,
} from '../talosctl-release.js';

export interface GetOptions extends SimulationOptions {
  readonly namespace?: string;
  readonly output: string;
  readonly watch?: boolean;
}

/** A message as the command ends with it: cobra's usage follows some (node-command-errors.ts, withUsageQuirk). */
export type Usage = (message: string) => string;

/** A node as `sim get` reads it: its address, release and resource API (reads only). */
export interface ReadableNode {
  readonly address: string;
  readonly talosVersion: string;
  readonly resources: {
    definitions(): Promise<ResourceDefinitionSpec[]>;
    list(namespace: string, type: string): Promise<Resource[]>;
    get(namespace: string, type: string, id: string): Promise<Resource>;
  };
}

/** What every `get` works out before it prints a resource: the writer (its header written), type and namespace. */
export interface GetPlan {
  readonly writer: ResourceWriter;
  readonly rd: ResourceDefinitionSpec;
  readonly namespace: string;
  readonly talosctl: TalosctlBehaviour;
}

/** talosctl's steps before the first resource: client warning, output writer, type resolution, header. */
export async function planGet(
  ctx: CliContext,
  nodes: readonly ReadableNode[],
  type: string,
  id: string | undefined,
  opts: GetOptions,
): Promise<GetPlan> {
  const first = nodes[0] as ReadableNode;
  const talosctl = talosctlBehaviour(talosctlRelease(nodes, opts.talosctlVersion));
  const warning = talosctl.versionCheck ? clientVersionWarning(nodes, talosctl.release) : undefined;
  if (warning !== undefined) ctx.io.stderr(warning);
  // machined of each node marshals its specs (quoting); talosctl re-encodes them (literal headers, folding)
  const served = new Map(nodes.map((node) => [node.address, describeTalosVersion(node.talosVersion).goYaml]));
  const flavour = talosctl.release.goYaml;
  const singleWatch = opts.watch === true && id !== undefined;
  let writer: ResourceWriter;
  try {
    if (opts.output.startsWith('jsonpath=') && !talosctl.jsonPathOutput)
      throw OutputError.unsupportedFormat(opts.output);
    writer = createResourceWriter(opts.output, {
      out: (chunk) => ctx.io.stdout(chunk),
      flavour,
      nodeFlavour: (address) => served.get(address) ?? flavour,
      bootstrapped: singleWatch && talosctl.singleWatchBootstrapped,
      machineConfigRepr: talosctl.machineConfigRepr,
    });
  } catch (err) {
    throw new CliExit(isOutputError(err) ? err.message : String(err));
  }
  const rd = await resolveType(first, type);
  const namespace = opts.namespace ?? rd.defaultNamespace;
  writer.writeHeader(rd, opts.watch === true);
  return { writer, rd, namespace, talosctl };
}

/**
 * Lists (or gets) the resources on every node and prints them; errors of one node do not stop the others and are
 * reported at the end, as talosctl does. `isFatal` errors (a snapshot that cannot answer) end it at once.
 */
export async function printResources(
  usage: Usage,
  nodes: readonly ReadableNode[],
  plan: GetPlan,
  id: string | undefined,
  isFatal: (err: unknown) => boolean = () => false,
): Promise<void> {
  const { writer, rd, namespace, talosctl } = plan;
  const errors: string[] = [];
  for (const node of nodes) {
    let resources: Resource[];
    try {
      resources =
        id === undefined
          ? await node.resources.list(namespace, rd.type)
          : [await node.resources.get(namespace, rd.type, id)];
    } catch (err) {
      if (isFatal(err)) throw err;
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
          throw new CliExit(usage((err as Error).message));
        }
        errors.push((err as Error).message);
      }
    }
  }
  writer.flush();
  if (errors.length === 0) return;
  // before v1.14.0-alpha.2 the per-node errors come back as one go-multierror, printed by cobra with Println
  throw new CliExit(usage(talosctl.prefixedNodeErrors ? errors.join('\n') : formatMultierror(errors)));
}

const typesByRelease = new Map<string, ReadonlyMap<string, ResourceType<unknown>>>();

/** The resource as the node's API hands it to talosctl: its release's type may marshal it differently (`served`). */
export function served(node: ReadableNode, resource: Resource): Resource {
  let types = typesByRelease.get(node.talosVersion);
  if (types === undefined) {
    types = new Map(talosResourceTypes(describeTalosVersion(node.talosVersion)).map((t) => [t.definition.type, t]));
    typesByRelease.set(node.talosVersion, types);
  }
  const type = types.get(resource.metadata.type);
  return type?.served === undefined ? resource : type.served(resource);
}

/** talosctl resolves the type on the first node: a case-insensitive match on RD id or alias. */
async function resolveType(node: ReadableNode, arg: string): Promise<ResourceDefinitionSpec> {
  try {
    return resolveResourceType(await node.resources.definitions(), arg);
  } catch (err) {
    if (err instanceof TypeResolutionError) throw new CliExit(new StatusError(err.code, err.message).message);
    throw err;
  }
}
