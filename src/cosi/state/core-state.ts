// The minimal interface a state implementation provides (cosi state.CoreState). Derived
// operations (Modify, Teardown, finalizers, WatchFor, …) are written once on top, in State.
import type { Observable } from 'rxjs';
import type { Kind, Pointer } from '../resource/pointer.js';
import type { Resource } from '../resource/resource.js';
import type { LoggedEvent } from './event-history.js';
import type { StateEvent } from './state-event.js';
import type {
  CreateOptions,
  DestroyOptions,
  ListOptions,
  UpdateOptions,
  WatchKindOptions,
  WatchOptions,
} from './state-options.js';

export interface CoreState {
  /** A copy of the stored resource; rejects with a notFound StateError. */
  get(pointer: Pointer): Promise<Resource>;
  /** Copies of the matching resources, sorted by id (string order). An unknown kind is simply empty. */
  list(kind: Kind, opts?: ListOptions): Promise<Resource[]>;
  /** Stores a copy with version 1; on success the caller's metadata is updated to the stored one. */
  create(resource: Resource, opts?: CreateOptions): Promise<void>;
  /** Optimistic update: the caller's version must be the stored one; the store bumps it. */
  update(resource: Resource, opts?: UpdateOptions): Promise<void>;
  /** Removes the resource; refused while it has finalizers. */
  destroy(pointer: Pointer, opts?: DestroyOptions): Promise<void>;
  /** The current state of one id (or a Destroyed tombstone), then every later event of that id. */
  watch(pointer: Pointer, opts?: WatchOptions): Observable<StateEvent>;
  /** Events of a whole kind; see WatchKindOptions for bootstrap and replay. */
  watchKind(kind: Kind, opts?: WatchKindOptions): Observable<StateEvent>;
  /** As watchKind, delivering every batch of pending events as one array. */
  watchKindAggregated(kind: Kind, opts?: WatchKindOptions): Observable<StateEvent[]>;
  /**
   * Optional: a kind's events from now on, as stored and inside the write (readers that change nothing, such as
   * the controller runtime's input watches); without it they watch with watchKind.
   */
  listenKind?(
    kind: Kind,
    listener: (events: readonly LoggedEvent[]) => void,
    onOverrun: (error: Error) => void,
  ): () => void;
}
