// The shape every error of the extensions and imager rooms shares: a `detail` union discriminated by `kind`, the
// message built from it in the error's own module, and the detail's `cause` (when it has one) as the Error cause.

export abstract class DetailedError<D extends { readonly kind: string }> extends Error {
  readonly kind: D['kind'];
  readonly detail: D;

  protected constructor(name: string, detail: D, message: string) {
    super(message, 'cause' in detail ? { cause: detail.cause } : undefined);
    this.name = name;
    this.kind = detail.kind;
    this.detail = detail;
  }
}
