import { basename } from 'node:path';
import {
  checkConstraint,
  checkContents,
  classifyImageArgument,
  createDefaultCatalog,
  DEFAULT_TALOS_VERSION,
  type Extension,
  type ExtensionsCatalog,
  formatExtensionsTable,
  formatManifestWarning,
  isConstraintError,
  isExtensionLoadError,
  isExtensionValidationError,
  isImageSourceError,
  isRegistryError,
  isTalosVersionError,
  KNOWN_TALOS_RELEASES,
  loadExtension,
  readImage,
  resolveTalosVersion,
  SEEDED_TALOS_RELEASES,
  type TalosVersionFacts,
  validateExtension,
} from '../../extensions/index.js';
import { tabwrite } from '../../gofmt/index.js';
import { type CliContext, CliExit } from '../cli-context.js';

export interface ValidateFlags {
  readonly talos: readonly string[];
  readonly strict?: boolean;
}

/** Errors the extension library reports to users: their message is the whole story. */
function isUserError(err: unknown): err is Error {
  return (
    isExtensionLoadError(err) ||
    isExtensionValidationError(err) ||
    isImageSourceError(err) ||
    isRegistryError(err) ||
    isTalosVersionError(err)
  );
}

function userErrors<T>(fn: () => T): T {
  try {
    return fn();
  } catch (err) {
    if (isUserError(err)) throw new CliExit(err.message, 1);
    throw err;
  }
}

/** A path (directory, OCI layout, tarball) relative to the working directory, or an image reference in the catalog. */
function loadImage(arg: string, ctx: CliContext, catalog: () => ExtensionsCatalog): Extension {
  const named = classifyImageArgument(arg, ctx.cwd);
  if (named.kind === 'reference') {
    return loadExtension(catalog().registry.pull(arg).image, { path: arg, directory: arg });
  }
  return loadExtension(readImage(named.source), { path: arg, directory: basename(named.path) });
}

function talosVersions(values: readonly string[]): TalosVersionFacts[] {
  const out: TalosVersionFacts[] = [];
  for (const v of values.length === 0 ? [DEFAULT_TALOS_VERSION] : values) {
    for (const facts of v === 'all' ? KNOWN_TALOS_RELEASES : [resolveTalosVersion(v)]) {
      if (!out.some((f) => f.version === facts.version)) out.push(facts);
    }
  }
  return out;
}

/** One matrix row: `ok`, `incompatible` (the constraint excludes the version) or `FAIL` (it claims support but breaks). */
function matrixRow(ext: Extension, facts: TalosVersionFacts, strict: boolean): { result: string; detail: string } {
  const constraint = checkConstraint(ext.manifest.metadata.compatibility.talos.version, facts.version);
  if (constraint !== undefined) {
    return {
      result: constraint.kind === 'constraint-unsatisfied' ? 'incompatible' : 'FAIL',
      detail: constraint.message,
    };
  }
  const contents = checkContents(ext.rootfs, { allowedPaths: facts.allowedPaths, strict });
  return contents === undefined ? { result: 'ok', detail: '' } : { result: 'FAIL', detail: contents.message };
}

/**
 * Talos accepts a manifest with unknown keys or without a compatibility constraint; so does talos-sim, warning on
 * stderr. Under --strict they fail the check, before anything else is checked.
 */
function reportManifestWarnings(arg: string, ext: Extension, strict: boolean, ctx: CliContext): void {
  const lines = ext.warnings.map((w) => `${arg}: ${formatManifestWarning(w)}`);
  if (lines.length === 0) return;
  if (strict) throw new CliExit(lines.join('\n'), 1);
  ctx.io.stderr(lines.map((l) => `warning: ${l}\n`).join(''));
}

export function validate(arg: string, flags: ValidateFlags, ctx: CliContext): void {
  const catalog = (() => {
    let c: ExtensionsCatalog | undefined;
    return () => {
      c ??= createDefaultCatalog();
      return c;
    };
  })();
  const ext = userErrors(() => loadImage(arg, ctx, catalog));
  const versions = userErrors(() => talosVersions(flags.talos));
  const strict = flags.strict === true;
  reportManifestWarnings(arg, ext, strict, ctx);
  if (versions.length === 1) {
    const [only] = versions as [TalosVersionFacts];
    userErrors(() => validateExtension(ext, { constraints: true, contents: true, talosVersion: only.version, strict }));
    ctx.io.stdout(formatExtensionsTable([ext]));
    return;
  }
  // a constraint that does not parse fails for every version alike: report it once, as the single check would
  const parse = checkConstraint(ext.manifest.metadata.compatibility.talos.version, DEFAULT_TALOS_VERSION);
  if (parse !== undefined && isConstraintError(parse) && parse.kind === 'constraint-parse')
    throw new CliExit(parse.message, 1);
  const rows = versions.map((facts) => ({ version: facts.version, ...matrixRow(ext, facts, strict) }));
  const matrix = tabwrite(
    `TALOS\tRESULT\tDETAIL\n${rows.map((r) => `${r.version}\t${r.result}\t${r.detail}\n`).join('')}`,
  ).replace(/ +$/gm, ''); // rows without detail would end in padding
  ctx.io.stdout(`${formatExtensionsTable([ext])}\n${matrix}`);
  if (rows.some((r) => r.result === 'FAIL')) throw new CliExit('', 1);
}

export function find(name: string, talos: string, ctx: CliContext): void {
  const catalog = createDefaultCatalog();
  let lines: string[];
  try {
    lines = catalog.find(name, talos);
  } catch (err) {
    if (isRegistryError(err) || isTalosVersionError(err)) {
      const known = isRegistryError(err)
        ? `\ntalos-sim's catalog has indexes for ${SEEDED_TALOS_RELEASES.join(', ')}`
        : '';
      throw new CliExit(`${err.message}${known}`, 1);
    }
    throw err;
  }
  if (lines.length === 0) {
    // grep prints nothing and exits 1; say why on stderr only
    throw new CliExit(`no extension matching "${name}" in ${catalog.indexReference(talos)}`, 1);
  }
  ctx.io.stdout(lines.map((l) => `${l}\n`).join(''));
}
