// A synchronous tar reader over an in-memory archive: ustar, pax (local and global headers) and GNU long names,
// the formats image layers and `docker save` / `crane export` output use. Entry data are views into the archive,
// so reading allocates only metadata; every length is checked against the archive before use.
import { goQuote } from '../../gofmt/index.js';
import { tarError } from './tar-error.js';

export type TarEntryType = 'file' | 'hardlink' | 'symlink' | 'char-device' | 'block-device' | 'directory' | 'fifo';

export interface TarEntry {
  /** The path as stored (pax `path`, GNU long name or ustar prefix/name), not normalized. */
  readonly path: string;
  readonly type: TarEntryType;
  readonly mode: number;
  readonly uid: number;
  readonly gid: number;
  /** Seconds since the epoch. */
  readonly mtime: number;
  /** Target of a symlink or hard link. */
  readonly linkname: string;
  readonly devmajor: number;
  readonly devminor: number;
  /** The entry's data (a view into the archive); empty for everything but regular files. */
  readonly data: Uint8Array;
  /** `SCHILY.xattr.*` pax records. */
  readonly xattrs: Readonly<Record<string, string>>;
}

const BLOCK = 512;
const decoder = new TextDecoder();

const TYPES: Readonly<Record<string, TarEntryType>> = {
  '0': 'file',
  '\0': 'file',
  '7': 'file',
  '1': 'hardlink',
  '2': 'symlink',
  '3': 'char-device',
  '4': 'block-device',
  '5': 'directory',
  '6': 'fifo',
  // GNU dumpdir: a directory whose data lists its contents
  D: 'directory',
};

function text(bytes: Uint8Array): string {
  const nul = bytes.indexOf(0);
  return decoder.decode(nul === -1 ? bytes : bytes.subarray(0, nul));
}

function isZeroBlock(block: Uint8Array): boolean {
  for (const b of block) if (b !== 0) return false;
  return true;
}

/** Octal (space/NUL padded) or GNU base-256 numeric field. */
function numeric(field: Uint8Array, name: string, offset: number): number {
  const first = field[0] ?? 0;
  if (first & 0x80) {
    let value = BigInt(first & 0x7f) - (first === 0xff ? 0x80n : 0n);
    for (const b of field.subarray(1)) value = (value << 8n) | BigInt(b);
    if (value < 0n || value > BigInt(Number.MAX_SAFE_INTEGER))
      throw tarError('bad-header', offset, `${name} out of range`);
    return Number(value);
  }
  const s = decoder
    .decode(field)
    .replace(/[\0 ]+$/, '')
    .replace(/^[ \0]+/, '');
  if (s === '') return 0;
  if (!/^[0-7]+$/.test(s)) throw tarError('bad-header', offset, `invalid ${name} field ${goQuote(s)}`);
  const value = Number.parseInt(s, 8);
  if (!Number.isSafeInteger(value)) throw tarError('bad-header', offset, `${name} out of range`);
  return value;
}

function checksumOk(header: Uint8Array, offset: number): boolean {
  const expected = numeric(header.subarray(148, 156), 'checksum', offset);
  let unsigned = 0;
  let signed = 0;
  for (let i = 0; i < BLOCK; i++) {
    const b = i >= 148 && i < 156 ? 0x20 : (header[i] as number);
    unsigned += b;
    signed += b > 127 ? b - 256 : b;
  }
  return expected === unsigned || expected === signed;
}

/** pax records: `<length> <key>=<value>\n`, the length counting the whole record. */
function parsePax(data: Uint8Array, offset: number, into: Map<string, string>): void {
  let pos = 0;
  while (pos < data.length) {
    const space = data.indexOf(0x20, pos);
    const digits = space === -1 ? '' : decoder.decode(data.subarray(pos, space));
    if (!/^[1-9][0-9]{0,9}$/.test(digits)) {
      // GNU tar pads pax data with NULs
      if (data.subarray(pos).every((b) => b === 0)) return;
      throw tarError('bad-pax', offset, 'malformed pax record length');
    }
    const length = Number(digits);
    const end = pos + length;
    if (end > data.length || data[end - 1] !== 0x0a || space + 1 >= end - 1) {
      throw tarError('bad-pax', offset, 'pax record exceeds its header or lacks its newline');
    }
    const record = decoder.decode(data.subarray(space + 1, end - 1));
    const eq = record.indexOf('=');
    if (eq <= 0) throw tarError('bad-pax', offset, 'pax record without key');
    const key = record.slice(0, eq);
    const value = record.slice(eq + 1);
    if (key.startsWith('GNU.sparse.'))
      throw tarError('unsupported-entry', offset, 'GNU sparse files are not supported');
    if (value === '') into.delete(key);
    else into.set(key, value);
    pos = end;
  }
}

