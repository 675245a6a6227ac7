// State = any CoreState plus the derived operations cosi's WrapCore writes once on top:
// UpdateWithConflicts, Modify, Teardown, finalizers, TeardownAndDestroy, WatchFor, teardown signals.
import { filter, firstValueFrom, type Observable } from 'rxjs';
import type { Kind, Pointer } from '../resource/pointer.js';
import { deepCopy, type Resource, resourceEqual } from '../resource/resource.js';
import type { CoreState } from './core-state.js';
import type { LoggedEvent } from './event-history.js';
import { isConflict, isNotFound, isOwnerConflict, isPhaseConflict, stateErrors } from './state-error.js';
import type { EventType, StateEvent } from './state-event.js';
import {
  type CreateOptions,
  type DestroyOptions,
  type ListOptions,
  type UpdateOptions,
  updateDefaults,
  type WatchKindOptions,
  type WatchOptions,
} from './state-options.js';

/** Mutates the copy it is given; may be async. */
export type Updater<S = unknown> = (resource: Resource<S>) => void | Promise<void>;

/** Conditions of WatchFor; all given conditions must hold. */
export interface WatchForCondition {
  readonly eventTypes?: readonly EventType[];
  readonly phases?: readonly Resource['metadata']['phase'][];
  readonly finalizersEmpty?: boolean;
  readonly predicate?: (resource: Resource) => boolean;
  /** Stops waiting (rejects with the signal's reason). */
  readonly signal?: AbortSignal;
}

export class State implements CoreState {
  constructor(readonly core: CoreState) {}

  get(pointer: Pointer): Promise<Resource> {
    return this.core.get(pointer);
  }
  list(kind: Kind, opts?: ListOptions): Promise<Resource[]> {
    return this.core.list(kind, opts);
  }
  create(resource: Resource, opts?: CreateOptions): Promise<void> {
    return this.core.create(resource, opts);
  }
  update(resource: Resource, opts?: UpdateOptions): Promise<void> {
    return this.core.update(resource, opts);
  }
  destroy(pointer: Pointer, opts?: DestroyOptions): Promise<void> {
    return this.core.destroy(pointer, opts);
  }
  watch(pointer: Pointer, opts?: WatchOptions): Observable<StateEvent> {
    return this.core.watch(pointer, opts);
  }
  watchKind(kind: Kind, opts?: WatchKindOptions): Observable<StateEvent> {
    return this.core.watchKind(kind, opts);
  }
  watchKindAggregated(kind: Kind, opts?: WatchKindOptions): Observable<StateEvent[]> {
    return this.core.watchKindAggregated(kind, opts);
  }
  /** The core's listenKind (see CoreState); undefined, listening to nothing, when the core has none. */
  listenToKind(
    kind: Kind,
    listener: (events: readonly LoggedEvent[]) => void,
    onOverrun: (error: Error) => void,
  ): (() => void) | undefined {
    return this.core.listenKind?.(kind, listener, onOverrun);
  }

  /**
   * Reads, applies fn to a copy and writes it back, retrying on plain version conflicts. Does not
   * write (no version bump, no event) when fn leaves the resource equal. Returns the result.
   */
  async updateWithConflicts<S>(pointer: Pointer, fn: Updater<S>, opts?: UpdateOptions): Promise<Resource<S>> {
    const current = (await this.core.get(pointer)) as Resource<S>;
    return this.#updateFrom(pointer, current, fn, updateDefaults(opts));
  }

  /** Creates `empty` after applying fn when it does not exist, otherwise updateWithConflicts. */
  async modify<S>(empty: Resource<S>, fn: Updater<S>, opts?: UpdateOptions): Promise<Resource<S>> {
    let current: Resource<S>;
    try {
      current = (await this.core.get(empty.metadata)) as Resource<S>;
    } catch (err) {
      if (!isNotFound(err)) throw err;
      await fn(empty);
      await this.core.create(empty, { owner: opts?.owner ?? '' });
      return empty;
    }
    return this.#updateFrom(empty.metadata, current, fn, updateDefaults(opts));
  }

