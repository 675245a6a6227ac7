// The `.modinfo` section of a kernel module: NUL-separated `key=value` strings (`depends=`, `alias=`, `softdep=`…)
// that modpost writes into every `.ko`. Reads 32- and 64-bit ELF of either byte order, with bounds checks on every
// offset; anything that is not a well-formed ELF file has no modinfo.

/** One `key=value` entry, in section order. */
export interface ModinfoEntry {
  readonly key: string;
  readonly value: string;
}

const ELF_MAGIC = [0x7f, 0x45, 0x4c, 0x46];
const SHN_XINDEX = 0xffff;

interface Reader {
  u16(offset: number): number;
  u32(offset: number): number;
  word(offset: number): number;
}

function reader(bytes: Uint8Array, is64: boolean, little: boolean): Reader {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const u16 = (o: number) => view.getUint16(o, little);
  const u32 = (o: number) => view.getUint32(o, little);
  const word = (o: number) => {
    if (!is64) return u32(o);
    const big = view.getBigUint64(o, little);
    return big > BigInt(Number.MAX_SAFE_INTEGER) ? Number.MAX_SAFE_INTEGER : Number(big);
  };
  return { u16, u32, word };
}

interface Section {
  readonly name: number;
  readonly offset: number;
  readonly size: number;
  readonly link: number;
}

/** The raw `.modinfo` section, or undefined when the bytes are not an ELF file with one. */
export function modinfoSection(bytes: Uint8Array): Uint8Array | undefined {
  if (bytes.length < 52 || ELF_MAGIC.some((b, i) => bytes[i] !== b)) return undefined;
  const cls = bytes[4];
  const data = bytes[5];
  if ((cls !== 1 && cls !== 2) || (data !== 1 && data !== 2)) return undefined;
  const is64 = cls === 2;
  if (is64 && bytes.length < 64) return undefined;
  const r = reader(bytes, is64, data === 1);
  const shoff = r.word(is64 ? 0x28 : 0x20);
  const shentsize = r.u16(is64 ? 0x3a : 0x2e);
  let shnum = r.u16(is64 ? 0x3c : 0x30);
  let shstrndx = r.u16(is64 ? 0x3e : 0x32);
  const minEntry = is64 ? 64 : 40;
  if (shoff === 0 || shentsize < minEntry || shoff + shentsize > bytes.length) return undefined;
  const section = (i: number): Section | undefined => {
    const at = shoff + i * shentsize;
    if (at + minEntry > bytes.length) return undefined;
    return is64
      ? { name: r.u32(at), offset: r.word(at + 24), size: r.word(at + 32), link: r.u32(at + 40) }
      : { name: r.u32(at), offset: r.u32(at + 16), size: r.u32(at + 20), link: r.u32(at + 24) };
  };
  // extended numbering: the real counts live in section 0
  const first = section(0);
  if (first === undefined) return undefined;
  if (shnum === 0) shnum = first.size;
  if (shstrndx === SHN_XINDEX) shstrndx = first.link;
  shnum = Math.min(shnum, Math.floor((bytes.length - shoff) / shentsize));
  const strtab = section(shstrndx);
  if (strtab === undefined || shstrndx >= shnum || strtab.offset + strtab.size > bytes.length) return undefined;
  const target = new TextEncoder().encode('.modinfo\0');
  for (let i = 0; i < shnum; i++) {
    const s = section(i) as Section;
    const at = strtab.offset + s.name;
    if (s.name + target.length > strtab.size) continue;
    if (!target.every((b, k) => bytes[at + k] === b)) continue;
    if (s.offset + s.size > bytes.length) return undefined;
    return bytes.subarray(s.offset, s.offset + s.size);
  }
  return undefined;
}

/** The `key=value` entries of a module's `.modinfo`, or undefined when it is not an ELF module (no modinfo). */
export function readModinfo(bytes: Uint8Array): ModinfoEntry[] | undefined {
  const section = modinfoSection(bytes);
  if (section === undefined) return undefined;
  const decoder = new TextDecoder();
  const entries: ModinfoEntry[] = [];
  // strings are NUL-terminated and may be padded with extra NULs for alignment
  for (const text of decoder.decode(section).split('\0')) {
    const eq = text.indexOf('=');
    if (text === '' || eq <= 0) continue;
    entries.push({ key: text.slice(0, eq), value: text.slice(eq + 1) });
  }
  return entries;
}
