// The history of one service (events.ServiceEvents): a ring of the last 64 events, kept across stops and restarts,
// read oldest first. An event is its state, message, virtual timestamp and the health reported with it.
import type { ServiceState } from './service-state.js';

/** events.MaxEventsToKeep. */
export const MAX_EVENTS_TO_KEEP = 64;

export interface ServiceHealth {
  /** No health check result (always, for services without health checks). */
  readonly unknown: boolean;
  readonly healthy: boolean;
  readonly lastMessage: string;
}

export interface ServiceEvent {
  readonly state: ServiceState;
  readonly message: string;
  /** Milliseconds since the epoch, from the supervisor's clock. */
  readonly timestamp: number;
  readonly health: ServiceHealth;
}

export const UNKNOWN_HEALTH: ServiceHealth = Object.freeze({ unknown: true, healthy: false, lastMessage: '' });

export class ServiceEventRing {
  readonly #events: (ServiceEvent | undefined)[] = [];
  #pos = 0;
  #discarded = 0;

  push(event: ServiceEvent): void {
    if (this.#events[this.#pos] !== undefined) this.#discarded++;
    this.#events[this.#pos] = event;
    this.#pos = (this.#pos + 1) % MAX_EVENTS_TO_KEEP;
  }

  /** Up to `count` most recent events (at most 64), oldest first. */
  get(count: number = MAX_EVENTS_TO_KEEP): ServiceEvent[] {
    const n = Math.min(Math.max(0, count), MAX_EVENTS_TO_KEEP);
    const out: ServiceEvent[] = [];
    for (let k = n; k > 0; k--) {
      const e = this.#events[(this.#pos - k + MAX_EVENTS_TO_KEEP) % MAX_EVENTS_TO_KEEP];
      if (e !== undefined) out.push(e);
    }
    return out;
  }

  /** Events pushed out of the ring so far. */
  get discarded(): number {
    return this.#discarded;
  }

  get last(): ServiceEvent | undefined {
    return this.#events[(this.#pos - 1 + MAX_EVENTS_TO_KEEP) % MAX_EVENTS_TO_KEEP];
  }
}
