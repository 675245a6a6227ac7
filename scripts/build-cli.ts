// Bundles the `sim` executable into dist/cli. Loading the ~600 modules of the unbundled build (inversify alone is
// ~250 files, rxjs's CommonJS index requires every operator) took half of `sim get extensions`' 0.55 s; one bundle
// with lazily loaded chunks starts in a fraction of that. The library (dist/src) stays unbundled.
//
// The read-pool and compression workers are entry points of their own, written next to the chunks: the code that
// starts them looks for `./read-pool-worker.js` and `./compress-worker.js` beside itself. Packages that load files
// relative to their own directory (WASM, a native addon) stay external.
//
// The executable itself (sim.js) is a few lines written here: it turns on Node's module compile cache (Node >= 22.1)
// under the user's cache directory, and only then imports the bundle (sim-main.js), so that the bundle's chunks are
// compiled from the cache from the second run on. Without a usable cache directory it runs as it would without one.
import { chmodSync, existsSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { build } from 'esbuild';

const repo = fileURLToPath(new URL('..', import.meta.url));

const ENTRY_POINTS = {
  'sim-main': 'src/cli.ts',
  'read-pool-worker': 'src/squashfs/read-pool-worker.ts',
  'compress-worker': 'src/squashfs/writer/compress-worker.ts',
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

/** CommonJS dependencies call require(); an ES module bundle has none of its own. */
const REQUIRE_SHIM =
  "import { createRequire as __simCreateRequire } from 'node:module';\n" +
  'const require = __simCreateRequire(import.meta.url);';

/**
 * Writes the bundle into `outdir` (resolved against the repository; it must lie inside it, so that the external
 * packages resolve) and returns the path of the executable.
 */
export async function buildCli(outdir: string): Promise<string> {
  const out = resolve(repo, outdir);
  // chunk names carry content hashes: chunks of an earlier build would otherwise stay (and be packed)
  rmSync(out, { recursive: true, force: true });
  await build({
    absWorkingDir: repo,
    entryPoints: ENTRY_POINTS,
    outdir: out,
    entryNames: '[name]',
    chunkNames: '[name]-[hash]',
    bundle: true,
    splitting: true,
    format: 'esm',
    platform: 'node',
    target: 'node20',
    external: EXTERNAL,
    banner: { js: REQUIRE_SHIM },
    logLevel: 'warning',
  });
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
