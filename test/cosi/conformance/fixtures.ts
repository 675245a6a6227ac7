// Shared inputs of the state conformance suites.
import type { SchedulerLike, Subscription } from 'rxjs';
import { type Observable, Subscription as RxSubscription } from 'rxjs';
import { newResource, type Resource, type State, type VirtualClock } from '../../../src/cosi/index.js';

export const NS = 'default';
export const TYPE = 'IntResources.test.cosi.dev';
export const KIND = { namespace: NS, type: TYPE } as const;

export interface StateUnderTest {
  readonly state: State;
  readonly clock: VirtualClock;
}

/** Makes a fresh, empty state on a virtual clock; the suites call it once per test. */
export type StateFactory = () => StateUnderTest;

export interface IntSpec {
  value: number;
  tags?: string[];
}

export function intResource(id: string, value = 0): Resource<IntSpec> {
  return newResource(NS, TYPE, id, { value });
}

export function ptr(id: string) {
  return { ...KIND, id };
}

/** Subscribes and records every value; `sub` ends it. */
export function record<T>(source: Observable<T>): {
  values: T[];
  errors: unknown[];
  sub: Subscription;
  done: () => boolean;
} {
  const values: T[] = [];
  const errors: unknown[] = [];
  let complete = false;
  const sub = source.subscribe({
    next: (v) => values.push(v),
    error: (e: unknown) => errors.push(e),
    complete: () => {
      complete = true;
    },
  });
  return { values, errors, sub, done: () => complete };
}

/** A scheduler that runs work only when flushed: lets a test make a subscriber fall behind. */
export class ManualScheduler implements SchedulerLike {
  readonly #queue: (() => void)[] = [];
  now(): number {
    return 0;
  }
  schedule<T>(work: (this: unknown, state?: T) => void, _delay?: number, state?: T): Subscription {
    this.#queue.push(() => work.call(undefined, state));
    return new RxSubscription();
  }
  flush(): void {
    while (this.#queue.length > 0) this.#queue.shift()?.();
  }
}

/** `type id@version` lines of events, for compact assertions. */
export function describeEvents(events: readonly { type: string; resource: Resource }[]): string[] {
  return events.map((e) => `${e.type} ${e.resource.metadata.id}@${e.resource.metadata.version ?? 'undefined'}`);
}
