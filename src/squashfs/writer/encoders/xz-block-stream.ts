// Rewrites the .xz stream liblzma's easy encoder produces into the form mksquashfs writes
// (lzma_stream_buffer_encode): one block whose header declares both sizes and whose LZMA2
// dictionary is the squashfs block size (8 KiB for metadata). node-liblzma offers presets only,
// whose dictionaries are 256 KiB to 64 MiB, and a decoder sizes its buffer from the header: the
// Linux kernel preallocates block_size and refuses larger. The LZMA2 data itself is valid for
// the smaller dictionary, since no match in one block reaches back further than the block.
import { crc32 } from 'node:zlib';

const HEADER_SIZE = 12;
const FOOTER_SIZE = 12;
const CHECK_SIZE = 4; // CRC32, the check mksquashfs asks for
const LZMA2_FILTER_ID = 0x21;

function readVli(b: Uint8Array, at: number): [value: number, next: number] {
  let v = 0;
  for (let i = 0; i < 9; i++) {
    const byte = b[at + i];
    if (byte === undefined) throw new Error('xz integer runs past the end');
    v += (byte & 0x7f) * 2 ** (7 * i);
    if ((byte & 0x80) === 0) return [v, at + i + 1];
  }
  throw new Error('xz integer too long');
}

function vli(v: number): number[] {
  const out: number[] = [];
  let n = v;
  while (n >= 0x80) {
    out.push((n % 0x80) | 0x80);
    n = Math.floor(n / 0x80);
  }
  out.push(n);
  return out;
}

/** The LZMA2 dictionary-size property byte for the smallest dictionary ≥ `size`. */
export function lzma2DictProperty(size: number): number {
  for (let p = 0; p < 40; p++) if ((2 | (p & 1)) * 2 ** (Math.floor(p / 2) + 11) >= size) return p;
  return 40;
}

function u32le(v: number): number[] {
  return [v & 0xff, (v >>> 8) & 0xff, (v >>> 16) & 0xff, (v >>> 24) & 0xff];
}

function crcBytes(bytes: readonly number[]): number[] {
  return u32le(crc32(Uint8Array.from(bytes)));
}

/**
 * Rebuilds `stream` (one CRC32-checked block of LZMA2 data, sizes possibly absent from its
 * header) with a block header naming both sizes and `dictSize`.
 */
export function rewriteXzBlockStream(stream: Uint8Array, uncompressedSize: number, dictSize: number): Uint8Array {
  const n = stream.length;
  if (n < HEADER_SIZE + FOOTER_SIZE || stream[7] !== 0x01) throw new Error('unexpected xz stream header');
  const backwardSize =
    ((stream[n - 8] as number) | ((stream[n - 7] as number) << 8) | ((stream[n - 6] as number) << 16)) +
    (stream[n - 5] as number) * 0x100_0000;
  const indexStart = n - FOOTER_SIZE - (backwardSize + 1) * 4;
  const headerSize = ((stream[HEADER_SIZE] as number) + 1) * 4;
  let [records, at] = readVli(stream, indexStart + 1);
  if (stream[indexStart] !== 0 || records !== 1) throw new Error('xz stream does not hold exactly one block');
  const [unpadded, next] = readVli(stream, at);
  [records, at] = readVli(stream, next);
  if (records !== uncompressedSize) throw new Error('xz index disagrees with the input size');
  const compressedSize = unpadded - headerSize - CHECK_SIZE;
  const dataStart = HEADER_SIZE + headerSize;
  const padded = compressedSize + ((4 - (compressedSize % 4)) % 4);
  const check = stream.subarray(dataStart + padded, dataStart + padded + CHECK_SIZE);

  const fields = [
    0xc0, // one filter, compressed and uncompressed sizes present
    ...vli(compressedSize),
    ...vli(uncompressedSize),
    LZMA2_FILTER_ID,
    1,
    lzma2DictProperty(dictSize),
  ];
  const blockHeaderSize = Math.ceil((fields.length + 1 + 4) / 4) * 4;
  const header = [(blockHeaderSize >> 2) - 1, ...fields];
  while (header.length < blockHeaderSize - 4) header.push(0);
  header.push(...crcBytes(header));

  const index = [0, ...vli(1), ...vli(blockHeaderSize + compressedSize + CHECK_SIZE), ...vli(uncompressedSize)];
  while (index.length % 4 !== 0) index.push(0);
  index.push(...crcBytes(index));
  const footerFields = [...u32le(index.length / 4 - 1), 0x00, 0x01];
  const footer = [...crcBytes(footerFields), ...footerFields, 0x59, 0x5a];

  const out = new Uint8Array(HEADER_SIZE + blockHeaderSize + padded + CHECK_SIZE + index.length + FOOTER_SIZE);
  out.set(stream.subarray(0, HEADER_SIZE), 0);
  let o = HEADER_SIZE;
  out.set(header, o);
  o += blockHeaderSize;
  out.set(stream.subarray(dataStart, dataStart + padded), o);
  o += padded;
  out.set(check, o);
  o += CHECK_SIZE;
  out.set(index, o);
  o += index.length;
  out.set(footer, o);
  return out;
}
