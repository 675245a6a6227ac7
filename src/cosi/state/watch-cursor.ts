// One subscriber's read position in a collection's event history. Delivery is synchronous by
// default (inside the write that produced the event) and never re-entrant: events written by a
// subscriber while it handles one are delivered after it returns, in order. With a scheduler,
// delivery is deferred and a subscriber can fall behind far enough to overrun the history.
import type { SchedulerLike } from 'rxjs';
import type { EventHistory, LoggedEvent } from './event-history.js';

export interface CursorSink {
  /** Events from the cursor's position up to the write position. */
  batch(events: readonly LoggedEvent[]): void;
  /** The cursor fell out of the history window; it is closed before this is called. */
  overrun(writePos: number, pos: number, capacity: number): void;
}

export class WatchCursor {
  #pos: number;
  #closed = false;
  #pumping = false;
  #scheduled = false;
  readonly #history: EventHistory;
  readonly #scheduler: SchedulerLike | undefined;
  readonly #sink: CursorSink;

  constructor(history: EventHistory, pos: number, sink: CursorSink, scheduler: SchedulerLike | undefined) {
    this.#history = history;
    this.#pos = pos;
    this.#sink = sink;
    this.#scheduler = scheduler;
  }

  get closed(): boolean {
    return this.#closed;
  }

  close(): void {
    this.#closed = true;
  }

  /** Runs `first` (initial events) before any logged event, then delivers what is pending. */
  start(first: () => void): void {
    const run = (): void => {
      this.#pumping = true;
      try {
        first();
      } finally {
        this.#pumping = false;
      }
      this.pump();
    };
    if (this.#scheduler === undefined) run();
    else this.#scheduler.schedule(run);
  }

  /** Called by the collection after each append. */
  notify(): void {
    if (this.#closed) return;
    if (this.#scheduler === undefined) {
      this.pump();
    } else if (!this.#scheduled) {
      this.#scheduled = true;
      this.#scheduler.schedule(() => {
        this.#scheduled = false;
        this.pump();
      });
    }
  }

  pump(): void {
    if (this.#pumping || this.#closed) return;
    this.#pumping = true;
    try {
      while (!this.#closed && this.#pos < this.#history.writePos) {
        const history = this.#history;
        if (history.overrun(this.#pos)) {
          this.#closed = true;
          this.#sink.overrun(history.writePos, this.#pos, history.capacity);
          return;
        }
        const events: LoggedEvent[] = [];
        for (; this.#pos < history.writePos; this.#pos++) events.push(history.at(this.#pos));
        this.#sink.batch(events);
      }
    } finally {
      this.#pumping = false;
    }
  }
}
