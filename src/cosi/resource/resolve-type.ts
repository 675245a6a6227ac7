// How talosctl turns the type argument of `get` into a ResourceDefinition: a case-insensitive
// match on the RD id or on any of its allAliases; none or several matches are errors.
import { goQuote } from '../../gofmt/index.js';
import { type ResourceDefinitionSpec, resourceDefinitionId } from './resource-definition.js';

export type TypeResolutionErrorKind = 'notRegistered' | 'ambiguous';

export class TypeResolutionError extends Error {
  override readonly name = 'TypeResolutionError';
  readonly kind: TypeResolutionErrorKind;
  /** The gRPC status code talosctl reports the error with. */
  readonly code: 'NotFound' | 'InvalidArgument';
  constructor(kind: TypeResolutionErrorKind, message: string) {
    super(message);
    this.kind = kind;
    this.code = kind === 'notRegistered' ? 'NotFound' : 'InvalidArgument';
  }
}

export function isTypeResolutionError(err: unknown): err is TypeResolutionError {
  return err instanceof TypeResolutionError;
}

/**
 * Resolves `arg` among `definitions` (in RD id order, as a List returns them).
 * Messages are the gRPC descriptions: `resource "foo" is not registered`,
 * `resource type "es" is ambiguous: [a b]`.
 */
export function resolveResourceType(
  definitions: readonly ResourceDefinitionSpec[],
  arg: string,
): ResourceDefinitionSpec {
  const wanted = arg.toLowerCase();
  const matches = definitions.filter(
    (rd) => resourceDefinitionId(rd.type) === wanted || rd.allAliases.some((a) => a.toLowerCase() === wanted),
  );
  const [only] = matches;
  if (matches.length === 1 && only !== undefined) return only;
  if (matches.length === 0) {
    throw new TypeResolutionError('notRegistered', `resource ${goQuote(arg)} is not registered`);
  }
  const ids = matches.map((rd) => resourceDefinitionId(rd.type)).join(' ');
  throw new TypeResolutionError('ambiguous', `resource type ${goQuote(arg)} is ambiguous: [${ids}]`);
}
