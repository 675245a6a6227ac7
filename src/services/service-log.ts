// A service's log stream (the `ext-<name>` log of machined's logging manager): the lines its task wrote, each
// with the virtual time it was written, kept in a ring bounded by lines and by bytes (1 MiB, as machined's) and
// followable. Also the containerd runner's "last log" capture: the newest output up to 512 bytes, whole lines first
// dropped from the front.
import { type Observable, Subject } from 'rxjs';

export interface LogLine {
  /** Milliseconds since the epoch. */
  readonly time: number;
  readonly text: string;
}

/** Default number of lines a service log keeps. */
export const DEFAULT_LOG_LINES = 5000;

/** The bytes of text a service log keeps at most: machined's circular buffer holds 1 MiB per log (DesiredCapacity). */
export const LOG_BYTES = 1024 * 1024;

export class ServiceLog {
  readonly #lines: LogLine[] = [];
  readonly #subject = new Subject<LogLine>();
  #dropped = 0;
  #bytes = 0;

  constructor(
    readonly id: string,
    readonly capacity: number = DEFAULT_LOG_LINES,
  ) {}

  write(line: LogLine): void {
    let kept = line;
    let size = Buffer.byteLength(line.text);
    if (size > LOG_BYTES) {
      // one line longer than the whole buffer: its end is what the ring still holds
      const tail = Buffer.from(line.text)
        .subarray(size - LOG_BYTES)
        .toString('utf8');
      kept = { time: line.time, text: tail };
      size = Buffer.byteLength(tail);
    }
    this.#lines.push(kept);
    this.#bytes += size;
    while (this.#lines.length > this.capacity || (this.#bytes > LOG_BYTES && this.#lines.length > 1)) {
      const first = this.#lines.shift() as LogLine;
      this.#bytes -= Buffer.byteLength(first.text);
      this.#dropped++;
    }
    this.#subject.next(line);
  }

  /** The last `tail` lines (all kept lines when omitted), oldest first. */
  lines(tail?: number): LogLine[] {
    return tail === undefined ? [...this.#lines] : this.#lines.slice(Math.max(0, this.#lines.length - tail));
  }

  /** Lines written from now on; completes when the log is closed. */
  follow(): Observable<LogLine> {
    return this.#subject.asObservable();
  }

  /** Lines that fell out of the ring. */
  get dropped(): number {
    return this.#dropped;
  }

  close(): void {
    this.#subject.complete();
  }
}

/** lastlog.limit */
const LAST_LOG_LIMIT = 512;

/** runner/internal/lastlog.Writer: the last log line(s) of a task for its failure message. */
export class LastLog {
  #buf: Buffer = Buffer.alloc(0);

  write(chunk: Buffer): void {
    if (chunk.length >= LAST_LOG_LIMIT) {
      let cut = chunk;
      while (cut.length > LAST_LOG_LIMIT) {
        const nl = cut.indexOf(0x0a);
        if (nl === -1) {
          cut = cut.subarray(cut.length - LAST_LOG_LIMIT);
          break;
        }
        cut = cut.subarray(nl + 1);
      }
      this.#buf = Buffer.from(cut);
      return;
    }
    let pos = 0;
    while (this.#buf.length - pos + chunk.length > LAST_LOG_LIMIT) {
      const nl = this.#buf.indexOf(0x0a, pos);
      // no newline left: drop the whole buffer
      pos = nl === -1 ? this.#buf.length : nl + 1;
    }
    this.#buf = Buffer.concat([this.#buf.subarray(pos), chunk]);
  }

  /** The captured text without trailing newlines. */
  get text(): string {
    return this.#buf.toString('utf8').replace(/\n+$/, '');
  }
}
