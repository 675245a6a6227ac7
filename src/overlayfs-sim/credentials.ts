// Who is calling, and the Linux permission check (generic_permission) for them, including root's bypass:
// uid 0 may read and write anything and search any directory, and execute a file when any x bit is set.
import { S_IFDIR, S_IFMT } from './file-type.js';

export interface Credentials {
  readonly uid: number;
  readonly gid: number;
  /** Supplementary groups. */
  readonly groups?: readonly number[];
}

export const ROOT_CREDENTIALS: Credentials = Object.freeze({ uid: 0, gid: 0 });

/** access(2) mode bits. */
export const F_OK = 0;
export const R_OK = 4;
export const W_OK = 2;
export const X_OK = 1;

/** True when `who` may access an inode with `mode`/`uid`/`gid` for every bit of `want` (R_OK | W_OK | X_OK). */
export function permits(
  inode: { readonly mode: number; readonly uid: number; readonly gid: number },
  who: Credentials,
  want: number,
): boolean {
  if (who.uid === 0) {
    if ((want & X_OK) === 0) return true;
    return (inode.mode & S_IFMT) === S_IFDIR || (inode.mode & 0o111) !== 0;
  }
  let bits: number;
  if (who.uid === inode.uid) bits = (inode.mode >> 6) & 7;
  else if (who.gid === inode.gid || (who.groups?.includes(inode.gid) ?? false)) bits = (inode.mode >> 3) & 7;
  else bits = inode.mode & 7;
  return (bits & want) === want;
}
