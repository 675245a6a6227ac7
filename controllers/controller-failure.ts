// Why a controller's Run returned an error, with the texts machined logs (`controller failed` … `error`). One class
// for every controller in this directory; the kind says which step failed. The COSI runtime restarts a failed
// controller after its backoff, as cosi does.

/**
 * `extensions-config`: /etc/extensions.yaml could not be read or decoded. `sbom`: an SPDX directory or document.
 * `cri-config`: the CRI config parts could not be read, decoded, merged or encoded. `etc-file`: writing or mounting
 * a file under /etc. `state`: a resource read or write failed. `identity`: the node identity is not valid base62.
 */
export type ControllerFailureKind = 'extensions-config' | 'sbom' | 'cri-config' | 'etc-file' | 'state' | 'identity';

export class ControllerFailure extends Error {
  override readonly name = 'ControllerFailure';
  readonly kind: ControllerFailureKind;

  constructor(kind: ControllerFailureKind, message: string, options?: { readonly cause?: unknown }) {
    super(message, options);
    this.kind = kind;
  }

  /** fmt.Errorf("<prefix>: %w", err): the cause's text after a prefix, the cause kept. */
  static wrap(kind: ControllerFailureKind, prefix: string, cause: unknown): ControllerFailure {
    return new ControllerFailure(kind, `${prefix}: ${messageOf(cause)}`, { cause });
  }
}

export function isControllerFailure(err: unknown, kind?: ControllerFailureKind): err is ControllerFailure {
  return err instanceof ControllerFailure && (kind === undefined || err.kind === kind);
}

/** The text Go's %v prints for an error value. */
export function messageOf(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}

/**
 * A Go runtime panic inside a controller (e.g. a nil pointer dereference). It is deliberately not an Error: the COSI
 * runtime turns a thrown non-Error into cosi's `controller "<name>" panicked: <value>` failure, as cosi's recover()
 * does, and restarts the controller with backoff.
 */
export class GoPanic {
  constructor(readonly value: string) {}

  toString(): string {
    return this.value;
  }

  static nilPointerDereference(): GoPanic {
    return new GoPanic('runtime error: invalid memory address or nil pointer dereference');
  }
}
