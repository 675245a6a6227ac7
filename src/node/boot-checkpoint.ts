// What a converged first boot leaves, as data a node of the same boot continues from instead of running machined's
// controllers to the same result (fleets: thousands of nodes of one boot asset). A checkpoint holds the COSI state,
// the mount table and the tmpfs contents, the log lines of the boot, where every controller and host service is,
// and the node identity the boot generated. Resources, events and log entries are shared, never changed.
//
// A node differs from another of the same boot only by its identity: the NodeID its random source draws (32 draws,
// after the 8 of its state's bookmark cookie) and the forms made of it (machine ID, NVMe host ID). withIdentity()
// rewrites a checkpoint for another identity wherever those strings occur (each is at least 32 random characters:
// they occur nowhere by chance). Whether that is all a node's identity changes is not assumed: describeCheckpoint()
// prints a checkpoint canonically, and BootForks uses a checkpoint only once it matched a real boot of another
// identity.
import { convertMachineId, generateNodeId } from '../../controllers/identity-adapter.js';
import { nvmeHostId } from '../../controllers/nqn-controller.js';
import { type CollectionSnapshot, deepCopy, type LoggedEvent, type Random, type Resource } from '../cosi/index.js';
import type { Filesystem, MountTableSnapshot, TmpfsSnapshot } from '../overlayfs-sim/index.js';
import type { NodeLogEntry } from './node-log.js';

/** The node identity a boot generated: its NodeID, then every form made of it (machine ID, NVMe host ID). */
export interface BootIdentity {
  readonly nodeId: string;
  readonly forms: readonly string[];
}

/** The identity of a NodeID, with the forms machined's controllers derive from it. */
export function identityOf(nodeId: string): BootIdentity {
  const machineId = convertMachineId(nodeId);
  return { nodeId, forms: [nodeId, machineId, nvmeHostId(machineId)] };
}

export interface BootCheckpoint {
  readonly state: readonly CollectionSnapshot[];
  readonly mounts: MountTableSnapshot;
  /** Content of the tmpfs mounts, by mount point. */
  readonly tmpfs: ReadonlyMap<string, TmpfsSnapshot>;
  /**
   * What each filesystem of the mount snapshot stands for: the mount point of the node's own mount of it when its
   * filesystem was mounted (`/`, `/etc/extensions.yaml`, `/system`…). The snapshot holds placeholders, never a node's
   * filesystems: a node continuing from it uses its own, and the checkpoint keeps no node's files alive.
   */
  readonly roles: ReadonlyMap<Filesystem, string>;
  /** What the boot logged after its boot media were mounted. */
  readonly log: readonly NodeLogEntry[];
  /** Where each subsystem is (the controllers, the host services), in start order. */
  readonly subsystems: readonly unknown[];
  /** The identity the boot generated (undefined: it loaded one, or drew nothing). */
  readonly identity: BootIdentity | undefined;
}

/** The identity a node draws from its random source, as NodeIdentityController draws it at a first boot. */
export function drawIdentity(random: Random): BootIdentity {
  return identityOf(generateNodeId(random));
}

/** The checkpoint as the boot of a node of another identity would have left it. */
export function withIdentity(checkpoint: BootCheckpoint, identity: BootIdentity): BootCheckpoint {
  const from = checkpoint.identity;
  if (from === undefined) return checkpoint;
  const pairs = identityPairs(from, identity);
  const swap = (s: string): string => {
    let out = s;
    for (const [a, b] of pairs) if (out.includes(a)) out = out.replaceAll(a, b);
    return out;
  };
  const at = identitySites(checkpoint, from);
  return {
    ...checkpoint,
    state: checkpoint.state.map((c, i) => (at.collections.has(i) ? collectionWith(c, swap) : c)),
    log: at.log.size === 0 ? checkpoint.log : checkpoint.log.map((e, i) => (at.log.has(i) ? entryWith(e, swap) : e)),
    identity,
  };
}

/** Where a checkpoint holds its identity: the collections and log lines to rewrite (found once per checkpoint). */
interface IdentitySites {
  readonly collections: ReadonlySet<number>;
  readonly log: ReadonlySet<number>;
}

const sitesOf = new WeakMap<BootCheckpoint, IdentitySites>();

function identitySites(checkpoint: BootCheckpoint, identity: BootIdentity): IdentitySites {
  let sites = sitesOf.get(checkpoint);
  if (sites === undefined) {
    // a string holding a form maps to another string: the value comes back as a new object
    const holds = (value: unknown): boolean =>
      mapStrings(value, (s) => (identity.forms.some((form) => s.includes(form)) ? '' : s)) !== value;
    const collections = new Set<number>();
    for (const [i, c] of checkpoint.state.entries()) {
      const events = c.history.stream.flatMap((e) => (e === undefined ? [] : [e.resource, e.old]));
      if ([...c.resources.values(), ...events].some((r) => r !== undefined && holds(r.spec))) collections.add(i);
    }
    const log = new Set<number>();
    for (const [i, e] of checkpoint.log.entries()) if (holds(e.message) || holds(e.fields)) log.add(i);
    sites = { collections, log };
    sitesOf.set(checkpoint, sites);
  }
  return sites;
}

