// esbuild plugins that shape what the bundled `sim` loads (scripts/build-cli.ts): dependencies pointed at what the
// sources use, built-ins and packages loaded on first use, node:fs without its ES module facade.
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Plugin } from 'esbuild';

const repo = fileURLToPath(new URL('..', import.meta.url));

/**
 * Dependencies whose default entry for Node is a CommonJS build that loads far more than the CLI uses (a CommonJS
 * module cannot be tree-shaken: every file it requires is bundled, parsed and run). Each is pointed at an ES module
 * build or at the one module the sources import from it, so that esbuild keeps only what is used.
 * - rxjs: its CommonJS index requires every operator; its `es2015` ES module build (sideEffects: false) shakes.
 * - memfs: the sources use only `Volume`; memfs's index also builds a default volume and loads the fs helpers.
 * - semver: the sources use only the `SemVer` class; the index loads every range function and class.
 */
export const SLIM_DEPENDENCIES: Plugin = {
  name: 'slim-dependencies',
  setup(b) {
    // rxjs's exports map hides its builds: the ES module index lies beside the CommonJS one Node resolves
    const rxjs = createRequire(join(repo, 'package.json')).resolve('rxjs');
    b.onResolve({ filter: /^rxjs$/ }, () => ({ path: join(dirname(dirname(rxjs)), 'esm', 'index.js') }));
    b.onResolve({ filter: /^(memfs|semver)$/ }, (args) => ({ path: args.path, namespace: 'slim' }));
    b.onLoad({ filter: /.*/, namespace: 'slim' }, (args) => ({
      contents:
        args.path === 'memfs'
          ? "export { Volume } from '@jsonjoy.com/fs-node/lib/volume.js';"
          : "import SemVer from 'semver/classes/semver.js';\nexport { SemVer };",
      resolveDir: args.path === 'memfs' ? join(repo, 'node_modules', 'memfs') : repo,
      loader: 'js',
    }));
  },
};

/**
 * Node built-in modules that cost milliseconds to load and that most `sim` runs never use: commander loads
 * child_process (and with it net and dgram) for executable subcommands `sim` has none of; node-address.ts takes only
 * isIPv6 from net; the squashfs pools start workers only to unpack and build. Importers get stand-ins that load the
 * module on first call. Only the names listed exist: importing another one fails the build, not a run. The worker
 * entry points keep the real module (they run inside a worker, where it is loaded anyway).
 */
const LAZY_BUILTINS: Readonly<Record<string, readonly string[]>> = {
  'node:child_process': ['spawn', 'spawnSync'],
  'node:net': ['isIPv6'],
  'node:worker_threads': ['Worker'],
};

/** The lazy built-ins for every importer but the worker entry points `workers` (files, relative to the repository). */
export function lazyBuiltinModules(workers: readonly string[]): Plugin {
  return {
    name: 'lazy-builtins',
    setup(b) {
      const names = Object.keys(LAZY_BUILTINS).map((m) => m.slice('node:'.length));
      const filter = new RegExp(`^(node:)?(${names.join('|')})$`);
      b.onResolve({ filter }, (args) => {
        if (workers.some((w) => args.importer.endsWith(w))) return undefined;
        return { path: args.path.startsWith('node:') ? args.path : `node:${args.path}`, namespace: 'lazy-builtin' };
      });
      b.onLoad({ filter: /.*/, namespace: 'lazy-builtin' }, (args) => ({
        contents: lazyStandIn(`process.getBuiltinModule(${JSON.stringify(args.path)})`, LAZY_BUILTINS[args.path] ?? []),
        loader: 'js',
      }));
    },
  };
}

