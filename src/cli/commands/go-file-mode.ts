// Go's os.FileMode as machined sends it (uint32(fi.Mode())) and as talosctl prints it (FileMode.String()):
// `drwxr-xr-x`, `Lrwxrwxrwx`, `dtrwxrwxrwx`, `Dcrw-rw-rw-` — type letters first, never ls's s/t in the x slots.
import { S_IFBLK, S_IFCHR, S_IFDIR, S_IFIFO, S_IFLNK, S_IFMT, S_IFSOCK } from '../../overlayfs-sim/index.js';

// FileMode bits, most significant first, in the order of `dalTLDpSugct?`
const BIT = (n: number): number => 2 ** (31 - n);
const MODE_DIR = BIT(0);
const MODE_SYMLINK = BIT(4);
const MODE_DEVICE = BIT(5);
const MODE_NAMED_PIPE = BIT(6);
const MODE_SOCKET = BIT(7);
const MODE_SETUID = BIT(8);
const MODE_SETGID = BIT(9);
const MODE_CHAR_DEVICE = BIT(10);
const MODE_STICKY = BIT(11);

/** Go's fillFileStatFromSys: st_mode to FileMode (permission bits, then one type and the special bits). */
export function goFileMode(stMode: number): number {
  let mode = stMode & 0o777;
  switch (stMode & S_IFMT) {
    case S_IFBLK:
      mode += MODE_DEVICE;
      break;
    case S_IFCHR:
      mode += MODE_DEVICE + MODE_CHAR_DEVICE;
      break;
    case S_IFDIR:
      mode += MODE_DIR;
      break;
    case S_IFIFO:
      mode += MODE_NAMED_PIPE;
      break;
    case S_IFLNK:
      mode += MODE_SYMLINK;
      break;
    case S_IFSOCK:
      mode += MODE_SOCKET;
      break;
  }
  if (stMode & 0o2000) mode += MODE_SETGID;
  if (stMode & 0o4000) mode += MODE_SETUID;
  if (stMode & 0o1000) mode += MODE_STICKY;
  return mode;
}

/** FileMode.String(). */
export function goFileModeString(mode: number): string {
  const letters = 'dalTLDpSugct?';
  let out = '';
  for (let i = 0; i < letters.length; i++) {
    if (Math.floor(mode / BIT(i)) % 2 === 1) out += letters[i];
  }
  if (out === '') out = '-';
  const rwx = 'rwxrwxrwx';
  for (let i = 0; i < 9; i++) out += mode & (1 << (8 - i)) ? rwx[i] : '-';
  return out;
}

export const isGoDir = (mode: number): boolean => Math.floor(mode / MODE_DIR) % 2 === 1;
export const isGoSymlink = (mode: number): boolean => Math.floor(mode / MODE_SYMLINK) % 2 === 1;
/** `Mode()&ModeType == 0`: no type bit (dir, symlink, pipe, socket, device, char device, irregular). */
export const isGoRegular = (mode: number): boolean =>
  !isGoDir(mode) &&
  !isGoSymlink(mode) &&
  Math.floor(mode / MODE_DEVICE) % 2 === 0 &&
  Math.floor(mode / MODE_NAMED_PIPE) % 2 === 0 &&
  Math.floor(mode / MODE_SOCKET) % 2 === 0 &&
  Math.floor(mode / MODE_CHAR_DEVICE) % 2 === 0;