/** The tmpfs content transform of a node of another identity (applied when its copy is made). */
export function contentWithIdentity(
  from: BootIdentity | undefined,
  to: BootIdentity | undefined,
): ((data: Buffer) => Buffer) | undefined {
  if (from === undefined || to === undefined || from.nodeId === to.nodeId) return undefined;
  const pairs = identityPairs(from, to);
  return (data) => {
    if (!pairs.some(([form]) => data.includes(form))) return data;
    let text = data.toString('latin1');
    for (const [form, replacement] of pairs) text = text.replaceAll(form, replacement);
    return Buffer.from(text, 'latin1');
  };
}

/** Each form of one identity with the same form of another. */
function identityPairs(from: BootIdentity, to: BootIdentity): readonly (readonly [string, string])[] {
  return from.forms.map((form, i) => [form, to.forms[i] ?? ''] as const);
}

function collectionWith(c: CollectionSnapshot, swap: (s: string) => string): CollectionSnapshot {
  const replaced = new Map<Resource, Resource>();
  const resources = new Map<string, Resource>();
  const rewrite = (r: Resource): Resource => {
    let out = replaced.get(r);
    if (out === undefined) {
      const spec = mapStrings(r.spec, swap);
      out = spec === r.spec ? r : { ...deepCopy(r), spec };
      replaced.set(r, out);
    }
    return out;
  };
  for (const [id, r] of c.resources) resources.set(id, rewrite(r));
  const stream = c.history.stream.map((e): LoggedEvent | undefined => {
    if (e === undefined) return e;
    const resource = rewrite(e.resource);
    const old = e.old === undefined ? undefined : rewrite(e.old);
    return resource === e.resource && old === e.old ? e : { ...e, resource, old };
  });
  return { ...c, resources, history: { ...c.history, stream } };
}

function entryWith(e: NodeLogEntry, swap: (s: string) => string): NodeLogEntry {
  const message = swap(e.message);
  const fields = mapStrings(e.fields, swap);
  return message === e.message && fields === e.fields ? e : { ...e, message, fields };
}

/** Plain data with every string mapped; the same object where nothing changed. */
function mapStrings<T>(value: T, fn: (s: string) => string): T {
  if (typeof value === 'string') return fn(value) as T;
  if (typeof value !== 'object' || value === null || ArrayBuffer.isView(value) || value instanceof Date) return value;
  if (Array.isArray(value)) {
    const out = value.map((v) => mapStrings(v, fn));
    return (out.some((v, i) => v !== value[i]) ? out : value) as T;
  }
  if (Object.getPrototypeOf(value) !== Object.prototype) return value;
  let out: Record<string, unknown> | undefined;
  for (const [k, v] of Object.entries(value)) {
    const m = mapStrings(v, fn);
    if (m !== v) {
      out ??= { ...(value as Record<string, unknown>) };
      out[k] = m;
    }
  }
  return (out ?? value) as T;
}

/** The node's own filesystems for the placeholders of a checkpoint's mount table (undefined: it lacks one). */
export function filesystemMapping(
  checkpoint: BootCheckpoint,
  own: ReadonlyMap<string, Filesystem>,
): Map<Filesystem, Filesystem> | undefined {
  const map = new Map<Filesystem, Filesystem>();
  for (const [placeholder, role] of checkpoint.roles) {
    const mine = own.get(role);
    if (mine === undefined) return undefined;
    map.set(placeholder, mine);
  }
  return map;
}

/**
 * A mount table snapshot whose filesystems are replaced by placeholders naming their roles; undefined when one of
 * them has no role (a filesystem mounted after the node's own mounts were made).
 */
export function placeholderMounts(
  mounts: MountTableSnapshot,
  own: ReadonlyMap<string, Filesystem>,
): { readonly mounts: MountTableSnapshot; readonly roles: ReadonlyMap<Filesystem, string> } | undefined {
  const roleOf = new Map([...own].map(([role, fs]) => [fs, role] as const));
  const placeholders = new Map<Filesystem, Filesystem>();
  const roles = new Map<Filesystem, string>();
  const stand = (fs: Filesystem): Filesystem | undefined => {
    let placeholder = placeholders.get(fs);
    const role = roleOf.get(fs);
    if (placeholder === undefined && role !== undefined) {
      // only ever a key: a frozen object that is no filesystem
      placeholder = Object.freeze({ role }) as unknown as Filesystem;
      placeholders.set(fs, placeholder);
      roles.set(placeholder, role);
    }
    return placeholder;
  };
  const list = [];
  for (const m of mounts.mounts) {
    const filesystem = stand(m.filesystem);
    if (filesystem === undefined) return undefined;
    list.push({ ...m, filesystem });
  }
  const devs = new Map<Filesystem, number>();
  for (const [fs, dev] of mounts.devs) {
    const placeholder = stand(fs);
    if (placeholder === undefined) return undefined;
    devs.set(placeholder, dev);
  }
  return { mounts: { mounts: list, devs, nextId: mounts.nextId }, roles };
}
