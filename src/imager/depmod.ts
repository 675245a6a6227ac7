// talos-sim's depmod: what `depmod --all --config <search extras built-in> <kver>` computes for the imager's merged
// module tree, with dependencies taken from each module's `.modinfo` `depends=` field instead of its symbol tables.
// Follows kmod's tools/depmod.c where its results are defined:
// - modules are `*.ko` (and compressed `*.ko.gz|xz|zst`) files; `build` and `source` directories are skipped; the
//   module name is the file name up to its first dot with `-` turned into `_`;
// - two files with one module name: the one under `extras/` wins over the built-in one; among built-in ones the
//   first found wins; among `extras/` ones the last found wins (a quirk of kmod's priority loop);
// - output order: modules.order first (unless its last line lacks a newline, which kmod treats as corrupt and
//   then sorts nothing), the rest in the order they were found (kmod: hash order; here: byte order of paths);
// - modules.dep lists every transitive dependency, sorted by kmod's topological order (modules nobody depends on
//   first), so modprobe loads them from the end; a dependency cycle fails.
// Writes modules.dep, modules.alias, modules.softdep and modules.weakdep; the binary indexes (`*.bin`),
// modules.symbols and modules.devname are not regenerated.
import { gunzipSync } from 'node:zlib';
import type { FsNode } from '../extensions/index.js';
import { readModinfo } from './modinfo.js';
import { statPath, type TreeLocation } from './tree-files.js';

/** A module depmod indexed. */
export interface DepmodModule {
  /** Module name (`snd_pcm`). */
  readonly name: string;
  /** Path relative to the kernel's module directory, as found (`kernel/sound/core/snd-pcm.ko`). */
  readonly path: string;
  /** Direct dependencies by module name, from `depends=` (only modules depmod found). */
  readonly depends: readonly string[];
}

export interface DepmodResult {
  /** Modules in output order. */
  readonly modules: readonly DepmodModule[];
  /** The files depmod writes, by name (`modules.dep`, …). */
  readonly files: ReadonlyMap<string, string>;
}

export class DepmodError extends Error {
  readonly kind = 'depmod';
  constructor(message: string) {
    super(message);
    this.name = 'DepmodError';
  }
}

export function isDepmodError(err: unknown): err is DepmodError {
  return err instanceof DepmodError;
}

const MODULE_FILE = /\.ko(?:\.gz|\.xz|\.zst)?$/;
const MAX_DEPTH = 64;

interface Found {
  readonly name: string;
  readonly path: string;
  readonly uncompressed: string;
  readonly node: FsNode;
  readonly extras: boolean;
}

function moduleName(fileName: string): string {
  const dot = fileName.indexOf('.');
  return (dot === -1 ? fileName : fileName.slice(0, dot)).replaceAll('-', '_');
}

function compareBytes(a: string, b: string): number {
  return Buffer.compare(Buffer.from(a), Buffer.from(b));
}

/** Entries of a directory with symlinks followed (kmod stats what readdir reports; dangling links are skipped). */
function entries(dir: TreeLocation): [string, FsNode][] {
  const node = statPath(dir);
  if (node.kind !== 'directory') return [];
  const out: [string, FsNode][] = [];
  for (const name of [...node.entries.keys()].sort(compareBytes)) {
    try {
      out.push([name, statPath({ ...dir, path: `${dir.path}/${name}` })]);
    } catch {
      // kmod logs the failed stat and goes on
    }
  }
  return out;
}

function search(dir: TreeLocation): Found[] {
  const found: Found[] = [];
  const visit = (names: readonly string[]) => {
    if (names.length > MAX_DEPTH) return;
    for (const [name, entry] of entries({ ...dir, path: [dir.path, ...names].join('/') })) {
      if (entry.kind === 'directory') {
        if (name !== 'build' && name !== 'source') visit([...names, name]);
      } else if (entry.kind === 'file' && MODULE_FILE.test(name)) {
        const path = [...names, name].join('/');
        const mod = moduleName(name);
        found.push({
          name: mod,
          path,
          uncompressed: path.replace(/\.ko(?:\.[a-z]+)?$/, '.ko'),
          node: entry,
          extras: path.startsWith('extras/'),
        });
      }
    }
  };
  visit([]);
  return found;
}

/** kmod's priority rule, including the else-if that lets a later `extras/` module replace an earlier one. */
function keepsExisting(existing: Found, candidate: Found): boolean {
  const newPrio = candidate.extras ? 1 : 0;
  const oldPrio = !candidate.extras && existing.extras ? 1 : 0;
  return newPrio <= oldPrio;
}

function modinfoOf(f: Found): { key: string; value: string }[] {
  if (f.node.kind !== 'file') return [];
  let bytes = f.node.read();
  if (f.path.endsWith('.gz')) {
    try {
      bytes = gunzipSync(bytes);
    } catch {
      return [];
    }
  } else if (!f.path.endsWith('.ko')) {
    return []; // xz and zstd modules: no decompressor in Node 20
  }
  return readModinfo(bytes) ?? [];
}

