// File types as stat(2) encodes them in st_mode, and the names this module uses for them.

/** Mask of the file-type bits in a mode. */
export const S_IFMT = 0o170000;
export const S_IFSOCK = 0o140000;
export const S_IFLNK = 0o120000;
export const S_IFREG = 0o100000;
export const S_IFBLK = 0o060000;
export const S_IFDIR = 0o040000;
export const S_IFCHR = 0o020000;
export const S_IFIFO = 0o010000;

/** Permission bits including setuid, setgid and sticky. */
export const PERMISSION_BITS = 0o7777;

/** The seven kinds of inode Linux knows. */
export type FileType = 'file' | 'directory' | 'symlink' | 'char-device' | 'block-device' | 'fifo' | 'socket';

const TYPE_BITS: Readonly<Record<FileType, number>> = {
  file: S_IFREG,
  directory: S_IFDIR,
  symlink: S_IFLNK,
  'char-device': S_IFCHR,
  'block-device': S_IFBLK,
  fifo: S_IFIFO,
  socket: S_IFSOCK,
};

/** The file type encoded in a mode; a mode without type bits counts as a regular file, as old tar headers do. */
export function fileTypeOf(mode: number): FileType {
  switch (mode & S_IFMT) {
    case S_IFDIR:
      return 'directory';
    case S_IFLNK:
      return 'symlink';
    case S_IFCHR:
      return 'char-device';
    case S_IFBLK:
      return 'block-device';
    case S_IFIFO:
      return 'fifo';
    case S_IFSOCK:
      return 'socket';
    default:
      return 'file';
  }
}

/** The S_IFMT bits of a file type. */
export function typeBits(type: FileType): number {
  return TYPE_BITS[type];
}

/** A 32-bit Linux device number (new_encode_dev): minor bits 0–7 and 20–31, major bits 8–19. */
export function makedev(major: number, minor: number): number {
  return (minor & 0xff) + (major & 0xfff) * 0x100 + Math.floor((minor & 0xfff00) / 0x100) * 0x100000;
}

/** The major number of a device number made by `makedev`. */
export function major(dev: number): number {
  return Math.floor(dev / 0x100) & 0xfff;
}

/** The minor number of a device number made by `makedev`. */
export function minor(dev: number): number {
  return (dev & 0xff) + Math.floor(dev / 0x100000) * 0x100;
}
