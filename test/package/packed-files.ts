// Which files of the package its entry points reach: the exports (types and code) and the bin, following every
// relative import, re-export, dynamic import and worker URL of the built files. What `npm pack` must carry, exactly.
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, normalize } from 'node:path';

export interface PackageEntryPoints {
  readonly exports: Record<string, string | Record<string, string>>;
  readonly bin: Record<string, string>;
}

export interface Reach {
  /** Files reached, relative to the package root. */
  readonly files: Set<string>;
  /** Relative imports whose target does not exist: `from → target`. */
  readonly broken: string[];
}

/** Relative module specifiers a built file loads: imports, re-exports, dynamic imports, worker URLs. */
function relativeSpecifiers(text: string): string[] {
  const out: string[] = [];
  const patterns = [
    /\bfrom\s*["'](\.{1,2}\/[^"']+)["']/g,
    /\bimport\s*\(\s*["'](\.{1,2}\/[^"']+)["']\s*\)/g,
    /\bimport\s*["'](\.{1,2}\/[^"']+)["']/g,
    /\bnew URL\(\s*["'](\.{1,2}\/[^"']+)["']\s*,\s*import\.meta\.url/g,
  ];
  for (const re of patterns) for (const m of text.matchAll(re)) out.push(m[1] as string);
  return out;
}

/** Every file of the built package under `root` that its entry points reach. */
export function reachable(root: string, pkg: PackageEntryPoints): Reach {
  const start = [
    ...Object.values(pkg.exports).flatMap((e) => (typeof e === 'string' ? [e] : Object.values(e))),
    ...Object.values(pkg.bin),
  ].map((p) => ({ file: normalize(p), from: 'package.json' }));
  const files = new Set<string>();
  const broken: string[] = [];
  for (let next = start.pop(); next !== undefined; next = start.pop()) {
    const { file, from } = next;
    if (files.has(file)) continue;
    if (!existsSync(join(root, file))) {
      broken.push(`${from} → ${file}`);
      continue;
    }
    files.add(file);
    if (!/\.(js|d\.ts)$/.test(file)) continue;
    for (const spec of relativeSpecifiers(readFileSync(join(root, file), 'utf8'))) {
      // workers started from TypeScript sources when running unbuilt (tests, benches); built code loads the .js
      if (/(?<!\.d)\.ts$/.test(spec)) continue;
      const target = normalize(join(dirname(file), spec));
      start.push({ file: target, from: file });
      // a module's declarations sit beside it (the bundled executable's chunks have none)
      const types = target.replace(/\.js$/, '.d.ts');
      if (types !== target && existsSync(join(root, types))) start.push({ file: types, from: file });
    }
  }
  return { files, broken };
}
