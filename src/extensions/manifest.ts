// The extension manifest (`manifest.yaml` at the image root), shaped like Talos's Go types
// (pkg/machinery/extensions/metadata.go): every field is a plain string, absent fields are empty strings.

export interface ExtensionManifest {
  /** Must be exactly `v1alpha1`. */
  readonly version: string;
  readonly metadata: ExtensionMetadata;
}

export interface ExtensionMetadata {
  /** Not validated upstream: may be empty, duplicates are allowed. */
  readonly name: string;
  /** Free-form, e.g. `20220117.0-v1.0.0`. */
  readonly version: string;
  readonly author: string;
  /** Usually a literal block, so it ends with a newline. */
  readonly description: string;
  readonly compatibility: { readonly talos: { readonly version: string } };
  /** Optional in YAML (omitempty); Image Factory stores the schematic here. */
  readonly extraInfo: string;
}

/** The manifest Go's zero value stands for: what an empty document (`---`) decodes to. */
export function emptyManifest(): ExtensionManifest {
  return {
    version: '',
    metadata: {
      name: '',
      version: '',
      author: '',
      description: '',
      compatibility: { talos: { version: '' } },
      extraInfo: '',
    },
  };
}

/** Go's `manifest == Manifest{}`. */
export function isEmptyManifest(m: ExtensionManifest): boolean {
  const md = m.metadata;
  return (
    m.version === '' &&
    md.name === '' &&
    md.version === '' &&
    md.author === '' &&
    md.description === '' &&
    md.compatibility.talos.version === '' &&
    md.extraInfo === ''
  );
}

/** A manifest given field by field; missing fields are empty, as in Go. */
export interface ExtensionManifestInput {
  readonly version?: string;
  readonly metadata?: {
    readonly name?: string;
    readonly version?: string;
    readonly author?: string;
    readonly description?: string;
    readonly compatibility?: { readonly talos?: { readonly version?: string } };
    readonly extraInfo?: string;
  };
}

export function manifestFrom(input: ExtensionManifestInput): ExtensionManifest {
  const md = input.metadata ?? {};
  return {
    version: input.version ?? '',
    metadata: {
      name: md.name ?? '',
      version: md.version ?? '',
      author: md.author ?? '',
      description: md.description ?? '',
      compatibility: { talos: { version: md.compatibility?.talos?.version ?? '' } },
      extraInfo: md.extraInfo ?? '',
    },
  };
}
