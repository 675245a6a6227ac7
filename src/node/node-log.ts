// A node's log: what its init and machined print (`enabling system extension …`, controller failures, lifecycle
// lines), stamped with the node's clock and kept in a bounded ring, as the kernel's message buffer keeps them for
// `talosctl dmesg`. It is a Logger, so every component of the node writes to it through the usual interface.
import { type Observable, Subject } from 'rxjs';
import type { Clock, LogFields, Logger, LogLevel } from '../cosi/index.js';

export interface NodeLogEntry {
  /** Milliseconds since the epoch, from the node's clock. */
  readonly time: number;
  readonly level: LogLevel;
  readonly message: string;
  /** Structured fields (`component`, `controller`, `error`…), in the order they were added. */
  readonly fields: LogFields;
}

/**
 * The `component` of raw console output (a logToConsole service's lines): written to the kernel log as they are,
 * without machined's `[talos]` prefix or fields.
 */
export const CONSOLE_COMPONENT = 'console';

/** Default ring size: entries beyond it push the oldest out. */
export const DEFAULT_NODE_LOG_CAPACITY = 4096;

export interface NodeLogOptions {
  readonly clock: Clock;
  /** Default DEFAULT_NODE_LOG_CAPACITY. */
  readonly capacity?: number;
  /** Entries below this level are dropped. Default `info` (machined's console level). */
  readonly level?: LogLevel;
  /** Also receives every kept entry (an embedder's own logger). */
  readonly forward?: Logger;
}

const LEVELS: Readonly<Record<LogLevel, number>> = { debug: 0, info: 1, warn: 2, error: 3 };

export class NodeLog {
  readonly #clock: Clock;
  readonly #capacity: number;
  readonly #minimum: number;
  readonly #forward: Logger | undefined;
  readonly #ring: NodeLogEntry[] = [];
  #start = 0;
  #dropped = 0;
  /** Entries ever appended, and how many of them came before the current boot. */
  #total = 0;
  #bootAt = 0;
  readonly #appended = new Subject<NodeLogEntry>();

  constructor(options: NodeLogOptions) {
    this.#clock = options.clock;
    this.#capacity = Math.max(1, options.capacity ?? DEFAULT_NODE_LOG_CAPACITY);
    this.#minimum = LEVELS[options.level ?? 'info'];
    this.#forward = options.forward;
  }

  /** A Logger writing into this log with the given fields on every entry. */
  logger(fields: LogFields = {}): Logger {
    // Object.assign grows the merged fields along shared hidden classes (spread made one per object, which fleets
    // of nodes paid for in memory); entries below the log's level are dropped before any merging.
    return {
      log: (level, message, more) => {
        if (LEVELS[level] < this.#minimum) return;
        this.append(level, message, more === undefined ? fields : Object.assign({}, fields, more));
      },
      with: (more) => this.logger(Object.assign({}, fields, more)),
    };
  }

  append(level: LogLevel, message: string, fields: LogFields = {}): void {
    if (LEVELS[level] < this.#minimum) return;
    this.#push({ time: this.#clock.now(), level, message, fields });
  }

  /** Appends entries another log kept, as they are (times included): the copied boot of a forked node. */
  adopt(entries: readonly NodeLogEntry[]): void {
    for (const entry of entries) this.#push(entry);
  }

  #push(entry: NodeLogEntry): void {
    const { level, message, fields } = entry;
    if (this.#ring.length < this.#capacity) {
      this.#ring.push(entry);
    } else {
      this.#ring[this.#start] = entry;
      this.#start = (this.#start + 1) % this.#capacity;
      this.#dropped++;
    }
    this.#total++;
    this.#forward?.log(level, message, fields);
    this.#appended.next(entry);
  }

  /** The kept entries, oldest first. */
  entries(): NodeLogEntry[] {
    return [...this.#ring.slice(this.#start), ...this.#ring.slice(0, this.#start)];
  }

  /** The kept entries appended since `position` (see position), oldest first. */
  since(position: number): NodeLogEntry[] {
    const count = this.#total - position;
    const all = this.entries();
    return count >= all.length ? all : all.slice(all.length - count);
  }

  /** How many entries have been appended so far: a place in the log to mark a boot at. */
  get position(): number {
    return this.#total;
  }

  /** Marks where the current boot began: what the kernel's buffer of the new boot holds starts there. */
  markBoot(position: number = this.#total): void {
    this.#bootAt = Math.min(Math.max(0, position), this.#total);
  }

  /**
   * The kept entries of the current boot, oldest first: what `talosctl dmesg` reads, since a reboot starts a new
   * kernel with an empty ring (entries() keeps the earlier boots' too).
   */
  currentBoot(): NodeLogEntry[] {
    return this.since(this.#bootAt);
  }

  /** How many entries the ring has pushed out. */
  get dropped(): number {
    return this.#dropped;
  }

  /** Entries as they are appended from now on (`dmesg -f`). */
  get appended(): Observable<NodeLogEntry> {
    return this.#appended.asObservable();
  }
}
