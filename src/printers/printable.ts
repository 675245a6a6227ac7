// What the printers need from a COSI resource and its ResourceDefinition; the lead adapts the simulator's
// resources to these shapes.

export interface PrintableMetadata {
  readonly namespace: string;
  readonly type: string;
  readonly id: string;
  /** Prints `undefined` when undefined. */
  readonly version: number | undefined;
  readonly owner: string;
  readonly phase: 'running' | 'tearingDown';
  readonly created: Date;
  readonly updated: Date;
  readonly labels: ReadonlyMap<string, string>;
  readonly annotations: ReadonlyMap<string, string>;
  readonly finalizers: readonly string[];
}

/** `spec` is plain data as the go-yaml encoder takes it (see src/goyaml). */
export interface PrintableResource {
  readonly metadata: PrintableMetadata;
  readonly spec: unknown;
}

export interface PrintableDefinition {
  readonly displayType: string;
  readonly printColumns: readonly { readonly name: string; readonly jsonPath: string }[];
}

export type WatchEventKind = 'created' | 'updated' | 'destroyed';
