// Reference model for the overlay property test: random layers in an abstract form, their flattening written
// straight from overlayfs.rst, and a plain Map of paths that the facade's calls are replayed against.

/** An entry of a generated layer. */
export type GenNode =
  | { readonly kind: 'file'; readonly content: string }
  | { readonly kind: 'symlink'; readonly target: string }
  | { readonly kind: 'whiteout'; readonly style: 'kernel' | 'oci' }
  | {
      readonly kind: 'dir';
      readonly opaque: 'none' | 'kernel' | 'oci';
      readonly children: Readonly<Record<string, GenNode>>;
    };

export type GenDir = Extract<GenNode, { kind: 'dir' }>;

export type ModelNode =
  | { readonly type: 'file'; readonly content: string; readonly mode: number }
  | { readonly type: 'symlink'; readonly target: string }
  | { readonly type: 'dir'; readonly lower: boolean; readonly mode: number };

export type Outcome = { readonly ok: true; readonly value?: unknown } | { readonly ok: false; readonly code: string };

const join = (dir: string, name: string): string => (dir === '/' ? `/${name}` : `${dir}/${name}`);

/** The merged view of layers (top first): per name the top entry wins, directories merge until a non-directory,
 * a whiteout or an opaque directory. */
export function flatten(layers: readonly GenDir[]): Map<string, ModelNode> {
  const out = new Map<string, ModelNode>([['/', { type: 'dir', lower: true, mode: 0o755 }]]);
  const merge = (dirs: readonly GenDir[], path: string): void => {
    const names = new Set(dirs.flatMap((d) => Object.keys(d.children)));
    for (const name of names) {
      const found = dirs.map((d) => d.children[name]).filter((n): n is GenNode => n !== undefined);
      const top = found[0] as GenNode;
      const child = join(path, name);
      if (top.kind === 'whiteout') continue;
      if (top.kind === 'file') out.set(child, { type: 'file', content: top.content, mode: 0o644 });
      if (top.kind === 'symlink') out.set(child, { type: 'symlink', target: top.target });
      if (top.kind !== 'dir') continue;
      const stack: GenDir[] = [top];
      for (const below of found.slice(1)) {
        if ((stack.at(-1) as GenDir).opaque !== 'none' || below.kind !== 'dir') break;
        stack.push(below);
      }
      out.set(child, { type: 'dir', lower: true, mode: 0o755 });
      merge(stack, child);
    }
  };
  merge(layers, '/');
  return out;
}

type Resolved =
  | {
      readonly ok: true;
      readonly path: string | undefined;
      readonly parent: string;
      readonly name: string;
      readonly dirOnly: boolean;
    }
  | { readonly ok: false; readonly code: string };

/** Linux path resolution over the model's paths (40 symlinks at most, `..` never above the root). */
export function resolve(
  model: ReadonlyMap<string, ModelNode>,
  path: string,
  follow: boolean,
  allowMissing = false,
  createFile = false,
): Resolved {
  const trailing = /(^|\/)(\.|\.\.)?$/.test(path) && path !== '/';
  let dirOnly = trailing || path.endsWith('/');
  const lastOf = (p: string): string => {
    const name = p.replace(/\/+$/, '').split('/').at(-1) ?? '';
    return name === '.' || name === '..' ? '' : name;
  };
  let name = lastOf(path);
  const stack: string[] = [];
  // "." stays: like any name it is looked up in a directory ("missing/." is ENOENT)
  const todo = path.split('/').filter((c) => c !== '');
  let hops = 0;
  const current = (): string => (stack.length === 0 ? '/' : `/${stack.join('/')}`);
  while (todo.length > 0) {
    const component = todo.shift() as string;
    // ".." and ".", like any name, are looked up in a directory: "file/.." is ENOTDIR
    if (model.get(current())?.type !== 'dir') return { ok: false, code: 'ENOTDIR' };
    const last = todo.length === 0;
    // open(2) with O_CREAT: a last name that must be a directory is EISDIR before it is looked up
    if (last && createFile && dirOnly && component !== '.' && component !== '..') return { ok: false, code: 'EISDIR' };
    if (component === '.') continue;
    if (component === '..') {
      stack.pop();
      continue;
    }
    const candidate = join(current(), component);
    const node = model.get(candidate);
    if (node === undefined) {
      if (last && allowMissing) return { ok: true, path: undefined, parent: current(), name: component, dirOnly };
      return { ok: false, code: 'ENOENT' };
    }
    if (node.type === 'symlink' && (!last || follow || dirOnly)) {
      if (++hops > 40) return { ok: false, code: 'ELOOP' };
      if (node.target.startsWith('/')) stack.length = 0;
      todo.unshift(...node.target.split('/').filter((c) => c !== ''));
      if (last) {
        dirOnly ||= /(^|\/)(\.|\.\.)?$/.test(node.target);
        name = lastOf(node.target);
      }
      continue;
    }
    stack.push(component);
  }
  const at = current();
  if (dirOnly && model.get(at)?.type !== 'dir') return { ok: false, code: 'ENOTDIR' };
  const parent = stack.length === 0 ? '/' : stack.length === 1 ? '/' : `/${stack.slice(0, -1).join('/')}`;
  return { ok: true, path: at, parent, name: stack.length === 0 ? '' : name, dirOnly };
}

export const childrenOf = (model: ReadonlyMap<string, ModelNode>, dir: string): string[] =>
  [...model.keys()]
    .filter((p) => p !== '/' && p.slice(0, p.lastIndexOf('/') || 1) === dir)
    .map((p) => p.slice(p.lastIndexOf('/') + 1))
    .sort();

function removeTree(model: Map<string, ModelNode>, path: string): void {
  for (const key of [...model.keys()]) if (key === path || key.startsWith(`${path}/`)) model.delete(key);
}

