// A machine config as a node holds it: the multi-document YAML the user applied, decoded into its documents (the
// v1alpha1 document, which has no `kind`, and named documents such as `ExtensionServiceConfig`).

/** The v1alpha1 document (`version: v1alpha1`, `machine:`, `cluster:`), kept as decoded. */
export interface V1Alpha1Document {
  readonly kind: 'v1alpha1';
  readonly value: Readonly<Record<string, unknown>>;
}

/** A document with `apiVersion` and `kind` (and a `name` for named kinds such as ExtensionServiceConfig). */
export interface KindDocument {
  readonly kind: string;
  readonly apiVersion: string;
  readonly name: string | undefined;
  readonly value: Readonly<Record<string, unknown>>;
}

export type MachineConfigDocument = V1Alpha1Document | KindDocument;

export interface MachineConfig {
  /** The config as applied (what `talosctl read /system/state/config.yaml` would show). */
  readonly text: string;
  readonly documents: readonly MachineConfigDocument[];
}

/** The v1alpha1 document, when the config has one. */
export function v1alpha1Document(config: MachineConfig): V1Alpha1Document | undefined {
  return config.documents.find((d): d is V1Alpha1Document => d.kind === 'v1alpha1');
}

/** The documents of one kind, in config order. */
export function documentsOfKind(config: MachineConfig, kind: string): KindDocument[] {
  return config.documents.filter((d): d is KindDocument => d.kind === kind && 'apiVersion' in d);
}