function paxNumber(pax: Map<string, string>, key: string, fallback: number, offset: number): number {
  const v = pax.get(key);
  if (v === undefined) return fallback;
  const n = key === 'mtime' ? Math.floor(Number(v)) : Number(v);
  if (!/^-?[0-9]+(\.[0-9]*)?$/.test(v) || !Number.isSafeInteger(n) || n < 0) {
    throw tarError('bad-pax', offset, `invalid pax ${key} ${goQuote(v)}`);
  }
  return n;
}

/** Reads all entries of an uncompressed tar archive. Throws TarError for anything it cannot accept. */
export function readTar(archive: Uint8Array): TarEntry[] {
  const entries: TarEntry[] = [];
  const globalPax = new Map<string, string>();
  let localPax = new Map<string, string>();
  let longName: string | undefined;
  let longLink: string | undefined;
  let pos = 0;
  while (pos + BLOCK <= archive.length) {
    const offset = pos;
    const header = archive.subarray(pos, pos + BLOCK);
    if (isZeroBlock(header)) break; // end of archive (a second zero block, or none, may follow)
    if (!checksumOk(header, offset)) throw tarError('bad-checksum', offset, 'header checksum mismatch');
    const typeflag = String.fromCharCode(header[156] as number);
    const pax = new Map([...globalPax, ...localPax]);
    const headerSize = numeric(header.subarray(124, 136), 'size', offset);
    const dataSize = typeflag === 'x' || typeflag === 'g' ? headerSize : paxNumber(pax, 'size', headerSize, offset);
    const dataStart = pos + BLOCK;
    const padded = Math.ceil(dataSize / BLOCK) * BLOCK;
    if (dataStart + padded > archive.length) {
      throw tarError('truncated', offset, `entry data of ${dataSize} bytes runs past the end of the archive`);
    }
    const data = archive.subarray(dataStart, dataStart + dataSize);
    pos = dataStart + padded;
    switch (typeflag) {
      case 'x':
        parsePax(data, offset, localPax);
        continue;
      case 'g':
        parsePax(data, offset, globalPax);
        continue;
      case 'L':
        longName = text(data);
        continue;
      case 'K':
        longLink = text(data);
        continue;
      case 'V':
        continue; // GNU volume label
    }
    const magic = decoder.decode(header.subarray(257, 263));
    const prefix = magic === 'ustar\0' ? text(header.subarray(345, 500)) : '';
    const name = text(header.subarray(0, 100));
    const path = pax.get('path') ?? longName ?? (prefix === '' ? name : `${prefix}/${name}`);
    let type = TYPES[typeflag];
    if (type === undefined)
      throw tarError('unsupported-entry', offset, `unsupported entry type ${goQuote(typeflag)} for ${goQuote(path)}`);
    // old (v7) archives mark directories only with a trailing slash
    if (type === 'file' && path.endsWith('/') && typeflag !== '7') type = 'directory';
    if (path === '') throw tarError('bad-header', offset, 'entry without a name');
    const xattrs: Record<string, string> = {};
    for (const [k, v] of pax) if (k.startsWith('SCHILY.xattr.')) xattrs[k.slice('SCHILY.xattr.'.length)] = v;
    entries.push({
      path,
      type,
      mode: numeric(header.subarray(100, 108), 'mode', offset) & 0o7777,
      uid: paxNumber(pax, 'uid', numeric(header.subarray(108, 116), 'uid', offset), offset),
      gid: paxNumber(pax, 'gid', numeric(header.subarray(116, 124), 'gid', offset), offset),
      mtime: paxNumber(pax, 'mtime', numeric(header.subarray(136, 148), 'mtime', offset), offset),
      linkname: pax.get('linkpath') ?? longLink ?? text(header.subarray(157, 257)),
      devmajor:
        type === 'char-device' || type === 'block-device' ? numeric(header.subarray(329, 337), 'devmajor', offset) : 0,
      devminor:
        type === 'char-device' || type === 'block-device' ? numeric(header.subarray(337, 345), 'devminor', offset) : 0,
      data: type === 'file' ? data : new Uint8Array(0),
      xattrs,
    });
    localPax = new Map();
    longName = undefined;
    longLink = undefined;
  }
  if (pos < archive.length && pos + BLOCK > archive.length && !isZeroBlock(archive.subarray(pos))) {
    throw tarError('truncated', pos, 'archive ends inside a header');
  }
  return entries;
}
