// What ExtensionServiceController makes of the files in /usr/local/etc/containers, as a pure function so
// `sim ext validate` can report an extension's service files with the same texts: names in byte order, only an
// exact `.yaml` extension, decode errors, validation errors, and names already taken (the first file wins).
import { posix } from 'node:path';
import type { YamlFlavour } from '../../goyaml/index.js';
import { decodeServiceSpec } from './decode-service-spec.js';
import type { ExtensionServiceSpec } from './service-spec.js';
import { validateServiceSpec } from './validate-service-spec.js';

export type ServiceDefinitionOutcome =
  | { readonly kind: 'skipped'; readonly filename: string }
  | { readonly kind: 'load-error'; readonly filename: string; readonly error: string }
  | { readonly kind: 'invalid'; readonly filename: string; readonly error: string }
  | { readonly kind: 'duplicate'; readonly filename: string; readonly name: string }
  | { readonly kind: 'ok'; readonly filename: string; readonly spec: ExtensionServiceSpec };

/** The controller's log message for each outcome that is logged. */
export const SERVICE_DEFINITION_MESSAGES = {
  skipped: 'skipping config file',
  'load-error': 'error loading extension service spec',
  invalid: 'error validating extension service spec',
  duplicate: 'duplicate service spec',
} as const;

export interface ReadServiceDefinitionsOptions {
  /** The go-yaml release of the node's Talos version. Default rc6. */
  readonly flavour?: YamlFlavour;
}

/**
 * Classifies every file; `read` returns a file's content or throws an Error whose message is the controller's
 * error text (an os.Open failure as is, a read failure already wrapped as a decode error).
 */
export function readServiceDefinitions(
  filenames: readonly string[],
  read: (filename: string) => string | Uint8Array,
  options: ReadServiceDefinitionsOptions = {},
): ServiceDefinitionOutcome[] {
  const seen = new Set<string>();
  const sorted = [...filenames].sort((a, b) => Buffer.compare(Buffer.from(a), Buffer.from(b)));
  return sorted.map((filename): ServiceDefinitionOutcome => {
    if (posix.extname(filename) !== '.yaml') return { kind: 'skipped', filename };
    let spec: ExtensionServiceSpec;
    try {
      spec = decodeServiceSpec(read(filename), options.flavour === undefined ? {} : { flavour: options.flavour });
    } catch (err) {
      return { kind: 'load-error', filename, error: (err as Error).message };
    }
    try {
      validateServiceSpec(spec);
    } catch (err) {
      return { kind: 'invalid', filename, error: (err as Error).message };
    }
    if (seen.has(spec.name)) return { kind: 'duplicate', filename, name: spec.name };
    seen.add(spec.name);
    return { kind: 'ok', filename, spec };
  });
}
