// The structured logger controllers and the runtime write to (cosi uses zap; we keep its shape small).

export type LogLevel = 'debug' | 'info' | 'warn' | 'error';
export type LogFields = Readonly<Record<string, unknown>>;

export interface Logger {
  log(level: LogLevel, message: string, fields?: LogFields): void;
  /** A logger that adds fields to every entry, e.g. `{ controller: name }`. */
  with(fields: LogFields): Logger;
}

export interface LogEntry {
  readonly level: LogLevel;
  readonly message: string;
  readonly fields: LogFields;
}

/** Keeps every entry in memory: what tests and `sim` debug output read. */
export class MemoryLogger implements Logger {
  readonly entries: LogEntry[];
  readonly #fields: LogFields;

  constructor(entries: LogEntry[] = [], fields: LogFields = {}) {
    this.entries = entries;
    this.#fields = fields;
  }

  log(level: LogLevel, message: string, fields: LogFields = {}): void {
    this.entries.push({ level, message, fields: { ...this.#fields, ...fields } });
  }

  with(fields: LogFields): Logger {
    return new MemoryLogger(this.entries, { ...this.#fields, ...fields });
  }
}

/** Drops everything. */
export const nullLogger: Logger = {
  log: () => {},
  with: () => nullLogger,
};