const fail = (code: string): Outcome => ({ ok: false, code });
/** A path without trailing slashes (the root stays "/"). */
const bare = (p: string): string => p.replace(/(?<=[^/])\/+$/, '');

/** The error a removing call gives when the last name is ".", ".." or the root (the kernel's LAST_* types). */
function notAName(path: string, call: 'unlink' | 'rmdir' | 'rename'): Outcome {
  const last = bare(path).split('/').pop();
  const kind = last === '.' || last === '..' ? last : 'root';
  if (call === 'unlink') return fail('EISDIR');
  if (call === 'rename') return fail('EBUSY');
  return fail(kind === '.' ? 'EINVAL' : kind === '..' ? 'ENOTEMPTY' : 'EBUSY');
}
const OK: Outcome = { ok: true };

/** The model's side of the calls the property test makes; each returns what the facade should. */
export const modelCalls = {
  writeFile(model: Map<string, ModelNode>, path: string, content: string, append: boolean): Outcome {
    const r = resolve(model, path, true, true, true);
    if (!r.ok) return r;
    if (r.path === undefined) {
      model.set(join(r.parent, r.name), { type: 'file', content, mode: 0o644 });
      return OK;
    }
    const node = model.get(r.path) as ModelNode;
    if (node.type === 'dir') return fail('EISDIR');
    if (node.type === 'file') model.set(r.path, { ...node, content: append ? node.content + content : content });
    return OK;
  },
  // mkdir, symlink, unlink and rmdir never follow their last name, trailing slash or not
  mkdir(model: Map<string, ModelNode>, path: string): Outcome {
    const r = resolve(model, bare(path), false, true);
    if (!r.ok) return r;
    if (r.path !== undefined || r.name === '') return fail('EEXIST');
    model.set(join(r.parent, r.name), { type: 'dir', lower: false, mode: 0o755 });
    return OK;
  },
  symlink(model: Map<string, ModelNode>, target: string, path: string): Outcome {
    const r = resolve(model, bare(path), false, true);
    if (!r.ok) return r;
    if (r.path !== undefined || r.name === '') return fail('EEXIST');
    if (path.endsWith('/')) return fail('ENOENT');
    model.set(join(r.parent, r.name), { type: 'symlink', target });
    return OK;
  },
  unlink(model: Map<string, ModelNode>, path: string): Outcome {
    const r = resolve(model, bare(path), false);
    if (!r.ok) return r;
    if (r.name === '') return notAName(path, 'unlink');
    if (model.get(r.path as string)?.type === 'dir') return fail('EISDIR');
    if (path.endsWith('/')) return fail('ENOTDIR');
    model.delete(r.path as string);
    return OK;
  },
  rmdir(model: Map<string, ModelNode>, path: string): Outcome {
    const r = resolve(model, bare(path), false);
    if (!r.ok) return r;
    if (r.name === '') return notAName(path, 'rmdir');
    if (model.get(r.path as string)?.type !== 'dir') return fail('ENOTDIR');
    if (childrenOf(model, r.path as string).length > 0) return fail('ENOTEMPTY');
    model.delete(r.path as string);
    return OK;
  },
  /** rm -r (no force): removes an entry and everything below it, never following symlinks. */
  rm(model: Map<string, ModelNode>, path: string): Outcome {
    // node's rm: lstat says what it is (a trailing slash follows a link there), then rmdir or unlink remove the
    // name itself, never followed; rmdir refuses ".", ".." and the root
    const r = resolve(model, path, false);
    if (!r.ok) return r;
    const entry = resolve(model, bare(path), false);
    if (!entry.ok) return entry;
    if (model.get(r.path as string)?.type === 'dir' && model.get(entry.path as string)?.type !== 'dir') {
      return fail('ENOTDIR');
    }
    if (entry.name === '') return notAName(path, 'rmdir');
    removeTree(model, entry.path as string);
    return OK;
  },
  rename(model: Map<string, ModelNode>, from: string, to: string): Outcome {
    // the kernel's order: both parents, then the source's last name (never followed), trailing slashes only
    // demanding directories, the ancestor checks, then the types
    const s = resolve(model, bare(from), false, true);
    if (!s.ok) return s;
    const t = resolve(model, bare(to), false, true);
    if (!t.ok) return t;
    if (s.name === '' || t.name === '') return notAName(from, 'rename');
    if (s.path === undefined) return fail('ENOENT');
    const src = s.path;
    const node = model.get(src) as ModelNode;
    const isDir = node.type === 'dir';
    const dst = t.path;
    if (!isDir && (from.endsWith('/') || to.endsWith('/'))) return fail('ENOTDIR');
    if (dst === src) return OK;
    if (isDir && (t.parent === src || t.parent.startsWith(`${src}/`))) return fail('EINVAL');
    if (dst !== undefined && src.startsWith(`${dst}/`)) return fail('ENOTEMPTY');
    const existing = dst === undefined ? undefined : (model.get(dst) as ModelNode);
    if (isDir && existing !== undefined && existing.type !== 'dir') return fail('ENOTDIR');
    if (!isDir && existing?.type === 'dir') return fail('EISDIR');
    // overlayfs refuses to move a directory with lower content before it looks at the directory replaced
    if (isDir && node.lower) return fail('EXDEV');
    if (dst !== undefined && existing?.type === 'dir' && childrenOf(model, dst).length > 0) return fail('ENOTEMPTY');
    const target = dst ?? join(t.parent, t.name);
    const moved = [...model.entries()].filter(([p]) => p === src || p.startsWith(`${src}/`));
    if (dst !== undefined) removeTree(model, dst);
    removeTree(model, src);
    for (const [p, n] of moved) model.set(target + p.slice(src.length), n);
    return OK;
  },
};
