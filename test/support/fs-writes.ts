// Random node:fs write calls for differential tests: the calls, how to make one against any node:fs-shaped object
// (returning 'ok' or the error code), and a snapshot of a tree to compare after each.
import { existsSync } from 'node:fs';
import fc from 'fast-check';
import type { NodeFs } from '../../src/overlayfs-sim/index.js';
import { NAMES } from './random-tree.js';

/** The subset of node:fs both sides are driven through. */
export type WriteFs = Pick<
  NodeFs,
  | 'mkdirSync'
  | 'writeFileSync'
  | 'appendFileSync'
  | 'copyFileSync'
  | 'truncateSync'
  | 'rmSync'
  | 'chmodSync'
  | 'accessSync'
  | 'unlinkSync'
  | 'rmdirSync'
  | 'renameSync'
  | 'symlinkSync'
  | 'lstatSync'
  | 'readdirSync'
  | 'readFileSync'
  | 'readlinkSync'
>;

export type Write =
  | { readonly op: 'mkdir' | 'unlink' | 'rmdir' | 'rm' | 'rm -r' | 'mkdir -p' | 'truncate'; readonly path: string }
  | { readonly op: 'writeFile' | 'appendFile' | 'writeFile wx'; readonly path: string; readonly content: string }
  | { readonly op: 'copyFile'; readonly path: string; readonly to: string }
  | { readonly op: 'chmod'; readonly path: string; readonly mode: number }
  | { readonly op: 'rename'; readonly path: string; readonly to: string }
  | { readonly op: 'symlink'; readonly path: string; readonly target: string };

const path = fc
  .tuple(fc.array(fc.constantFrom(...NAMES, 'new', 'new', '.'), { minLength: 1, maxLength: 3 }), fc.boolean())
  .map(([parts, slash]) => parts.join('/') + (slash ? '/' : ''));

export const write: fc.Arbitrary<Write> = fc.oneof(
  fc.record({
    op: fc.constantFrom(
      'mkdir' as const,
      'unlink' as const,
      'rmdir' as const,
      'rm' as const,
      'rm -r' as const,
      'mkdir -p' as const,
      'truncate' as const,
    ),
    path,
  }),
  fc.record({
    op: fc.constantFrom('writeFile' as const, 'appendFile' as const, 'writeFile wx' as const),
    path,
    content: fc.constantFrom('x', 'yy'),
  }),
  fc.record({ op: fc.constant('copyFile' as const), path, to: path }),
  fc.record({ op: fc.constant('chmod' as const), path, mode: fc.constantFrom(0o700, 0o644, 0o000) }),
  fc.record({ op: fc.constant('rename' as const), path, to: path }),
  fc.record({ op: fc.constant('symlink' as const), path, target: fc.constantFrom('a', 'b/c', 'new', '.') }),
);

export function apply(fs: WriteFs, root: string, w: Write): string {
  const at = (p: string) => `${root}/${p}`;
  try {
    if (w.op === 'mkdir') fs.mkdirSync(at(w.path));
    else if (w.op === 'mkdir -p') fs.mkdirSync(at(w.path), { recursive: true });
    else if (w.op === 'unlink') fs.unlinkSync(at(w.path));
    else if (w.op === 'rmdir') fs.rmdirSync(at(w.path));
    else if (w.op === 'rm') fs.rmSync(at(w.path));
    else if (w.op === 'rm -r') fs.rmSync(at(w.path), { recursive: true });
    else if (w.op === 'truncate') fs.truncateSync(at(w.path), 1);
    else if (w.op === 'writeFile') fs.writeFileSync(at(w.path), w.content);
    else if (w.op === 'writeFile wx') fs.writeFileSync(at(w.path), w.content, { flag: 'wx' });
    else if (w.op === 'appendFile') fs.appendFileSync(at(w.path), w.content);
    else if (w.op === 'copyFile') fs.copyFileSync(at(w.path), at(w.to));
    else if (w.op === 'chmod') fs.chmodSync(at(w.path), w.mode);
    else if (w.op === 'rename') fs.renameSync(at(w.path), at(w.to));
    else if (w.op === 'symlink') fs.symlinkSync(w.target, at(w.path));
    return 'ok';
  } catch (err) {
    return (err as { code?: string }).code ?? String(err);
  }
}

/** Every entry under `root`: its kind, and a file's contents or a link's target. */
export function snapshot(
  fs: WriteFs,
  root: string,
  options: { readonly skipUnresolvable?: boolean } = {},
): Map<string, string> {
  const out = new Map<string, string>();
  const visit = (rel: string): void => {
    for (const name of [...(fs.readdirSync(`${root}${rel}`) as string[])].sort()) {
      const p = `${rel}/${name}`;
      // (the kernel's overlayfs lists the whiteouts of directories it passes through unmerged)
      const st = fs.lstatSync(`${root}${p}`, { throwIfNoEntry: options.skipUnresolvable !== true });
      if (st === undefined) continue;
      const mode = (st.mode & 0o7777).toString(8);
      if (st.isDirectory()) {
        out.set(p, `dir ${mode}`);
        visit(p);
      } else if (st.isSymbolicLink()) {
        out.set(p, `link ${fs.readlinkSync(`${root}${p}`)}`);
      } else {
        out.set(p, `file ${mode} ${fs.readFileSync(`${root}${p}`, 'utf8')}`);
      }
    }
  };
  visit('');
  return out;
}

/**
 * Node 23 moved rmSync to C++, and its `rm -r` is no oracle for these writes on newer runtimes; Node 20 and the
 * kernel's calls refuse them before anything is removed, which the simulated node:fs keeps
 * (test/overlayfs-sim/node-fs.test.ts):
 * - a path ending in `.` or `..`: the directory's contents are removed, then an error whose code is empty;
 * - a path ending in `/` (all of them are left out): through a symlink to a directory, the target's contents are
 *   removed, then ENOTDIR.
 */
export function rmDiffersByRuntime(w: Write): boolean {
  return w.op === 'rm -r' && NATIVE_RM && /(^|\/)\.\.?\/?$|\/$/.test(w.path);
}

/**
 * On a kernel overlay, Node 23's native `rm -r` of a directory whose lower layers hold whiteouts can report success
 * and leave the directory there (seen on Node 24.22.3): the disk has stopped being an oracle for what follows.
 */
export function rmLeftWhatItRemoved(w: Write, outcome: string, root: string): boolean {
  return w.op === 'rm -r' && NATIVE_RM && outcome === 'ok' && existsSync(`${root}/${w.path}`);
}

const NATIVE_RM = Number(process.versions.node.split('.')[0]) >= 23;
