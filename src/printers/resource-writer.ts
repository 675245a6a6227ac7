// talosctl's output.Writer: what `get` drives for every output format.
import type { PrintableDefinition, PrintableResource, WatchEventKind } from './printable.js';

export interface ResourceWriter {
  /** Once, before any resource: the RD decides the table's TYPE and extra columns; `withEvents` = watch mode. */
  writeHeader(definition: PrintableDefinition, withEvents: boolean): void;
  /**
   * One resource of a node. `event` matters in watch mode only (default `created`, Go's zero event).
   * Throws OutputError (e.g. `error finding result for jsonpath: …`, which talosctl collects per resource).
   */
  writeResource(node: string, resource: PrintableResource, event?: WatchEventKind): void;
  /**
   * Watch mode's Bootstrapped event: writes what is buffered, and from then on every resource is flushed on
   * its own (so later table rows are aligned only to themselves, as in talosctl).
   */
  markBootstrapped(): void;
  /** Writes what is buffered (the table; the other formats write immediately). */
  flush(): void;
}
