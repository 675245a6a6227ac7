// Resource metadata (cosi resource.Metadata): identity, version, owner, phase, timestamps,
// labels, annotations and finalizers, with the equality cosi uses to detect no-op writes.
import { type Reference, referenceString } from './pointer.js';

export type Phase = 'running' | 'tearingDown';

export interface MetadataInit {
  readonly namespace: string;
  readonly type: string;
  readonly id: string;
  readonly version?: number | undefined;
  readonly owner?: string;
  readonly phase?: Phase;
  readonly created?: Date;
  readonly updated?: Date;
  readonly labels?: Iterable<readonly [string, string]>;
  readonly annotations?: Iterable<readonly [string, string]>;
  readonly finalizers?: Iterable<string>;
}

const EPOCH = new Date(0);
const NONE: ReadonlyMap<string, string> = new Map();

/** A copy of the pairs, or nothing when there are none (most resources have no labels or annotations). */
function pairs(init: Iterable<readonly [string, string]> | undefined): Map<string, string> | undefined {
  if (init === undefined) return undefined;
  const map = new Map(init);
  return map.size === 0 ? undefined : map;
}

export class Metadata implements Reference {
  readonly namespace: string;
  readonly type: string;
  readonly id: string;
  version: number | undefined;
  /** Controller that manages the resource; '' = unowned. Set once (see setOwner). */
  owner: string;
  phase: Phase;
  // kept as milliseconds (a Date per timestamp was a tenth of a fleet node's memory); read as a new Date each time
  #created: number;
  #updated: number;
  // made on first use: a fleet holds hundreds of thousands of metadata, nearly all without either
  #labels: Map<string, string> | undefined;
  #annotations: Map<string, string> | undefined;
  /** Ordered as added (for display); compared as a set. */
  readonly finalizers: string[];

  constructor(init: MetadataInit) {
    this.namespace = init.namespace;
    this.type = init.type;
    this.id = init.id;
    this.version = init.version;
    this.owner = init.owner ?? '';
    this.phase = init.phase ?? 'running';
    if (init instanceof Metadata) {
      this.#created = init.#created;
      this.#updated = init.#updated;
      this.#labels = pairs(init.#labels);
      this.#annotations = pairs(init.#annotations);
    } else {
      this.#created = (init.created ?? EPOCH).getTime();
      this.#updated = init.updated === undefined ? this.#created : init.updated.getTime();
      this.#labels = pairs(init.labels);
      this.#annotations = pairs(init.annotations);
    }
    this.finalizers = [...(init.finalizers ?? [])];
  }

  get created(): Date {
    return new Date(this.#created);
  }

  set created(at: Date) {
    this.#created = at.getTime();
  }

  get updated(): Date {
    return new Date(this.#updated);
  }

  set updated(at: Date) {
    this.#updated = at.getTime();
  }

  get labels(): Map<string, string> {
    this.#labels ??= new Map();
    return this.#labels;
  }

  get annotations(): Map<string, string> {
    this.#annotations ??= new Map();
    return this.#annotations;
  }

  copy(): Metadata {
    return new Metadata(this);
  }

  /** Sets the owner; succeeds only when unset or unchanged (cosi SetOwner). Returns false on conflict. */
  setOwner(owner: string): boolean {
    if (this.owner !== '' && this.owner !== owner) return false;
    this.owner = owner;
    return true;
  }

  /** Adds finalizers; returns whether anything changed. */
  addFinalizer(...finalizers: string[]): boolean {
    let changed = false;
    for (const f of finalizers) {
      if (!this.finalizers.includes(f)) {
        this.finalizers.push(f);
        changed = true;
      }
    }
    return changed;
  }

  /** Removes finalizers; returns whether anything changed. */
  removeFinalizer(...finalizers: string[]): boolean {
    let changed = false;
    for (const f of finalizers) {
      const at = this.finalizers.indexOf(f);
      if (at >= 0) {
        this.finalizers.splice(at, 1);
        changed = true;
      }
    }
    return changed;
  }

  /** Equality as cosi defines it: everything but created/updated; finalizers as a set. */
  equal(other: Metadata): boolean {
    return (
      this.namespace === other.namespace &&
      this.type === other.type &&
      this.id === other.id &&
      this.version === other.version &&
      this.owner === other.owner &&
      this.phase === other.phase &&
      mapsEqual(this.#labels ?? NONE, Metadata.#labelsOf(other)) &&
      mapsEqual(this.#annotations ?? NONE, Metadata.#annotationsOf(other)) &&
      sameSet(this.finalizers, other.finalizers)
    );
  }

  /** The fields as plain data (times as Dates, labels and annotations as objects), for JSON.stringify. */
  toJSON(): Record<string, unknown> {
    return {
      namespace: this.namespace,
      type: this.type,
      id: this.id,
      version: this.version,
      owner: this.owner,
      phase: this.phase,
      created: this.created,
      updated: this.updated,
      labels: Object.fromEntries(this.#labels ?? NONE),
      annotations: Object.fromEntries(this.#annotations ?? NONE),
      finalizers: this.finalizers,
    };
  }

  /**
   * `[object Metadata]`: tools that copy plain objects field by field (vitest's error processing clones a failed
   * comparison's values before diffing them) keep a Metadata as it is, so its diff shows the times and labels its
   * private fields hold.
   */
  get [Symbol.toStringTag](): string {
    return 'Metadata';
  }

  /** What console.log and util.inspect show: the fields, as toJSON gives them (some are not own properties). */
  [Symbol.for('nodejs.util.inspect.custom')](): Record<string, unknown> {
    return this.toJSON();
  }

  /** `Type(ns/id@version)`. */
  toString(): string {
    return referenceString(this);
  }

  /** Another metadata's labels without making its map; one from another copy of this module is read by its getter. */
  static #labelsOf(md: Metadata): ReadonlyMap<string, string> {
    return #labels in md ? (md.#labels ?? NONE) : (md as { labels: ReadonlyMap<string, string> }).labels;
  }

  static #annotationsOf(md: Metadata): ReadonlyMap<string, string> {
    return #annotations in md
      ? (md.#annotations ?? NONE)
      : (md as { annotations: ReadonlyMap<string, string> }).annotations;
  }
}

function mapsEqual(a: ReadonlyMap<string, string>, b: ReadonlyMap<string, string>): boolean {
  if (a.size !== b.size) return false;
  for (const [k, v] of a) if (b.get(k) !== v) return false;
  return true;
}

function sameSet(a: readonly string[], b: readonly string[]): boolean {
  const sa = new Set(a);
  const sb = new Set(b);
  if (sa.size !== sb.size) return false;
  for (const x of sa) if (!sb.has(x)) return false;
  return true;
}
