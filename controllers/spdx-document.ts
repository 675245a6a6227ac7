// The part of an SPDX JSON document runtime.SBOMItemController reads (its reduced `spdxDocument` struct), bound the
// way Go's encoding/json binds it: keys match field tags case-insensitively (the last matching key wins), unknown
// keys are ignored, null leaves a field alone, and the first value of the wrong JSON kind is reported as Go's
// UnmarshalTypeError (`json: cannot unmarshal number into Go struct field spdxPackage.packages.name of type string`)
// after the whole value was read. Syntax errors come first, with the scanner's texts (go-json-value.ts).
import { decodeGoJson, type GoJsonValue } from './go-json-value.js';

export interface SpdxExternalRef {
  readonly referenceType: string;
  readonly referenceLocator: string;
}

export interface SpdxPackage {
  readonly name: string;
  readonly versionInfo: string;
  readonly licenseDeclared: string;
  /** Read from v1.14.0-alpha.2 (commit fc3f27d79); older controllers do not have the field. */
  readonly licenseConcluded: string;
  readonly externalRefs: readonly SpdxExternalRef[];
}

export interface SpdxDocument {
  readonly packages: readonly SpdxPackage[];
}

/** A JSON value that does not fit the Go type (`*json.UnmarshalTypeError`). */
export class GoJsonTypeError extends Error {
  override readonly name = 'GoJsonTypeError';
  readonly kind = 'type' as const;
}

/** Go's package of the reduced structs (internal/app/machined/pkg/controllers/runtime). */
const PKG = 'runtime';

/** Go's foldName for ASCII plus the two non-ASCII runes that fold onto ASCII letters (ſ → s, K → k). */
function fold(s: string): string {
  return s
    .replace(/\u017f/g, 's')
    .replace(/\u212a/g, 'k')
    .replace(/[A-Z]/g, (c) => c.toLowerCase());
}

class Binder {
  error: GoJsonTypeError | undefined;

  mismatch(value: GoJsonValue, goType: string, struct: string | undefined, fields: readonly string[]): void {
    if (this.error !== undefined) return;
    const what = value.kind;
    const into =
      struct === undefined
        ? `Go value of type ${goType}`
        : `Go struct field ${struct}.${fields.join('.')} of type ${goType}`;
    this.error = new GoJsonTypeError(`json: cannot unmarshal ${what} into ${into}`);
  }

  /** Binds an object's keys to fields; `bind` gets each matching value with the field's tag. */
  struct(
    value: GoJsonValue,
    goType: string,
    context: { struct: string | undefined; fields: readonly string[] },
    tags: readonly string[],
    bind: (tag: string, v: GoJsonValue) => void,
  ): boolean {
    if (value.kind === 'null') return false;
    if (value.kind !== 'object') {
      this.mismatch(value, goType, context.struct, context.fields);
      return false;
    }
    for (const [key, v] of value.entries) {
      const tag = tags.find((t) => t === key) ?? tags.find((t) => fold(t) === fold(key));
      if (tag !== undefined) bind(tag, v);
    }
    return true;
  }

  string(value: GoJsonValue, struct: string, fields: readonly string[], current: string): string {
    if (value.kind === 'null') return current;
    if (value.kind !== 'string') {
      this.mismatch(value, 'string', struct, fields);
      return current;
    }
    return value.value;
  }

  slice<T>(
    value: GoJsonValue,
    elemType: string,
    struct: string,
    fields: readonly string[],
    current: readonly T[],
    elem: (v: GoJsonValue) => T,
  ): readonly T[] {
    if (value.kind === 'null') return [];
    if (value.kind !== 'array') {
      this.mismatch(value, `[]${elemType}`, struct, fields);
      return current;
    }
    return value.items.map(elem);
  }
}

function externalRef(b: Binder, value: GoJsonValue, fields: readonly string[]): SpdxExternalRef {
  const ref = { referenceType: '', referenceLocator: '' };
  b.struct(value, `${PKG}.spdxExternalRef`, { struct: 'spdxPackage', fields }, Object.keys(ref), (tag, v) => {
    const key = tag as keyof typeof ref;
    ref[key] = b.string(v, 'spdxExternalRef', [...fields, tag], ref[key]);
  });
  return ref;
}

function spdxPackage(b: Binder, value: GoJsonValue, licenseConcluded: boolean): SpdxPackage {
  const fields = ['packages'];
  const pkg = { name: '', versionInfo: '', licenseDeclared: '', licenseConcluded: '' };
  let externalRefs: readonly SpdxExternalRef[] = [];
  const tags = [
    'name',
    'versionInfo',
    'licenseDeclared',
    ...(licenseConcluded ? ['licenseConcluded'] : []),
    'externalRefs',
  ];
  b.struct(value, `${PKG}.spdxPackage`, { struct: 'spdxDocument', fields }, tags, (tag, v) => {
    if (tag === 'externalRefs') {
      const at = [...fields, tag];
      externalRefs = b.slice(v, `${PKG}.spdxExternalRef`, 'spdxPackage', at, externalRefs, (e) =>
        externalRef(b, e, at),
      );
      return;
    }
    const key = tag as keyof typeof pkg;
    pkg[key] = b.string(v, 'spdxPackage', [...fields, tag], pkg[key]);
  });
  return { ...pkg, externalRefs };
}

export interface SpdxDecodeOptions {
  /** Whether the struct has the `licenseConcluded` field (v1.14.0-alpha.2 on). Default true. */
  readonly licenseConcluded?: boolean;
}

/**
 * `json.NewDecoder(f).Decode(&doc)` for an SPDX document: throws GoJsonSyntaxError (`EOF` for empty input) or
 * GoJsonTypeError with Go's texts.
 */
export function decodeSpdxDocument(input: Uint8Array, options: SpdxDecodeOptions = {}): SpdxDocument {
  const licenseConcluded = options.licenseConcluded ?? true;
  const value = decodeGoJson(input);
  const b = new Binder();
  let packages: readonly SpdxPackage[] = [];
  b.struct(value, `${PKG}.spdxDocument`, { struct: undefined, fields: [] }, ['packages'], (_tag, v) => {
    packages = b.slice(v, `${PKG}.spdxPackage`, 'spdxDocument', ['packages'], packages, (p) =>
      spdxPackage(b, p, licenseConcluded),
    );
  });
  if (b.error !== undefined) throw b.error;
  return { packages };
}
