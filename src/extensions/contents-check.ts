// The contents check of `Validate` (spec talos-extensions §2.4): walk the rootfs in lexical order and stop at the
// first world-writable entry, special file, or non-directory outside the allowlist. The default mode is upstream's
// code, quirks included; strict mode checks what the documentation promises.
import { ExtensionValidationError } from './extension-validation-error.js';
import { type FsNode, FsTree } from './fs-tree.js';

export interface ContentsCheckOptions {
  /** Allowed path prefixes (`AllowedPaths` of the validating Talos release). */
  readonly allowedPaths: readonly string[];
  /**
   * false (upstream): the world-writable check never fires (it tests permission bits of a type-only value) and the
   * allowlist is a plain string prefix (`/usr/localfoo` passes as `/usr/local`). true: world-writable files and
   * directories are rejected and a path must equal an allowed path or lie below it.
   */
  readonly strict: boolean;
}

function allowed(path: string, options: ContentsCheckOptions): boolean {
  return options.allowedPaths.some((p) =>
    options.strict ? path === p || path.startsWith(`${p}/`) : path.startsWith(p),
  );
}

/** The first contents violation of `rootfs`, or undefined. Paths are reported relative to the rootfs, with a `/`. */
export function checkContents(rootfs: FsNode, options: ContentsCheckOptions): ExtensionValidationError | undefined {
  let failure: ExtensionValidationError | undefined;
  const visit = (path: string, node: FsNode): 'skip' | undefined => {
    if (failure !== undefined) return 'skip';
    if (options.strict && node.kind !== 'symlink' && (node.mode & 0o002) !== 0) {
      failure = new ExtensionValidationError({ kind: 'world-writable', path });
    } else if (node.kind !== 'directory' && node.kind !== 'file' && node.kind !== 'symlink') {
      failure = new ExtensionValidationError({ kind: 'special-file', path });
    } else if (node.kind !== 'directory' && !allowed(path, options)) {
      failure = new ExtensionValidationError({ kind: 'path-not-allowed', path });
    }
    return failure === undefined ? undefined : 'skip';
  };
  // a rootfs that is not a directory is visited alone, as WalkDir visits a non-directory root
  if (rootfs.kind === 'directory') new FsTree(rootfs).walk(visit);
  else visit('/', rootfs);
  return failure;
}
