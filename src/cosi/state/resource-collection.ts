// All resources of one (namespace, type) in memory, with their event history and watchers
// (cosi inmem ResourceCollection). Everything crossing its boundary is copied.
import { Observable, type SchedulerLike, type Subscriber } from 'rxjs';
import { compareGoStrings } from '../../gofmt/index.js';
import type { Clock } from '../clock/clock.js';
import { idQueryMatches, labelQueriesMatch } from '../resource/label-query.js';
import type { Metadata } from '../resource/metadata.js';
import type { Pointer } from '../resource/pointer.js';
import { deepCopy, type Resource, Tombstone } from '../resource/resource.js';
import {
  type BookmarkCodec,
  EventHistory,
  type HistorySizing,
  type HistorySnapshot,
  type LoggedEvent,
} from './event-history.js';
import { stateErrors } from './state-error.js';
import type { EventType, StateEvent } from './state-event.js';
import type { ListOptions, UpdateOptions, WatchKindOptions, WatchOptions } from './state-options.js';
import { WatchCursor } from './watch-cursor.js';

/** A collection's resources and event history at one moment; resources and events are shared, never changed. */
export interface CollectionSnapshot {
  readonly namespace: string;
  readonly type: string;
  readonly resources: ReadonlyMap<string, Resource>;
  readonly history: HistorySnapshot;
}

export class ResourceCollection {
  readonly #storage = new Map<string, Resource>();
  readonly #history: EventHistory;
  readonly #cursors = new Set<WatchCursor>();

  constructor(
    readonly namespace: string,
    readonly type: string,
    sizing: HistorySizing,
    private readonly codec: BookmarkCodec,
    private readonly clock: Clock,
  ) {
    this.#history = new EventHistory(sizing);
  }