function order(mods: readonly Found[], modulesOrder: string | undefined): Found[] {
  const sorted = [...mods].sort((a, b) => compareBytes(a.path, b.path));
  if (modulesOrder === undefined) return sorted;
  const lines = modulesOrder.split('\n');
  if (lines.pop() !== '') return sorted; // last line without a newline: kmod gives up sorting
  const rank = new Map<string, number>();
  for (const line of lines) if (!rank.has(line)) rank.set(line, rank.size);
  const listed = sorted.filter((m) => rank.has(m.uncompressed));
  listed.sort((a, b) => (rank.get(a.uncompressed) as number) - (rank.get(b.uncompressed) as number));
  return [...listed, ...sorted.filter((m) => !rank.has(m.uncompressed))];
}

/**
 * Runs depmod over a kernel module directory (`/usr/lib/modules/<kver>`), reading its `modules.order` when there is
 * one. Throws DepmodError on dependency cycles.
 */
export function depmod(dir: TreeLocation): DepmodResult {
  let modulesOrder: string | undefined;
  try {
    const node = statPath({ ...dir, path: `${dir.path}/modules.order` });
    if (node.kind === 'file') modulesOrder = new TextDecoder().decode(node.read());
  } catch {
    // no modules.order: nothing is sorted
  }
  const byName = new Map<string, Found>();
  for (const f of search(dir)) {
    const existing = byName.get(f.name);
    if (existing !== undefined && keepsExisting(existing, f)) continue;
    byName.delete(f.name);
    byName.set(f.name, f);
  }
  const mods = order([...byName.values()], modulesOrder);
  const index = new Map(mods.map((m, i) => [m.name, i]));
  const info = mods.map(modinfoOf);
  const deps = info.map((entries, i) => {
    const out: number[] = [];
    for (const e of entries) {
      if (e.key !== 'depends') continue;
      for (const raw of e.value.split(',')) {
        const j = index.get(raw.trim().replaceAll('-', '_'));
        if (j !== undefined && j !== i && !out.includes(j)) out.push(j);
      }
    }
    return out;
  });
  const sortIdx = topologicalOrder(mods, deps);
  const lines = mods.map((m, i) => {
    const all = transitive(i, deps).sort((a, b) => (sortIdx[a] as number) - (sortIdx[b] as number));
    return `${m.path}:${all.map((j) => ` ${(mods[j] as Found).path}`).join('')}\n`;
  });
  const listing = (header: string, key: string, line: (m: Found, v: string) => string) =>
    header + mods.flatMap((m, i) => (info[i] ?? []).filter((e) => e.key === key).map((e) => line(m, e.value))).join('');
  const files = new Map<string, string>([
    ['modules.dep', lines.join('')],
    [
      'modules.alias',
      listing('# Aliases extracted from modules themselves.\n', 'alias', (m, v) => `alias ${v} ${m.name}\n`),
    ],
    [
      'modules.softdep',
      listing(
        '# Soft dependencies extracted from modules themselves.\n',
        'softdep',
        (m, v) => `softdep ${m.name} ${v}\n`,
      ),
    ],
    [
      'modules.weakdep',
      listing(
        '# Weak dependencies extracted from modules themselves.\n',
        'weakdep',
        (m, v) => `weakdep ${m.name} ${v}\n`,
      ),
    ],
  ]);
  return {
    modules: mods.map((m, i) => ({
      name: m.name,
      path: m.path,
      depends: (deps[i] ?? []).map((j) => (mods[j] as Found).name),
    })),
    files,
  };
}

/** kmod's depmod_calculate_dependencies: Kahn's algorithm with a stack, modules without users first. */
function topologicalOrder(mods: readonly Found[], deps: readonly number[][]): number[] {
  const users = mods.map(() => 0);
  for (const d of deps) for (const j of d) users[j] = (users[j] as number) + 1;
  const roots = mods.map((_, i) => i).filter((i) => users[i] === 0);
  const sortIdx = mods.map(() => -1);
  let sorted = 0;
  while (roots.length > 0) {
    const src = roots.pop() as number;
    sortIdx[src] = sorted++;
    for (const dst of deps[src] ?? []) {
      users[dst] = (users[dst] as number) - 1;
      if (users[dst] === 0) roots.push(dst);
    }
  }
  if (sorted < mods.length) {
    throw new DepmodError(`Found ${mods.length - sorted} modules in dependency cycles!`);
  }
  return sortIdx;
}

/**
 * Every module `i` depends on, directly or not, each once (kmod's mod_fill_all_unique_dependencies), in kmod's
 * depth-first order; an explicit stack stands for its recursion, so a long chain of dependencies cannot exhaust the
 * JavaScript stack.
 */
function transitive(i: number, deps: readonly number[][]): number[] {
  const out: number[] = [];
  const seen = new Set<number>();
  const stack: { k: number; next: number }[] = [{ k: i, next: 0 }];
  for (let top = stack.at(-1); top !== undefined; top = stack.at(-1)) {
    const d = deps[top.k]?.[top.next++];
    if (d === undefined) {
      stack.pop();
      continue;
    }
    if (seen.has(d)) continue;
    seen.add(d);
    out.push(d);
    stack.push({ k: d, next: 0 });
  }
  return out;
}
