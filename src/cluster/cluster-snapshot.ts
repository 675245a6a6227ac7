// What a cluster's nodes serve through their resource API at one moment, kept as data: per node its address,
// release, namespaces, resource definitions and every resource (metadata and spec). What a booted cluster serves is
// a pure function of its scenario, its boot time and talos-sim's code (whether the machine has the memory to boot it
// is not), so `sim` keeps the snapshot of a cluster it booted and answers the next `get` on the same inputs from it
// instead of booting again.
//
// An entry is `MAGIC`, a checksum of the payload (16 hex digits and a newline), then the payload: the key it was kept
// under and the nodes as plain-data JSON (plain-data-json.ts: specs are plain data, Dates and Maps included, as the
// state keeps them). Each node's resources are kept per namespace and type as JSON text of their own, decoded only
// when asked for: a `get` reads one group. A payload whose checksum does not match is refused before it is parsed;
// one kept under another key (the file name is only a hash of it) is refused after.
import { META_NAMESPACE, NamespaceResourceType } from '../cosi/meta/namespace.js';
import { Metadata, type Phase } from '../cosi/resource/metadata.js';
import type { Resource } from '../cosi/resource/resource.js';
import { type ResourceDefinitionSpec, resourceDefinitionId } from '../cosi/resource/resource-definition.js';
import { cloneSpec } from '../cosi/resource/spec-data.js';
import { accessError, argumentError } from '../node/resource-access.js';
import type { TalosNode } from '../node/talos-node.js';
import { checksum64 } from './checksum.js';
import { plainDataFromJson, plainDataToJson } from './plain-data-json.js';

/** Bumped whenever the layout of an entry changes. */
const MAGIC = Buffer.from('talos-sim cluster snapshot 3\n');
/** 16 hex digits and a newline. */
const CHECKSUM_BYTES = 17;

interface StoredResource {
  readonly namespace: string;
  readonly type: string;
  readonly id: string;
  readonly version: number | undefined;
  readonly owner: string;
  readonly phase: Phase;
  readonly created: number;
  readonly updated: number;
  readonly labels: readonly (readonly [string, string])[];
  readonly annotations: readonly (readonly [string, string])[];
  readonly finalizers: readonly string[];
  readonly spec: unknown;
}

interface StoredNode {
  readonly address: string;
  readonly talosVersion: string;
  readonly namespaces: readonly string[];
  readonly definitions: readonly ResourceDefinitionSpec[];
  /**
   * Every resource, by `<namespace> <type>` (neither has a space): the plain-data JSON of the group's resources
   * (StoredResource[]) in the API's list order. Empty groups are left out.
   */
  readonly groups: Readonly<Record<string, string>>;
}

/** The payload of an entry. */
export interface ClusterSnapshot {
  readonly nodes: readonly StoredNode[];
}

const groupKey = (namespace: string, type: string): string => `${namespace} ${type}`;

/**
 * A question the snapshot cannot answer as the node's API would (an id the node does not hold, an address not in
 * the cluster as written): the caller asks the booted cluster instead, which gives the node's own answer or error.
 */
export class SnapshotMiss extends Error {
  constructor(what: string) {
    super(`not in the snapshot: ${what}`);
    this.name = 'SnapshotMiss';
  }
}

/**
 * Reads every resource each node's API serves now (an os:admin client: sensitive types included); undefined as soon
 * as it is clear that the snapshot would be larger than `maxBytes` of JSON (a fleet whose first node alone tells).
 * Throws a PlainDataError when a spec is not plain data (then nothing can be kept).
 */
export async function captureClusterSnapshot(
  nodes: readonly TalosNode[],
  maxBytes = Number.POSITIVE_INFINITY,
): Promise<ClusterSnapshot | undefined> {
  const stored: StoredNode[] = [];
  let size = 0;
  for (const node of nodes) {
    const definitions = await node.resources.definitions();
    const namespaces = (await node.resources.list(META_NAMESPACE, NamespaceResourceType)).map((r) => r.metadata.id);
    const groups: Record<string, string> = {};
    for (const rd of definitions) {
      for (const namespace of namespaces) {
        const resources = await node.resources.list(namespace, rd.type);
        if (resources.length > 0) groups[groupKey(namespace, rd.type)] = plainDataToJson(resources.map(storedResource));
      }
    }
    stored.push({ address: node.address, talosVersion: node.talosVersion, namespaces, definitions, groups });
    size += Object.values(groups).reduce((bytes, text) => bytes + text.length, 0);
    // the nodes of a fleet are much alike: the first one's size times their number is a fair estimate
    if (size > maxBytes || (stored.length === 1 && size * nodes.length > maxBytes)) return undefined;
  }
  return { nodes: stored };
}

function storedResource(r: Resource): StoredResource {
  const md = r.metadata;
  return {
    namespace: md.namespace,
    type: md.type,
    id: md.id,
    version: md.version,
    owner: md.owner,
    phase: md.phase,
    created: md.created.getTime(),
    updated: md.updated.getTime(),
    labels: [...md.labels],
    annotations: [...md.annotations],
    finalizers: [...md.finalizers],
    spec: r.spec,
  };
}

