// Mistakes in a manifest that Talos accepts silently: a key its types do not have (`verison:` decodes to an empty
// version and is ignored) and no compatibility constraint (the extension claims every Talos release). talos-sim
// keeps upstream's acceptance and reports them; `sim ext validate --strict` turns them into errors.
import { goQuote } from '../gofmt/index.js';

export type ManifestWarning =
  | { readonly kind: 'unknown-key'; readonly key: string; readonly line: number }
  | { readonly kind: 'no-compatibility' };

export type ManifestWarningKind = ManifestWarning['kind'];

/** The warning as users read it; `file` names the manifest (`ext/manifest.yaml`). */
export function formatManifestWarning(w: ManifestWarning, file = 'manifest.yaml'): string {
  switch (w.kind) {
    case 'unknown-key':
      return `${file}${w.line > 0 ? ` line ${w.line}` : ''}: unknown key ${goQuote(w.key)} (Talos ignores it)`;
    case 'no-compatibility':
      return `${file}: no metadata.compatibility.talos.version, so every Talos version accepts the extension`;
  }
}
