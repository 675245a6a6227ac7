// Layer and archive compression: gzip through node:zlib with an output bound; other formats are recognised by
// their magic bytes and refused with a clear error (Node 20 has no zstd).
import { gunzipSync } from 'node:zlib';
import { INPUT_LIMITS } from '../input-limits.js';
import { ImageSourceError } from './image-source-error.js';

/** Default bound on what one image holds uncompressed: INPUT_LIMITS.imageBytes, 1 GiB. */
export const DEFAULT_MAX_DECOMPRESSED_BYTES = INPUT_LIMITS.imageBytes;

function startsWith(bytes: Uint8Array, magic: readonly number[]): boolean {
  return magic.every((b, i) => bytes[i] === b);
}

/**
 * Returns the bytes uncompressed: gzip is inflated (at most `limit` bytes), uncompressed data is returned as is.
 * `what` names the data in errors (`layer sha256:…`, `archive x.tar.gz`); `tooLarge` makes the error for output
 * past the limit when the caller's limit is part of a larger one.
 */
export function decompress(
  bytes: Uint8Array,
  what: string,
  limit = DEFAULT_MAX_DECOMPRESSED_BYTES,
  tooLarge: () => ImageSourceError = () =>
    new ImageSourceError({ kind: 'too-large', what: `decompressed ${what}`, limit }),
): Uint8Array {
  if (startsWith(bytes, [0x28, 0xb5, 0x2f, 0xfd])) {
    throw new ImageSourceError({ kind: 'unsupported-compression', what, compression: 'zstd' });
  }
  if (startsWith(bytes, [0xfd, 0x37, 0x7a, 0x58, 0x5a, 0x00])) {
    throw new ImageSourceError({ kind: 'unsupported-compression', what, compression: 'xz' });
  }
  if (startsWith(bytes, [0x42, 0x5a, 0x68])) {
    throw new ImageSourceError({ kind: 'unsupported-compression', what, compression: 'bzip2' });
  }
  if (!startsWith(bytes, [0x1f, 0x8b])) {
    if (bytes.length > limit) throw tooLarge();
    return bytes;
  }
  try {
    const out = gunzipSync(bytes, { maxOutputLength: limit });
    return new Uint8Array(out.buffer, out.byteOffset, out.byteLength);
  } catch (err) {
    if (err instanceof RangeError || (err as NodeJS.ErrnoException).code === 'ERR_BUFFER_TOO_LARGE') {
      throw tooLarge();
    }
    throw new ImageSourceError({ kind: 'corrupt-compression', what, compression: 'gzip', cause: err as Error });
  }
}
