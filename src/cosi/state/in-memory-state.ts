// The in-memory CoreState: one ResourceCollection per (namespace, type), created on first use
// (cosi namespaced + inmem). Talos sizes every collection's history with TALOS_HISTORY.
import type { Observable } from 'rxjs';
import type { Clock } from '../clock/clock.js';
import { type Random, systemRandom } from '../clock/random.js';
import type { Kind, Pointer } from '../resource/pointer.js';
import type { Resource } from '../resource/resource.js';
import type { CoreState } from './core-state.js';
import { BookmarkCodec, type HistorySizing, type LoggedEvent, TALOS_HISTORY } from './event-history.js';
import { type CollectionSnapshot, ResourceCollection } from './resource-collection.js';
import type { StateEvent } from './state-event.js';
import {
  type CreateOptions,
  type DestroyOptions,
  type ListOptions,
  type UpdateOptions,
  updateDefaults,
  type WatchKindOptions,
  type WatchOptions,
} from './state-options.js';

export interface InMemoryStateOptions {
  /** Source of created/updated timestamps. */
  readonly clock: Clock;
  /** Source of the bookmark cookie. Default: Math.random. */
  readonly random?: Random;
  /** Event history sizing of every collection. Default: TALOS_HISTORY (8 → 1024, gap 4). */
  readonly history?: HistorySizing;
}

export class InMemoryState implements CoreState {
  readonly #collections = new Map<string, ResourceCollection>();
  readonly #clock: Clock;
  readonly #history: HistorySizing;
  readonly #codec: BookmarkCodec;

  constructor(opts: InMemoryStateOptions) {
    this.#clock = opts.clock;
    this.#history = opts.history ?? TALOS_HISTORY;
    this.#codec = new BookmarkCodec(opts.random ?? systemRandom);
  }

  /** Whether nothing was ever stored or watched here. */
  get empty(): boolean {
    return this.#collections.size === 0;
  }

  /**
   * Every collection's resources and event history, in the order the collections were made: what another state
   * continues from (restore). Bookmarks stay the state's own (its cookie); watchers are not copied.
   */
  snapshot(): readonly CollectionSnapshot[] {
    return [...this.#collections.values()].map((c) => c.snapshot());
  }

  /** Continues from a snapshot of another state; this state must be empty. */
  restore(snapshot: readonly CollectionSnapshot[]): void {
    if (!this.empty) throw new Error('cannot restore a state that is in use');
    for (const c of snapshot) this.#collection(c).restore(c);
  }

  async get(pointer: Pointer): Promise<Resource> {
    return this.#collection(pointer).get(pointer.id);
  }

  async list(kind: Kind, opts?: ListOptions): Promise<Resource[]> {
    return this.#collection(kind).list(opts);
  }

  async create(resource: Resource, opts?: CreateOptions): Promise<void> {
    this.#collection(resource.metadata).create(resource, opts?.owner ?? '');
  }

  async update(resource: Resource, opts?: UpdateOptions): Promise<void> {
    this.#collection(resource.metadata).update(resource, updateDefaults(opts));
  }

  async destroy(pointer: Pointer, opts?: DestroyOptions): Promise<void> {
    this.#collection(pointer).destroy(pointer, opts?.owner ?? '');
  }

  watch(pointer: Pointer, opts?: WatchOptions): Observable<StateEvent> {
    return this.#collection(pointer).watch(pointer.id, opts);
  }

  watchKind(kind: Kind, opts?: WatchKindOptions): Observable<StateEvent> {
    return this.#collection(kind).watchKind(opts);
  }

  /** A collection's events from now on, as stored (see ResourceCollection.listen). */
  listenKind(
    kind: Kind,
    listener: (events: readonly LoggedEvent[]) => void,
    onOverrun: (error: Error) => void,
  ): () => void {
    return this.#collection(kind).listen(listener, onOverrun);
  }

  watchKindAggregated(kind: Kind, opts?: WatchKindOptions): Observable<StateEvent[]> {
    return this.#collection(kind).watchKindAggregated(opts);
  }

  #collection(kind: Kind): ResourceCollection {
    const key = `${kind.namespace}\u0000${kind.type}`;
    let collection = this.#collections.get(key);
    if (collection === undefined) {
      collection = new ResourceCollection(kind.namespace, kind.type, this.#history, this.#codec, this.#clock);
      this.#collections.set(key, collection);
    }
    return collection;
  }
}