/** An entry holding the snapshot under `key` (all that determines it, as text). */
export function encodeClusterSnapshot(key: string, snapshot: ClusterSnapshot): Uint8Array {
  const payload = plainDataToJson({ key, nodes: snapshot.nodes });
  return Buffer.concat([MAGIC, Buffer.from(`${checksum64(payload)}\n${payload}`)]);
}

/**
 * The snapshot an entry holds under `key`; undefined for anything else (another format, another key, a damaged or
 * truncated entry).
 */
export function decodeClusterSnapshot(bytes: Uint8Array, key: string): ClusterSnapshot | undefined {
  const data = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const head = MAGIC.length + CHECKSUM_BYTES;
  if (data.length < head || !data.subarray(0, MAGIC.length).equals(MAGIC)) return undefined;
  const payload = data.toString('utf8', head);
  if (data.toString('latin1', MAGIC.length, head) !== `${checksum64(payload)}\n`) return undefined;
  let value: unknown;
  try {
    value = plainDataFromJson(payload);
  } catch {
    return undefined;
  }
  return isSnapshot(value) && (value as { key?: unknown }).key === key ? { nodes: value.nodes } : undefined;
}

/** The shape checks a payload with a good checksum gets too (one written by a build that had another layout). */
function isSnapshot(value: unknown): value is ClusterSnapshot {
  const nodes = (value as { nodes?: unknown } | null)?.nodes;
  return (
    Array.isArray(nodes) &&
    nodes.every(
      (n: Partial<StoredNode> | null) =>
        typeof n?.address === 'string' &&
        typeof n.talosVersion === 'string' &&
        Array.isArray(n.namespaces) &&
        Array.isArray(n.definitions) &&
        typeof n.groups === 'object' &&
        n.groups !== null &&
        Object.values(n.groups).every((g) => typeof g === 'string'),
    )
  );
}

/** A node as the snapshot shows it: what `sim get` reads from a node, answered from the snapshot. */
export class SnapshotNode {
  readonly address: string;
  readonly talosVersion: string;
  readonly resources: SnapshotResources;

  constructor(stored: StoredNode) {
    this.address = stored.address;
    this.talosVersion = stored.talosVersion;
    this.resources = new SnapshotResources(stored);
  }
}

/**
 * The reads of a node's resource API as an os:admin client (sim's) makes them: refused in the API's words, answered
 * from the snapshot, or a SnapshotMiss for what it cannot answer as the API would.
 */
export class SnapshotResources {
  readonly #stored: StoredNode;
  readonly #decoded = new Map<string, StoredResource[]>();

  constructor(stored: StoredNode) {
    this.#stored = stored;
  }

  async definitions(): Promise<ResourceDefinitionSpec[]> {
    return [...this.#stored.definitions];
  }

  async list(namespace: string, type: string): Promise<Resource[]> {
    return this.#group(namespace, type, 'list').map(restore);
  }

  async get(namespace: string, type: string, id: string): Promise<Resource> {
    const found = this.#group(namespace, type, 'get').find((r) => r.id === id);
    if (found === undefined) throw new SnapshotMiss(`${type} ${namespace}/${id}`);
    return restore(found);
  }

  #group(namespace: string, type: string, verb: 'get' | 'list'): StoredResource[] {
    const invalid = argumentError(namespace, type);
    if (invalid !== undefined) throw invalid;
    const id = resourceDefinitionId(type);
    const definition = this.#stored.definitions.find((rd) => resourceDefinitionId(rd.type) === id);
    const denied = accessError(
      { namespace, type, verb },
      'os:admin',
      definition,
      this.#stored.namespaces.includes(namespace),
    );
    if (denied !== undefined) throw denied;
    const key = groupKey(namespace, type);
    let group = this.#decoded.get(key);
    if (group === undefined) {
      const text = Object.hasOwn(this.#stored.groups, key) ? this.#stored.groups[key] : undefined;
      group = text === undefined ? [] : (plainDataFromJson(text) as StoredResource[]);
      this.#decoded.set(key, group);
    }
    return group;
  }
}

/** A stored resource as the API hands it out: a fresh copy each time, as the state's reads are. */
function restore(r: StoredResource): Resource {
  const metadata = new Metadata({
    namespace: r.namespace,
    type: r.type,
    id: r.id,
    version: r.version,
    owner: r.owner,
    phase: r.phase,
    created: new Date(r.created),
    updated: new Date(r.updated),
    labels: r.labels,
    annotations: r.annotations,
    finalizers: r.finalizers,
  });
  return { metadata, spec: cloneSpec(r.spec) };
}

/** The snapshot's nodes with these addresses, as given (undefined: all); an address not in it is a SnapshotMiss. */
export function snapshotNodes(snapshot: ClusterSnapshot, addresses: readonly string[] | undefined): SnapshotNode[] {
  const nodes = snapshot.nodes.map((n) => new SnapshotNode(n));
  if (addresses === undefined) return nodes;
  return addresses.map((address) => {
    const node = nodes.find((n) => n.address === address);
    if (node === undefined) throw new SnapshotMiss(`node ${address}`);
    return node;
  });
}
