// Bundles the `sim` executable into dist/cli. Loading the ~600 modules of the unbundled build (inversify alone is
// ~250 files, rxjs's CommonJS index requires every operator) took half of `sim get extensions`' 0.55 s; one bundle
// with lazily loaded chunks starts in a fraction of that. The library (dist/src) stays unbundled.
//
// What the bundle loads is kept small (bench/RESULTS.md, start-up section, has the figures): dependencies whose
// CommonJS entry drags in far more than is used are pointed at what is used, the package is marked free of side
// effects (sideEffects: false) so that modules nothing uses drop out, rarely used Node built-ins load on first use,
// and the chunks are minified (whitespace and syntax; names are kept) and pure ASCII (the plugins are in
// bundle-plugins.ts).
//
// The read-pool and compression workers are entry points of their own, written next to the chunks: the code that
// starts them looks for `./read-pool-worker.js` and `./compress-worker.js` beside itself. Packages that load files
// relative to their own directory (WASM, a native addon) stay external.
//
// The executable itself (sim.js) is a few lines written here: it turns on Node's module compile cache (Node >= 22.1)
// under the user's cache directory, and only then imports the bundle (sim-main.js), so that the bundle's chunks are
// compiled from the cache from the second run on. Without a usable cache directory it runs as it would without one.
import { createHash } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { build, type OutputFile, type Plugin } from 'esbuild';
import { BUNDLE_DIGEST_PLACEHOLDER } from '../src/cli/build-identity.js';
import { FS_WITHOUT_FACADE, LAZY_PACKAGE_IMPORTS, lazyBuiltinModules, SLIM_DEPENDENCIES } from './bundle-plugins.js';

const repo = fileURLToPath(new URL('..', import.meta.url));

const ENTRY_POINTS = {
  'sim-main': 'src/cli.ts',
  'read-pool-worker': 'src/squashfs/read-pool-worker.ts',
  'compress-worker': 'src/squashfs/writer/compress-worker.ts',
};

/**
 * Entry points bundled on their own, without chunks shared with the rest: `sim get` answered from a cluster snapshot
 * loads only what prints resources. With shared chunks it would load most of the simulator: esbuild's tree shaking
 * is global across entry points, so a module the snapshot reader imports (a package's index, a release table) keeps
 * every part another command uses, and with those parts their imports. Its importers load it by its file name, as
 * an external module next to them; it shares no state with the other chunks (it is given the CLI context and returns).
 */
const STANDALONE_ENTRY_POINTS = {
  'get-snapshot': 'src/cli/commands/get-snapshot.ts',
};

/** Packages resolved at run time from node_modules rather than bundled. */
const EXTERNAL = ['@bokuweb/zstd-wasm', 'node-liblzma', 'zstddec', 'tsx'];

/**
 * The executable: compile cache first (a static import would load the bundle before it is on), then the bundle.
 * $XDG_CACHE_HOME is used only when absolute, as the XDG spec says; NODE_COMPILE_CACHE, when set, wins (Node
 * enables the cache from it before this runs) and NODE_DISABLE_COMPILE_CACHE turns it off.
 */
const EXECUTABLE = `#!/usr/bin/env node
// The sim executable (written by scripts/build-cli.ts): Node's compile cache, then the bundled CLI.
import * as nodeModule from 'node:module';
import { homedir } from 'node:os';
import { isAbsolute, join } from 'node:path';

try {
  if (typeof nodeModule.enableCompileCache === 'function' && !process.env.NODE_COMPILE_CACHE) {
    const xdg = process.env.XDG_CACHE_HOME;
    const base = xdg && isAbsolute(xdg) ? xdg : join(homedir(), '.cache');
    nodeModule.enableCompileCache(join(base, 'talos-sim', 'compile-cache'));
  }
} catch {
  // no home or no writable cache directory: run uncached
}
await import('./sim-main.js');
`;

/** Imports of a standalone entry point stay imports of its file, next to the importer in the output. */
const STANDALONE_IMPORTS: Plugin = {
  name: 'standalone-imports',
  setup(b) {
    const names = Object.keys(STANDALONE_ENTRY_POINTS);
    // every output is in one directory: `./commands/get-snapshot.js` (or `../…`) is `./get-snapshot.js` there
    b.onResolve({ filter: new RegExp(`^\\.\\.?/(?:.*/)?(${names.join('|')})\\.js$`) }, (args) => ({
      path: `./${args.path.slice(args.path.lastIndexOf('/') + 1)}`,
      external: true,
    }));
  },
};

/** CommonJS dependencies call require(); an ES module bundle has none of its own. */
const REQUIRE_SHIM =
  "import { createRequire as __simCreateRequire } from 'node:module';\n" +
  'const require = __simCreateRequire(import.meta.url);';

/**
 * esbuild escapes non-ASCII characters in strings but leaves them in regular expressions (`/µs/`): one such character
 * makes V8 hold and scan the whole chunk as a two-byte string. `\uXXXX` means the same character in a string, a
 * regular expression (with or without the u flag: surrogate pairs included) and an identifier; comments are gone.
 */
