// Structural check of the .xz stream mksquashfs writes for every block, done before liblzma
// sees it: one stream, one block, both sizes declared, and a declared output size within the
// caller's bound. liblzma then enforces the declared sizes and the check, so a hostile block can
// neither expand without limit nor smuggle a second stream.

const MAGIC = [0xfd, 0x37, 0x7a, 0x58, 0x5a, 0x00];
const HEADER_SIZE = 12;
const FOOTER_SIZE = 12;
const LZMA2_FILTER = 0x21;

export interface XzBlockLayout {
  readonly uncompressedSize: number;
  /** Filter ids in chain order (BCJ filters first, LZMA2 last). */
  readonly filters: readonly number[];
}

function checkSize(checkType: number): number {
  if (checkType === 0) return 0;
  return 4 << Math.floor((checkType - 1) / 3);
}

/** Throws an Error describing the first structural problem; returns the block layout otherwise. */
export function checkXzStream(src: Uint8Array, maxSize: number): XzBlockLayout {
  const n = src.length;
  if (n < HEADER_SIZE + FOOTER_SIZE) throw new Error('xz stream too short');
  for (let i = 0; i < MAGIC.length; i++) if (src[i] !== MAGIC[i]) throw new Error('bad xz stream magic');
  const flags = src[7] as number;
  if (src[6] !== 0 || flags > 15) throw new Error('bad xz stream flags');
  const check = checkSize(flags);
  let p = HEADER_SIZE;
  const vli = (): number => {
    let v = 0;
    for (let i = 0; i < 9; i++) {
      if (p >= n) throw new Error('xz field runs past the end');
      const b = src[p++] as number;
      v += (b & 0x7f) * 2 ** (7 * i);
      if ((b & 0x80) === 0) return v;
    }
    throw new Error('xz integer too long');
  };
  const headerSize = ((src[p] as number) + 1) * 4;
  if (src[p] === 0) throw new Error('xz stream has no block');
  const headerEnd = p + headerSize;
  if (headerEnd > n) throw new Error('xz block header runs past the end');
  const blockFlags = src[p + 1] as number;
  p += 2;
  if (blockFlags & 0x3c) throw new Error('reserved xz block flags set');
  if ((blockFlags & 0xc0) !== 0xc0) throw new Error('xz block does not declare its sizes');
  const compressedSize = vli();
  const uncompressedSize = vli();
  if (uncompressedSize > maxSize)
    throw new Error(`xz block declares ${uncompressedSize} bytes, at most ${maxSize} expected`);
  const filters: number[] = [];
  const filterCount = (blockFlags & 3) + 1;
  for (let i = 0; i < filterCount; i++) {
    filters.push(vli());
    const propsSize = vli();
    p += propsSize;
  }
  if (p > headerEnd - 4) throw new Error('xz filter flags overflow the block header');
  if (filters[filters.length - 1] !== LZMA2_FILTER) throw new Error('xz block does not end in LZMA2');
  const blockEnd = headerEnd + compressedSize + ((4 - (compressedSize % 4)) % 4) + check;
  if (blockEnd > n - FOOTER_SIZE) throw new Error('xz block runs past the end');
  p = blockEnd;
  if (src[p++] !== 0) throw new Error('xz index missing after the block');
  if (vli() !== 1) throw new Error('xz stream must hold exactly one block');
  vli();
  if (vli() !== uncompressedSize) throw new Error('xz index disagrees with the block header');
  const indexEnd = blockEnd + Math.ceil((p - blockEnd) / 4) * 4 + 4;
  if (indexEnd + FOOTER_SIZE !== n) throw new Error('xz stream has trailing bytes');
  if (src[n - 2] !== 0x59 || src[n - 1] !== 0x5a) throw new Error('bad xz stream footer');
  return { uncompressedSize, filters };
}
