// Bundles the `sim` executable into dist/cli. Loading the ~600 modules of the unbundled build (inversify alone is
// ~250 files, rxjs's CommonJS index requires every operator) took half of `sim get extensions`' 0.55 s; one bundle
// with lazily loaded chunks starts in a fraction of that. The library (dist/src) stays unbundled.
//
// The read-pool and compression workers are entry points of their own, written next to the chunks: the code that
// starts them looks for `./read-pool-worker.js` and `./compress-worker.js` beside itself. Packages that load files
// relative to their own directory (WASM, a native addon) stay external.
import { chmodSync, existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { build } from 'esbuild';

const repo = fileURLToPath(new URL('..', import.meta.url));

const ENTRY_POINTS = {
  sim: 'src/cli.ts',
  'read-pool-worker': 'src/squashfs/read-pool-worker.ts',
  'compress-worker': 'src/squashfs/writer/compress-worker.ts',
};

/** Packages resolved at run time from node_modules rather than bundled. */
const EXTERNAL = ['@bokuweb/zstd-wasm', 'node-liblzma', 'zstddec', 'tsx'];

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
