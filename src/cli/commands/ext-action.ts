import { basename } from 'node:path';
import { knownTalosRelease } from '../../cluster/index.js';
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
  parseTalosVersion,
  readImage,
  resolveTalosVersion,
  SEEDED_TALOS_RELEASES,
  type TalosVersionFacts,
  validateExtension,
} from '../../extensions/index.js';
import { tabwrite } from '../../gofmt/index.js';
import { imagerQuirks } from '../../imager/index.js';
import { type CliContext, CliExit } from '../cli-context.js';
import { unknownTalos } from '../scenario-selection.js';
import { checkServiceFiles } from './ext-service-files.js';

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

/** The releases to check; `all` adds each line's releases, mapping the older ones to their line's newest. */
function talosVersions(values: readonly string[]): { versions: TalosVersionFacts[]; newestOf: Map<string, string> } {
  const versions: TalosVersionFacts[] = [];
  const newestOf = new Map<string, string>();
  const add = (facts: TalosVersionFacts, newest?: string) => {
    if (versions.some((f) => f.version === facts.version)) return;
    versions.push(facts);
    if (newest !== undefined) newestOf.set(facts.version, newest);
  };
  for (const v of values.length === 0 ? [DEFAULT_TALOS_VERSION] : values) {
    if (v !== 'all') {
      const facts = resolveTalosVersion(v);
      // a line past talos-sim's table resolves (describeTalosVersion extrapolates) but is no release it knows
      if (knownTalosRelease(v) === undefined) throw unknownTalos(v);
      add(facts);
      continue;
    }
    for (const newest of KNOWN_TALOS_RELEASES) {
      // a line still in pre-release has only its newest tag here
      const patches = newest.prerelease ? 0 : Number(newest.version.split('.')[2]);
      for (let patch = 0; patch < patches; patch++) add(resolveTalosVersion(`${newest.line}.${patch}`), newest.version);
      add(newest);
    }
  }
  // with `all`, the matrix goes in release order, whatever was named besides
  if (values.includes('all')) {
    versions.sort((a, b) => parseTalosVersion(a.version).compare(parseTalosVersion(b.version)));
  }
  return { versions, newestOf };
}

/** One matrix row: `ok`, `incompatible` (the constraint excludes the version) or `FAIL` (it claims support but breaks). */
function matrixRow(ext: Extension, facts: TalosVersionFacts, strict: boolean): { result: string; detail: string } {
  // the version as that release's installer checks it: the core version from the v1.5 imager on
  const constraint = checkConstraint(
    ext.manifest.metadata.compatibility.talos.version,
    imagerQuirks(facts).constraintVersion,
  );
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
  const { versions, newestOf } = userErrors(() => talosVersions(flags.talos));
  const strict = flags.strict === true;
  reportManifestWarnings(arg, ext, strict, ctx);
  if (versions.length === 1) {
    const [only] = versions as [TalosVersionFacts];
    userErrors(() =>
      validateExtension(ext, {
        constraints: true,
        contents: true,
        talosVersion: imagerQuirks(only).constraintVersion,
        allowlistVersion: only.version,
        strict,
      }),
    );
    reportServiceFiles(arg, ext, only, strict, ctx);
    ctx.io.stdout(formatExtensionsTable([ext]));
    return;
  }
  // a constraint that does not parse fails for every version alike: report it once, as the single check would
  const parse = checkConstraint(ext.manifest.metadata.compatibility.talos.version, DEFAULT_TALOS_VERSION);
  if (parse !== undefined && isConstraintError(parse) && parse.kind === 'constraint-parse')
    throw new CliExit(parse.message, 1);
  const serviceErrors = new Set<string>();
  const warned = new Set<string>();
  const rows = versions.map((facts) => {
    const row = matrixRow(ext, facts, strict);
    if (row.result !== 'ok') return { version: facts.version, ...row };
    const problems = serviceFileProblems(arg, ext, facts, strict, ctx, warned);
    for (const p of problems) serviceErrors.add(p);
    // the matrix names the image once, above: the detail starts at the file, on one line
    const first = problems[0]?.slice(arg.length + 2).replace(/\n\t?/g, ' ');
    return { version: facts.version, ...(first === undefined ? row : { result: 'FAIL', detail: first }) };
  });
  // `all` checks every release, and shows the older releases of a line only where their result differs from its newest
  const byVersion = new Map(rows.map((r) => [r.version, r]));
  const shown = rows.filter((r) => {
    const newest = byVersion.get(newestOf.get(r.version) ?? '');
    // an incompatible row's detail names its version; a FAIL's says what broke, which may differ within a line
    return newest === undefined || newest.result !== r.result || (r.result === 'FAIL' && newest.detail !== r.detail);
  });
  const matrix = tabwrite(
    `TALOS\tRESULT\tDETAIL\n${shown.map((r) => `${r.version}\t${r.result}\t${r.detail}\n`).join('')}`,
  ).replace(/ +$/gm, ''); // rows without detail would end in padding
  ctx.io.stdout(`${formatExtensionsTable([ext])}\n${matrix}`);
  if (serviceErrors.size > 0) ctx.io.stderr([...serviceErrors].map((e) => `${e}\n`).join(''));
  if (rows.some((r) => r.result === 'FAIL')) throw new CliExit('', 1);
}

/**
 * The service files' problems for one release, each `<arg>: <path>: …`; skipped files are warnings on stderr
 * (printed once) unless --strict makes them problems too.
 */
function serviceFileProblems(
  arg: string,
  ext: Extension,
  facts: TalosVersionFacts,
  strict: boolean,
  ctx: CliContext,
  warned: Set<string>,
): string[] {
  const report = checkServiceFiles(ext, facts.goYaml);
  const skipped = report.skipped.map((s) => `${arg}: ${s}`);
  if (!strict) {
    for (const s of skipped) {
      if (warned.has(s)) continue;
      warned.add(s);
      ctx.io.stderr(`warning: ${s}\n`);
    }
  }
  return [...report.errors.map((e) => `${arg}: ${e}`), ...(strict ? skipped : [])];
}

function reportServiceFiles(arg: string, ext: Extension, facts: TalosVersionFacts, strict: boolean, ctx: CliContext) {
  const problems = serviceFileProblems(arg, ext, facts, strict, ctx, new Set());
  if (problems.length > 0) throw new CliExit(problems.join('\n'), 1);
}

export function find(name: string, talos: string, ctx: CliContext): void {
  const catalog = createDefaultCatalog();
  let version = talos;
  let lines: string[];
  try {
    // a minor line (`v1.13`) means its newest known release, as `ext validate --talos` reads it
    version = resolveTalosVersion(talos).version;
    lines = catalog.find(name, version);
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
    throw new CliExit(`no extension matching "${name}" in ${catalog.indexReference(version)}`, 1);
  }
  ctx.io.stdout(lines.map((l) => `${l}\n`).join(''));
}
