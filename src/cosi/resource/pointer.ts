// Identity of resources: a Kind (namespace + type), a Pointer (+ id), a Reference (+ version).

export interface Kind {
  readonly namespace: string;
  readonly type: string;
}

export interface Pointer extends Kind {
  readonly id: string;
}

export interface Reference extends Pointer {
  /** undefined until the resource is stored; 1 after Create; +1 on each Update. */
  readonly version: number | undefined;
}

/** `Type(ns/id)`, cosi's resource.String form. */
export function pointerString(p: Pointer): string {
  return `${p.type}(${p.namespace}/${p.id})`;
}

/** `Type(ns/id@version)`, the Metadata.String form used in every state error. */
export function referenceString(r: Reference): string {
  return `${r.type}(${r.namespace}/${r.id}@${versionString(r.version)})`;
}

export function versionString(version: number | undefined): string {
  return version === undefined ? 'undefined' : String(version);
}