function asciiOnly(text: string): string {
  // biome-ignore lint/suspicious/noControlCharactersInRegex: the range is everything outside ASCII
  return text.replace(/[^\x00-\x7f]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

/**
 * The output files an entry point loads, statically or by dynamic import, read from the files themselves: esbuild
 * also writes a chunk for a dynamic import whose importer tree shaking dropped, and its metafile still lists it.
 */
function reachableOutputs(files: readonly OutputFile[], entries: readonly string[]): OutputFile[] {
  const byPath = new Map(files.map((f) => [f.path, f]));
  const seen = new Set<string>();
  const next = files.filter((f) => entries.includes(f.path)).map((f) => f.path);
  for (let path = next.pop(); path !== undefined; path = next.pop()) {
    if (seen.has(path)) continue;
    seen.add(path);
    const text = byPath.get(path)?.text ?? '';
    for (const m of text.matchAll(/(?:\bfrom\s*|\bimport\s*\(?\s*)["'](\.\/[^"']+)["']/g)) {
      const target = join(dirname(path), m[1] as string);
      if (byPath.has(target)) next.push(target);
    }
  }
  return files.filter((f) => seen.has(f.path));
}

/**
 * Writes the bundle into `outdir` (resolved against the repository; it must lie inside it, so that the external
 * packages resolve) and returns the path of the executable.
 */
export async function buildCli(outdir: string): Promise<string> {
  const out = resolve(repo, outdir);
  // chunk names carry content hashes: chunks of an earlier build would otherwise stay (and be packed)
  rmSync(out, { recursive: true, force: true });
  const options = {
    absWorkingDir: repo,
    write: false,
    outdir: out,
    entryNames: '[name]',
    bundle: true,
    format: 'esm',
    platform: 'node',
    target: 'node20',
    // fewer bytes to read, decode and scan at every start; no comment can make a chunk a two-byte string (one
    // non-ASCII character in a comment doubles what V8 holds and decodes). Names stay: messages show class names.
    minifyWhitespace: true,
    minifySyntax: true,
    external: EXTERNAL,
    banner: { js: REQUIRE_SHIM },
    logLevel: 'warning',
  } as const;
  const lazyBuiltins = lazyBuiltinModules(Object.values(ENTRY_POINTS).filter((e) => e.endsWith('-worker.ts')));
  const [chunked, standalone] = await Promise.all([
    build({
      ...options,
      entryPoints: ENTRY_POINTS,
      chunkNames: '[name]-[hash]',
      splitting: true,
      plugins: [SLIM_DEPENDENCIES, lazyBuiltins, FS_WITHOUT_FACADE, STANDALONE_IMPORTS],
    }),
    // chunked too (what it loads only on a hit is a chunk of its own), with names of their own
    build({
      ...options,
      entryPoints: STANDALONE_ENTRY_POINTS,
      chunkNames: 'standalone-[hash]',
      splitting: true,
      plugins: [SLIM_DEPENDENCIES, lazyBuiltins, FS_WITHOUT_FACADE, LAZY_PACKAGE_IMPORTS],
    }),
  ]);
  const standaloneEntries = Object.keys(STANDALONE_ENTRY_POINTS).map((name) => join(out, `${name}.js`));
  // the files, in name order, make the build's identity (in cache keys of boot assets and snapshots): written over
  // the placeholder of build-identity.ts in every file, so every bundle of the executable has the same
  const files = [...chunked.outputFiles, ...reachableOutputs(standalone.outputFiles, standaloneEntries)]
    .map((file) => ({ path: file.path, text: asciiOnly(file.text) }))
    .sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  const digest = createHash('sha256');
  for (const file of files) digest.update(`${relative(out, file.path)}\0${file.text.length}\0`).update(file.text);
  const identity = digest.digest('hex');
  let replaced = 0;
  for (const file of files) {
    const text = file.text.replaceAll(BUNDLE_DIGEST_PLACEHOLDER, identity);
    if (text !== file.text) replaced++;
    mkdirSync(dirname(file.path), { recursive: true });
    writeFileSync(file.path, text);
  }
  // the chunked bundle and each standalone entry carry build-identity.ts; a bundle without it has no identity
  if (replaced < 1 + Object.keys(STANDALONE_ENTRY_POINTS).length) {
    throw new Error(`the build identity's placeholder was found in ${replaced} files of the bundle`);
  }
  const sim = join(out, 'sim.js');
  writeFileSync(sim, EXECUTABLE, { mode: 0o755 });
  chmodSync(sim, 0o755);
  return sim;
}

/**
 * npx keeps the bin link of a local project in its cache, keyed by the project's path: a checkout that ran `npx sim`
 * before the executable was bundled still runs dist/src/cli.js (the same CLI, unbundled), so it stays executable.
 */
function keepUnbundledEntryExecutable(): void {
  const entry = join(repo, 'dist', 'src', 'cli.js');
  if (existsSync(entry)) chmodSync(entry, 0o755);
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) {
  buildCli(process.argv[2] ?? 'dist/cli').then(keepUnbundledEntryExecutable, (err: unknown) => {
    console.error(err);
    process.exitCode = 1;
  });
}