  /** updateWithConflicts from a copy already read; re-reads only after a conflict. */
  async #updateFrom<S>(
    pointer: Pointer,
    first: Resource<S>,
    fn: Updater<S>,
    options: Required<UpdateOptions>,
  ): Promise<Resource<S>> {
    let current = first;
    for (;;) {
      if (options.expectedPhase !== 'any' && current.metadata.phase !== options.expectedPhase) {
        throw stateErrors.phaseConflict(current.metadata, options.expectedPhase);
      }
      const next = deepCopy(current);
      await fn(next);
      if (resourceEqual(current, next)) return next;
      try {
        await this.core.update(next, options);
        return next;
      } catch (err) {
        if (isConflict(err) && !isOwnerConflict(err) && !isPhaseConflict(err)) {
          current = (await this.core.get(pointer)) as Resource<S>;
          continue;
        }
        throw err;
      }
    }
  }

  /** Moves the resource to tearingDown (once); resolves whether it has no finalizers left. */
  async teardown(pointer: Pointer, opts?: DestroyOptions): Promise<boolean> {
    let current = await this.core.get(pointer);
    if (current.metadata.phase !== 'tearingDown') {
      current = await this.updateWithConflicts(
        current.metadata,
        (r) => {
          r.metadata.phase = 'tearingDown';
        },
        { owner: opts?.owner ?? '' },
      );
    }
    return current.metadata.finalizers.length === 0;
  }

  /** Adds finalizers under the resource's current owner, in any phase; a no-op when present. */
  async addFinalizer(pointer: Pointer, ...finalizers: string[]): Promise<void> {
    const current = await this.core.get(pointer);
    await this.updateWithConflicts(pointer, (r) => void r.metadata.addFinalizer(...finalizers), {
      owner: current.metadata.owner,
      expectedPhase: 'any',
    });
  }

  /** Removes finalizers under the resource's current owner, in any phase; a no-op when absent. */
  async removeFinalizer(pointer: Pointer, ...finalizers: string[]): Promise<void> {
    const current = await this.core.get(pointer);
    await this.updateWithConflicts(pointer, (r) => void r.metadata.removeFinalizer(...finalizers), {
      owner: current.metadata.owner,
      expectedPhase: 'any',
    });
  }

  /** Tears down, waits until the finalizers are gone (or someone else destroyed it), then destroys. */
  async teardownAndDestroy(pointer: Pointer, opts?: DestroyOptions & { readonly signal?: AbortSignal }): Promise<void> {
    if (!(await this.teardown(pointer, opts))) {
      const event = await this.#first(
        this.core
          .watch(pointer)
          .pipe(
            filter(
              (e) =>
                e.type === 'Destroyed' ||
                e.type === 'Errored' ||
                ((e.type === 'Created' || e.type === 'Updated') && e.resource.metadata.finalizers.length === 0),
            ),
          ),
        opts?.signal,
      );
      if (event.type === 'Errored') throw event.error;
      if (event.type === 'Destroyed') return;
    }
    await this.core.destroy(pointer, opts);
  }

  /** The first state of the resource (current or later) that meets every condition. */
  async watchFor(pointer: Pointer, condition: WatchForCondition): Promise<Resource> {
    const event = await this.#first(
      this.core.watch(pointer).pipe(
        filter((e) => {
          if (e.type === 'Errored') return true;
          if (condition.eventTypes && !condition.eventTypes.includes(e.type)) return false;
          if (condition.phases && !condition.phases.includes(e.resource.metadata.phase)) return false;
          if (condition.finalizersEmpty && e.resource.metadata.finalizers.length > 0) return false;
          return condition.predicate === undefined || condition.predicate(e.resource);
        }),
      ),
      condition.signal,
    );
    if (event.type === 'Errored') throw event.error;
    return event.resource;
  }

  /**
   * A signal that aborts when the resource enters tearingDown or is destroyed (cosi
   * ContextWithTeardown); `until` ends the watch early. The signal's reason is the watch error if any.
   */
  teardownSignal(pointer: Pointer, until?: AbortSignal): AbortSignal {
    const controller = new AbortController();
    const subscription = this.core.watch(pointer).subscribe({
      next: (e) => {
        if (e.type === 'Errored') controller.abort(e.error);
        else if (e.type === 'Destroyed' || e.resource.metadata.phase === 'tearingDown') controller.abort();
        if (controller.signal.aborted) queueMicrotask(() => subscription.unsubscribe());
      },
      error: (err: unknown) => controller.abort(err),
    });
    until?.addEventListener('abort', () => subscription.unsubscribe(), { once: true });
    return controller.signal;
  }

  async #first<T>(source: Observable<T>, signal: AbortSignal | undefined): Promise<T> {
    if (signal === undefined) return firstValueFrom(source);
    signal.throwIfAborted();
    return new Promise<T>((resolve, reject) => {
      const onAbort = (): void => {
        subscription.unsubscribe();
        reject(signal.reason);
      };
      const subscription = source.subscribe({
        next: (v) => {
          signal.removeEventListener('abort', onAbort);
          queueMicrotask(() => subscription.unsubscribe());
          resolve(v);
        },
        error: (err: unknown) => reject(err),
      });
      signal.addEventListener('abort', onAbort, { once: true });
    });
  }
}