  /** Its resources and history now (stored resources are private and replaced, never changed: they are shared). */
  snapshot(): CollectionSnapshot {
    return {
      namespace: this.namespace,
      type: this.type,
      resources: new Map(this.#storage),
      history: this.#history.snapshot(),
    };
  }

  /** Continues from a snapshot: a new collection, with no watchers, that has stored nothing yet. */
  restore(snapshot: CollectionSnapshot): void {
    for (const [id, resource] of snapshot.resources) this.#storage.set(id, resource);
    this.#history.restore(snapshot.history);
  }

  get(id: string): Resource {
    const stored = this.#storage.get(id);
    if (stored === undefined) throw stateErrors.notFound({ ...this.#kind, id, version: undefined });
    return deepCopy(stored);
  }

  list(opts: ListOptions = {}): Resource[] {
    return [...this.#storage.values()]
      .filter((r) => this.#matches(r, opts))
      .sort((a, b) => compareGoStrings(a.metadata.id, b.metadata.id))
      .map(deepCopy);
  }

  create(resource: Resource, owner: string): void {
    const copy = deepCopy(resource);
    if (!copy.metadata.setOwner(owner)) throw stateErrors.ownerAlreadySet(copy.metadata.owner);
    if (this.#storage.has(copy.metadata.id)) throw stateErrors.alreadyExists(copy.metadata);
    const now = new Date(this.clock.now());
    copy.metadata.version = 1;
    copy.metadata.created = now;
    copy.metadata.updated = now;
    this.#storage.set(copy.metadata.id, copy);
    this.#publish({ type: 'Created', resource: copy });
    assignMetadata(resource.metadata, copy.metadata);
  }

  update(resource: Resource, opts: Required<UpdateOptions>): void {
    const copy = deepCopy(resource);
    const stored = this.#storage.get(copy.metadata.id);
    if (stored === undefined) throw stateErrors.notFound(copy.metadata);
    if (stored.metadata.owner !== opts.owner) throw stateErrors.ownerConflict(stored.metadata, stored.metadata.owner);
    if (stored.metadata.version !== copy.metadata.version) {
      throw stateErrors.versionConflict(stored.metadata, copy.metadata.version);
    }
    if (opts.expectedPhase !== 'any' && stored.metadata.phase !== opts.expectedPhase) {
      throw stateErrors.phaseConflict(stored.metadata, opts.expectedPhase);
    }
    copy.metadata.version = (stored.metadata.version ?? 0) + 1;
    copy.metadata.updated = new Date(this.clock.now());
    copy.metadata.created = stored.metadata.created;
    this.#storage.set(copy.metadata.id, copy);
    this.#publish({ type: 'Updated', resource: copy, old: stored });
    assignMetadata(resource.metadata, copy.metadata);
  }

  destroy(pointer: Pointer & { readonly version?: number | undefined }, owner: string): void {
    const stored = this.#storage.get(pointer.id);
    if (stored === undefined) throw stateErrors.notFound({ ...pointer, version: pointer.version });
    if (stored.metadata.owner !== owner) throw stateErrors.ownerConflict(stored.metadata, stored.metadata.owner);
    if (stored.metadata.finalizers.length > 0) throw stateErrors.pendingFinalizers(stored.metadata);
    this.#storage.delete(pointer.id);
    this.#publish({ type: 'Destroyed', resource: stored });
  }

  watch(id: string, opts: WatchOptions = {}): Observable<StateEvent> {
    return new Observable<StateEvent>((subscriber) => {
      const history = this.#history;
      let pos = history.writePos;
      let initial: StateEvent | undefined;
      if (opts.tailEvents !== undefined && opts.tailEvents > 0 && opts.startFromBookmark !== undefined) {
        subscriber.error(stateErrors.invalidOptions('cannot use both TailEvents and StartFromBookmark options'));
        return undefined;
      }
      if (opts.tailEvents !== undefined && opts.tailEvents > 0) {
        const minPos = history.oldestReplayable;
        for (let found = 0; pos > minPos && found < opts.tailEvents; pos--) {
          if (history.at(pos - 1).resource.metadata.id === id) found++;
        }
      } else if (opts.startFromBookmark !== undefined) {
        try {
          pos = this.#bookmarkPosition(opts.startFromBookmark, 0);
        } catch (err) {
          subscriber.error(err);
          return undefined;
        }
      } else {
        const stored = this.#storage.get(id);
        initial =
          stored === undefined
            ? { type: 'Destroyed', resource: new Tombstone({ ...this.#kind, id }) }
            : { type: 'Created', resource: deepCopy(stored) };
      }
      return this.#attach(subscriber, pos, opts.scheduler, {
        batch: (events) => {
          for (const e of events) if (e.resource.metadata.id === id) subscriber.next(this.#deliverable(e));
        },
        initial: () => {
          if (initial !== undefined) subscriber.next(initial);
        },
        errored: (event) => subscriber.next(event),
      });
    });
  }

  watchKind(opts: WatchKindOptions = {}): Observable<StateEvent> {
    return this.#watchAll(opts, (subscriber: Subscriber<StateEvent>, events) => {
      for (const e of events) subscriber.next(e);
    });
  }

  watchKindAggregated(opts: WatchKindOptions = {}): Observable<StateEvent[]> {
    return this.#watchAll(opts, (subscriber: Subscriber<StateEvent[]>, events) => {
      if (events.length > 0) subscriber.next(events);
    });
  }

  get #kind(): { namespace: string; type: string } {
    return { namespace: this.namespace, type: this.type };
  }

  #watchAll<T>(opts: WatchKindOptions, emit: (subscriber: Subscriber<T>, events: StateEvent[]) => void): Observable<T> {
    return new Observable<T>((subscriber) => {
      const history = this.#history;
      const tail = opts.tailEvents ?? 0;
      if (opts.bootstrapContents && (tail > 0 || opts.startFromBookmark !== undefined)) {
        subscriber.error(
          stateErrors.invalidOptions('cannot use BootstrapContents with TailEvents and StartFromBookmark options'),
        );
        return undefined;
      }
      if (tail > 0 && opts.startFromBookmark !== undefined) {
        subscriber.error(stateErrors.invalidOptions('cannot use both TailEvents and StartFromBookmark options'));
        return undefined;
      }
      let pos = history.writePos;
      if (tail > 0) {
        pos = Math.max(pos - Math.min(tail, history.capacity - history.gap), 0);
      } else if (opts.startFromBookmark !== undefined) {
        try {
          pos = this.#bookmarkPosition(opts.startFromBookmark, -1);
        } catch (err) {
          subscriber.error(err);
          return undefined;
        }
      }
      const start = pos;
      const snapshot = opts.bootstrapContents ? this.list(opts) : undefined;
      const marker = new Tombstone({ ...this.#kind, id: '' });
      return this.#attach(subscriber, pos, opts.scheduler, {
        batch: (events) => emit(subscriber, this.#filterKind(events, opts)),
        initial: () => {
          if (snapshot !== undefined) {
            const created = snapshot.map((resource): StateEvent => ({ type: 'Created', resource }));
            const bookmark = this.codec.encode(start - 1);
            emit(subscriber, [...created, { type: 'Bootstrapped', resource: marker, bookmark }]);
          }
          if (opts.bootstrapBookmark) {
            emit(subscriber, [{ type: 'Noop', resource: marker, bookmark: this.codec.encode(start - 1) }]);
          }
        },
        errored: (event) => emit(subscriber, [event]),
      });
    });
  }

  /** Label/id-filtered watches turn updates that change the match into Created/Destroyed. */
  #filterKind(events: readonly LoggedEvent[], opts: ListOptions): StateEvent[] {
    const out: StateEvent[] = [];
    for (const e of events) {
      const now = this.#matches(e.resource, opts);
      if (e.type !== 'Updated') {
        if (now) out.push(this.#deliverable(e));
        continue;
      }
      const before = e.old !== undefined && this.#matches(e.old, opts);
      if (now && before) out.push(this.#deliverable(e));
      else if (now) out.push(this.#deliverable(e, 'Created'));
      else if (before) out.push(this.#deliverable(e, 'Destroyed'));
    }
    return out;
  }

  /**
   * The events from now on, as stored (not copies: the listener must not change them), delivered inside the write
   * that made them, in the order watches see them. For a consumer inside the simulator that only reads them (the
   * controller runtime's input watches): no Observable, no copy per event.
   */
  listen(listener: (events: readonly LoggedEvent[]) => void, onOverrun: (error: Error) => void): () => void {
    const cursor = new WatchCursor(
      this.#history,
      this.#history.writePos,
      {
        batch: listener,
        // delivery is synchronous, so a listener falls behind only by writing more than the history holds itself
        overrun: (writePos, at, capacity) => {
          this.#cursors.delete(cursor);
          onOverrun(stateErrors.bufferOverrun(this.namespace, this.type, writePos, at, capacity));
        },
      },
      undefined,
    );
    this.#cursors.add(cursor);
    return () => {
      cursor.close();
      this.#cursors.delete(cursor);
    };
  }

  /** Registers a cursor at pos; delivers `initial` first, then logged events; ends with one Errored on overrun. */
  #attach<T>(
    subscriber: Subscriber<T>,
    pos: number,
    scheduler: SchedulerLike | undefined,
    handlers: {
      batch(events: readonly LoggedEvent[]): void;
      initial(): void;
      errored(event: StateEvent): void;
    },
  ): () => void {
    const cursor = new WatchCursor(
      this.#history,
      pos,
      {
        batch: handlers.batch,
        overrun: (writePos, at, capacity) => {
          const error = stateErrors.bufferOverrun(this.namespace, this.type, writePos, at, capacity);
          this.#cursors.delete(cursor);
          handlers.errored({ type: 'Errored', resource: new Tombstone({ ...this.#kind, id: '' }), error });
          subscriber.complete();
        },
      },
      scheduler,
    );
    this.#cursors.add(cursor);
    cursor.start(handlers.initial);
    return () => {
      cursor.close();
      this.#cursors.delete(cursor);
    };
  }

  #bookmarkPosition(bookmark: Uint8Array, lowest: number): number {
    const pos = this.codec.decode(bookmark);
    const history = this.#history;
    if (pos < history.writePos - history.capacity + history.gap || pos < lowest || pos >= history.writePos) {
      throw stateErrors.invalidBookmark();
    }
    return pos + 1;
  }

  /** A private copy of a logged event for one subscriber; `as` re-types it for filtered watches. */
  #deliverable(e: LoggedEvent, as: EventType = e.type): StateEvent {
    const keepOld = as === 'Updated' && e.old !== undefined;
    return {
      type: as,
      resource: deepCopy(e.resource),
      ...(keepOld ? { old: deepCopy(e.old as Resource) } : {}),
      bookmark: this.codec.encode(e.pos),
    };
  }

  #matches(r: Resource, opts: ListOptions): boolean {
    if (!idQueryMatches(opts.idQuery, r.metadata.id)) return false;
    // (reading metadata.labels makes its map: only when there is a query to ask it)
    return opts.labelQueries === undefined || labelQueriesMatch(opts.labelQueries, r.metadata.labels);
  }

  #publish(event: Omit<StateEvent, 'bookmark'>): void {
    this.#history.append(event);
    for (const cursor of [...this.#cursors]) cursor.notify();
  }
}

function assignMetadata(target: Metadata, source: Metadata): void {
  target.version = source.version;
  target.owner = source.owner;
  target.phase = source.phase;
  target.created = source.created;
  target.updated = source.updated;
}
