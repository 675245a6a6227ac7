// Typed errors for structural faults in an image. Every message is built here, from the kind,
// the image name, the byte offset and a short description of what was found.

export type SquashfsErrorKind =
  | 'bad-magic'
  | 'unsupported-version'
  | 'truncated'
  | 'corrupt-metadata'
  | 'corrupt-block'
  | 'bad-compressor-options'
  | 'unsupported-compressor'
  /** The image's compressor is supported, but its decoder cannot be used here (an optional package, WASM). */
  | 'decoder-unavailable'
  | 'loop';

/** A structural fault in a squashfs image: names the image, the byte offset and what is wrong. */
export class SquashfsError extends Error {
  readonly kind: SquashfsErrorKind;
  /** Image name as given to `open` (file basename, or the `name` option). */
  readonly image: string;
  /** Absolute byte offset in the image where the fault was found. */
  readonly offset: number;
  readonly detail: string;

  private constructor(kind: SquashfsErrorKind, image: string, offset: number, detail: string) {
    super(`${image}: ${detail} (at byte ${offset})`);
    this.name = 'SquashfsError';
    this.kind = kind;
    this.image = image;
    this.offset = offset;
    this.detail = detail;
  }

  /** Rebuilds an error sent across a worker boundary (structured clone drops the class). */
  static fromFields(f: { kind: SquashfsErrorKind; image: string; offset: number; detail: string }): SquashfsError {
    return new SquashfsError(f.kind, f.image, f.offset, f.detail);
  }

  static badMagic(image: string, magic: number): SquashfsError {
    return new SquashfsError('bad-magic', image, 0, `not a squashfs image: bad magic 0x${hex(magic, 8)}`);
  }

  static unsupportedVersion(image: string, offset: number, what: string): SquashfsError {
    return new SquashfsError('unsupported-version', image, offset, `unsupported squashfs version: ${what}`);
  }

  /** `end` is the first byte past what was needed; `size` is where the image ends. */
  static truncated(image: string, offset: number, end: number, size: number): SquashfsError {
    return new SquashfsError('truncated', image, offset, `image truncated: needs bytes up to ${end}, ends at ${size}`);
  }

  static corruptMetadata(image: string, offset: number, what: string): SquashfsError {
    return new SquashfsError('corrupt-metadata', image, offset, `corrupt metadata: ${what}`);
  }

  static corruptBlock(image: string, offset: number, what: string): SquashfsError {
    return new SquashfsError('corrupt-block', image, offset, `corrupt block: ${what}`);
  }

  static badCompressorOptions(image: string, offset: number, compressor: string, what: string): SquashfsError {
    return new SquashfsError('bad-compressor-options', image, offset, `bad ${compressor} compressor options: ${what}`);
  }

  /** The Linux kernel's own wording, so a simulated mount fails as a real one does. */
  static unsupportedCompressor(image: string, offset: number, compressor: string): SquashfsError {
    return new SquashfsError(
      'unsupported-compressor',
      image,
      offset,
      `Filesystem uses "${compressor}" compression. This is not supported`,
    );
  }

  static decoderUnavailable(image: string, offset: number, compressor: string, why: string): SquashfsError {
    return new SquashfsError('decoder-unavailable', image, offset, `the ${compressor} decoder cannot be used: ${why}`);
  }

  static loop(image: string, offset: number, what: string): SquashfsError {
    return new SquashfsError('loop', image, offset, `loop: ${what}`);
  }
}

export function isSquashfsError(err: unknown, kind?: SquashfsErrorKind): err is SquashfsError {
  return err instanceof SquashfsError && (kind === undefined || err.kind === kind);
}

function hex(n: number, width: number): string {
  return (n >>> 0).toString(16).padStart(width, '0');
}
