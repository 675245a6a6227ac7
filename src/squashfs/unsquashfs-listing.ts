// The long listing `unsquashfs -lln` prints (numeric ids, UTC), line for line, except that device
// numbers with minors above 255 are printed correctly (4.5.1 prints the raw rdev split at bit 8).
import { S_IFBLK, S_IFCHR, S_IFDIR, S_IFIFO, S_IFLNK, S_IFMT, S_IFSOCK } from './format.js';
import type { SquashfsWalkEntry } from './squashfs-image.js';

/** unsquashfs pads the size column so that "uid/gid size" is 25 characters wide. */
const TOTAL_CHARS = 25;

const TYPE_CHARS: Readonly<Record<number, string>> = {
  [S_IFSOCK]: 's',
  [S_IFLNK]: 'l',
  [S_IFBLK]: 'b',
  [S_IFDIR]: 'd',
  [S_IFCHR]: 'c',
  [S_IFIFO]: 'p',
};

/** `ls -l` style mode string, e.g. "drwxr-xr-x", "-rwsr-xr-x", "drwxrwxrwt". */
export function modeString(mode: number): string {
  const c = (bit: number, ch: string): string => (mode & bit ? ch : '-');
  const special = (exec: number, flag: number, on: string): string => {
    if (mode & flag) return mode & exec ? on : on.toUpperCase();
    return c(exec, 'x');
  };
  return (
    (TYPE_CHARS[mode & S_IFMT] ?? '-') +
    c(0o400, 'r') +
    c(0o200, 'w') +
    special(0o100, 0o4000, 's') +
    c(0o40, 'r') +
    c(0o20, 'w') +
    special(0o10, 0o2000, 's') +
    c(0o4, 'r') +
    c(0o2, 'w') +
    special(0o1, 0o1000, 't')
  );
}

function pad2(n: number): string {
  return n < 10 ? `0${n}` : String(n);
}

let lastTime = Number.NaN;
let lastDate = '';

/** "YYYY-MM-DD HH:MM" in UTC; images share few distinct mtimes, so the last one is remembered. */
function formatDate(seconds: number): string {
  if (seconds !== lastTime) {
    const t = new Date(seconds * 1000);
    lastDate = `${t.getUTCFullYear()}-${pad2(t.getUTCMonth() + 1)}-${pad2(t.getUTCDate())} ${pad2(t.getUTCHours())}:${pad2(t.getUTCMinutes())}`;
    lastTime = seconds;
  }
  return lastDate;
}

/** One `unsquashfs -lln` line (without the newline) for a walk entry. */
export function formatListingLine(entry: SquashfsWalkEntry, root = 'squashfs-root'): string {
  const s = entry.stats;
  const ids = `${s.uid}/${s.gid}`;
  const width = TOTAL_CHARS - ids.length + 1;
  let column: string;
  if (s.kind === 'block-device' || s.kind === 'character-device') {
    column = `${' '.padStart(Math.max(width - 7, 1))}${String(s.rdevMajor).padStart(3)},${String(s.rdevMinor).padStart(3)}`;
  } else {
    column = String(s.size).padStart(Math.max(width, 0));
  }
  const date = formatDate(s.mtime);
  const path = entry.path === '/' ? root : root + entry.path;
  const link = entry.target === undefined ? '' : ` -> ${entry.target}`;
  return `${modeString(s.mode)} ${ids} ${column} ${date} ${path}${link}`;
}