/**
 * node:fs as the bundle imports it. Node's ES module facade of a built-in reads every export once, and node:fs's
 * ReadStream, WriteStream and promises are getters that load the file streams, fs/promises and readline: 15-20 ms of
 * every `sim` run on Node 24, for streams few commands use. The stand-in takes node:fs from process.getBuiltinModule
 * (no facade) and exports its functions, `constants`, `Stats` and `Dirent`; a function behind a getter (Node 20's
 * opendir) is called through. The stream classes, `Dir`, `promises` and the deprecated F_OK… are not exported:
 * importing one fails the build (fs.promises of the default export and node:fs/promises still work).
 */
export const FS_WITHOUT_FACADE: Plugin = {
  name: 'fs-without-facade',
  setup(b) {
    // ES module imports only: require('fs') (commander's, memfs's) builds no facade and gets the real module
    b.onResolve({ filter: /^(node:)?fs$/ }, (args) =>
      args.kind === 'import-statement' ? { path: 'node:fs', namespace: 'fs-without-facade' } : undefined,
    );
    b.onLoad({ filter: /.*/, namespace: 'fs-without-facade' }, () => {
      const fs = createRequire(import.meta.url)('node:fs') as Record<string, unknown>;
      const lines = [
        "const fs = process.getBuiltinModule('node:fs');",
        'export default fs;',
        'export const { constants, Stats, Dirent } = fs;',
      ];
      for (const name of Object.keys(fs)) {
        if (!/^[a-z]/.test(name) || name === 'constants' || typeof fs[name] !== 'function') continue;
        const getter = Object.getOwnPropertyDescriptor(fs, name)?.get !== undefined;
        lines.push(
          getter
            ? `export function ${name}(...args) { return fs.${name}(...args); }`
            : `export const ${name} = fs.${name};`,
        );
      }
      return { contents: lines.join('\n'), loader: 'js' };
    });
  },
};

/**
 * Packages that modules of a standalone entry point load only when one of their functions is first called: the
 * module named gets stand-ins for the names listed (importing another name fails the build), and the package itself
 * is required from node_modules on the first call, as the CommonJS package it is. `sim get` from a snapshot parses
 * YAML text only to print a spec that is raw YAML: loading the yaml package up front cost it 3-4 ms, and bundling it
 * (its 100 KB read and compiled at every start) 3-5 ms more.
 */
const LAZY_PACKAGES: Readonly<Record<string, { readonly importer: string; readonly names: readonly string[] }>> = {
  yaml: {
    importer: 'src/goyaml/parse-first-document.ts',
    names: ['isAlias', 'isMap', 'isScalar', 'isSeq', 'parseAllDocuments'],
  },
};

export const LAZY_PACKAGE_IMPORTS: Plugin = {
  name: 'lazy-packages',
  setup(b) {
    const filter = new RegExp(`^(${Object.keys(LAZY_PACKAGES).join('|')})$`);
    b.onResolve({ filter }, (args) => {
      // the stand-in's own require: left to Node, at run time
      if (args.namespace === 'lazy-package') return { path: args.path, external: true };
      return args.importer === join(repo, LAZY_PACKAGES[args.path]?.importer ?? '')
        ? { path: args.path, namespace: 'lazy-package' }
        : undefined;
    });
    b.onLoad({ filter: /.*/, namespace: 'lazy-package' }, (args) => ({
      contents: lazyStandIn(`require(${JSON.stringify(args.path)})`, LAZY_PACKAGES[args.path]?.names ?? []),
      resolveDir: repo,
      loader: 'js',
    }));
  },
};

/**
 * A module exporting `names` as functions that evaluate `load` (once) on their first call and call through. A name
 * with a capital is a class: a function called with `new` that returns an object yields that object, so
 * `new Worker(…)` stays a Worker.
 */
function lazyStandIn(load: string, names: readonly string[]): string {
  return [
    'let loaded;',
    `const load = () => (loaded ??= ${load});`,
    ...names.map(
      (name) =>
        `export function ${name}(...args) { return ${/^[A-Z]/.test(name) ? 'new ' : ''}(load().${name})(...args); }`,
    ),
  ].join('\n');
}
