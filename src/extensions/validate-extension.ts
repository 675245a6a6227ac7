// Talos's `Extension.Validate(opts...)`: the compatibility constraint first, then the contents, each only when
// asked for (spec talos-extensions §2.4). Versions default like upstream: the validator's own release.
import type { SemVer } from 'semver';
import { trimConstraint } from './constraint/trim-constraint.js';
import { parseVersionRange } from './constraint/version-range.js';
import { isVersionRangeError } from './constraint/version-range-error.js';
import { checkContents } from './contents-check.js';
import type { Extension } from './extension.js';
import { ExtensionValidationError } from './extension-validation-error.js';
import { formatTalosVersion, parseTalosVersion, type TalosVersionInput, talosCoreVersion } from './talos-version.js';
import { DEFAULT_TALOS_VERSION, describeTalosVersion } from './talos-versions.js';

export interface ValidateExtensionOptions {
  /** Check `metadata.compatibility.talos.version` (upstream `WithValidateConstraints`). Default false. */
  readonly constraints?: boolean;
  /** Check the rootfs contents (upstream `WithValidateContents`). Default false. */
  readonly contents?: boolean;
  /** The Talos version the constraint is evaluated for (upstream `WithTalosVersion`). Default DEFAULT_TALOS_VERSION. */
  readonly talosVersion?: TalosVersionInput;
  /**
   * The Talos release whose machinery runs the check, which selects the allowlist. Default: `talosVersion`, as when
   * a node's own installer validates. Upstream's unit tests validate for 1.0.0 with the newest allowlist.
   */
  readonly allowlistVersion?: TalosVersionInput;
  /** Contents rules the documentation promises instead of upstream's code (see ContentsCheckOptions). Default false. */
  readonly strict?: boolean;
}

interface ResolvedOptions {
  readonly constraints: boolean;
  readonly contents: boolean;
  readonly talosVersion: SemVer;
  readonly allowlistVersion: SemVer;
  readonly strict: boolean;
}

function resolveOptions(options: ValidateExtensionOptions): ResolvedOptions {
  const talosVersion = parseTalosVersion(options.talosVersion ?? DEFAULT_TALOS_VERSION);
  return {
    constraints: options.constraints ?? false,
    contents: options.contents ?? false,
    talosVersion,
    allowlistVersion:
      options.allowlistVersion === undefined ? talosVersion : parseTalosVersion(options.allowlistVersion),
    strict: options.strict ?? false,
  };
}

/** Checks the compatibility constraint of a manifest against a Talos version (its core, pre-release dropped). */
export function checkConstraint(
  constraint: string,
  talosVersion: TalosVersionInput,
): ExtensionValidationError | undefined {
  if (constraint === '') return undefined;
  const version = parseTalosVersion(talosVersion);
  let range: ReturnType<typeof parseVersionRange>;
  try {
    range = parseVersionRange(trimConstraint(constraint));
  } catch (err) {
    if (isVersionRangeError(err))
      return new ExtensionValidationError({ kind: 'constraint-parse', constraint, cause: err });
    throw err;
  }
  try {
    if (range.test(talosCoreVersion(version))) return undefined;
  } catch (err) {
    if (isVersionRangeError(err))
      return new ExtensionValidationError({ kind: 'constraint-evaluation', constraint, cause: err });
    throw err;
  }
  return new ExtensionValidationError({
    kind: 'constraint-unsatisfied',
    constraint,
    talosVersion: formatTalosVersion(version),
  });
}

/** Validates an extension; throws the first ExtensionValidationError, as upstream returns the first error. */
export function validateExtension(extension: Extension, options: ValidateExtensionOptions = {}): void {
  const o = resolveOptions(options);
  if (o.constraints) {
    const failure = checkConstraint(extension.manifest.metadata.compatibility.talos.version, o.talosVersion);
    if (failure !== undefined) throw failure;
  }
  if (o.contents) {
    const allowedPaths = describeTalosVersion(o.allowlistVersion).allowedPaths;
    const failure = checkContents(extension.rootfs, { allowedPaths, strict: o.strict });
    if (failure !== undefined) throw failure;
  }
}
