// The bounded event log of one collection (cosi inmem's ring buffer): a global write position,
// a capacity that doubles up to a maximum while the log is first filled, and a safety gap that
// replays (tail events, bookmarks) may not reach into.
import type { Random } from '../clock/random.js';
import { stateErrors } from './state-error.js';
import type { StateEvent } from './state-event.js';

export interface HistorySizing {
  /** Initial capacity (cosi default 100; Talos 8). */
  readonly initialCapacity: number;
  /** Capacity the log may grow to while first filled (cosi default 100; Talos 1024). */
  readonly maxCapacity: number;
  /** Margin replays keep from the oldest retained event (cosi default 5; Talos 4). */
  readonly gap: number;
}

export const COSI_HISTORY: HistorySizing = { initialCapacity: 100, maxCapacity: 100, gap: 5 };
export const TALOS_HISTORY: HistorySizing = { initialCapacity: 8, maxCapacity: 1024, gap: 4 };

/**
 * A stored event and its log position, from which its bookmark is encoded when the event is delivered (one shape
 * for every event: a fleet keeps hundreds of thousands of them).
 */
export interface LoggedEvent {
  readonly type: StateEvent['type'];
  readonly resource: StateEvent['resource'];
  readonly old: StateEvent['old'];
  readonly pos: number;
}

/** A history's log at one moment (its events are shared: they are never changed). */
export interface HistorySnapshot {
  readonly capacity: number;
  readonly stream: readonly (LoggedEvent | undefined)[];
  readonly writePos: number;
}

/** Bookmarks are 8 bytes of a per-state cookie and the big-endian log position. */
export class BookmarkCodec {
  readonly #cookie: Uint8Array;

  constructor(random: Random) {
    this.#cookie = Uint8Array.from({ length: 8 }, () => Math.floor(random.next() * 256));
  }

  encode(pos: number): Uint8Array {
    const out = new Uint8Array(16);
    out.set(this.#cookie, 0);
    new DataView(out.buffer).setBigInt64(8, BigInt(pos));
    return out;
  }

  decode(bookmark: Uint8Array): number {
    if (bookmark.length !== 16 || !this.#cookie.every((b, i) => bookmark[i] === b)) throw stateErrors.invalidBookmark();
    return Number(new DataView(bookmark.buffer, bookmark.byteOffset, 16).getBigInt64(8));
  }
}

export class EventHistory {
  readonly #sizing: HistorySizing;
  #capacity: number;
  #stream: (LoggedEvent | undefined)[];
  /** Number of events ever written; the next event goes to writePos % capacity. */
  writePos = 0;

  constructor(sizing: HistorySizing) {
    this.#sizing = sizing;
    this.#capacity = sizing.initialCapacity;
    this.#stream = new Array(this.#capacity);
  }

  get capacity(): number {
    return this.#capacity;
  }

  get gap(): number {
    return this.#sizing.gap;
  }

  /** The log as it is now: what restore() of another history starts from. */
  snapshot(): HistorySnapshot {
    return { capacity: this.#capacity, stream: this.#stream.slice(), writePos: this.writePos };
  }

  /** Continues from a snapshot (a history of the same sizing that has logged nothing yet). */
  restore(snapshot: HistorySnapshot): void {
    this.#capacity = snapshot.capacity;
    this.#stream = snapshot.stream.slice();
    this.#stream.length = snapshot.capacity;
    this.writePos = snapshot.writePos;
  }

  /** Appends an event at the next position. */
  append(event: Omit<StateEvent, 'bookmark'>): void {
    if (this.writePos === this.#capacity && this.#capacity < this.#sizing.maxCapacity) {
      this.#capacity = Math.min(this.#capacity * 2, this.#sizing.maxCapacity);
      this.#stream.length = this.#capacity;
    }
    const logged: LoggedEvent = { type: event.type, resource: event.resource, old: event.old, pos: this.writePos };
    this.#stream[this.writePos % this.#capacity] = logged;
    this.writePos++;
  }

  /** The event at an absolute position still inside the window. */
  at(pos: number): LoggedEvent {
    return this.#stream[pos % this.#capacity] as LoggedEvent;
  }

  /** Lowest position a replay may start from. */
  get oldestReplayable(): number {
    return Math.max(this.writePos - this.#capacity + this.#sizing.gap, 0);
  }

  /** Whether a reader at pos has fallen out of the window. */
  overrun(pos: number): boolean {
    return this.writePos - pos > this.#capacity;
  }
}
