// Why /etc/extensions.yaml did not decode, with the text the go-yaml release of the node prints:
// - type errors (values that do not fit extensions.Config), collected over the whole document:
//   v3 and rc.3 `yaml: unmarshal errors:\n  line N: cannot unmarshal !!str `foo` into []*extensions.Layer`,
//   rc.4 `yaml: construct errors:\n  line N: cannot construct …`, rc.5/rc.6 `yaml: construct errors: line N: …; …`;
// - syntax errors in go-yaml's frame for the release (`yaml: line N: …`, rc.4 `yaml: line N, column C: …`, rc.6
//   `go-yaml load error in parser at LN.CC: …`); the wording after the frame is npm yaml's, not libyaml's (a known
//   difference: talos-sim does not port libyaml's scanner).
import type { YamlFlavour } from '../src/goyaml/index.js';

export interface YamlTypeProblem {
  readonly line: number;
  /** `cannot unmarshal !!str `foo` into string` (v3, rc.3) or `cannot construct …` (rc.4+), without the line. */
  readonly message: string;
}

export type ExtensionsConfigErrorDetail =
  | { readonly kind: 'type'; readonly problems: readonly YamlTypeProblem[] }
  | { readonly kind: 'syntax'; readonly line: number; readonly column: number; readonly message: string };

function format(flavour: YamlFlavour, d: ExtensionsConfigErrorDetail): string {
  if (d.kind === 'type') {
    const lines = d.problems.map((p) => `line ${p.line}: ${p.message}`);
    if (flavour === 'rc6') return `yaml: construct errors: ${lines.join('; ')}`;
    return `yaml: ${flavour === 'rc4' ? 'construct' : 'unmarshal'} errors:\n  ${lines.join('\n  ')}`;
  }
  if (flavour === 'rc6') return `go-yaml load error in parser at L${d.line}.C${d.column}: ${d.message}`;
  if (flavour === 'rc4') return `yaml: line ${d.line}, column ${d.column}: ${d.message}`;
  return `yaml: line ${d.line}: ${d.message}`;
}

export class ExtensionsConfigDecodeError extends Error {
  override readonly name = 'ExtensionsConfigDecodeError';
  readonly kind: ExtensionsConfigErrorDetail['kind'];
  constructor(
    readonly flavour: YamlFlavour,
    readonly detail: ExtensionsConfigErrorDetail,
  ) {
    super(format(flavour, detail));
    this.kind = detail.kind;
  }
}

export function isExtensionsConfigDecodeError(err: unknown): err is ExtensionsConfigDecodeError {
  return err instanceof ExtensionsConfigDecodeError;
}
