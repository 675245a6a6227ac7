// Messages between SquashfsReadPool and its workers, and how errors cross the boundary.
import type { SquashfsOpenOptions } from './open-options.js';
import { SquashfsError, type SquashfsErrorKind } from './squashfs-error.js';
import { SquashfsFsError, type SquashfsFsErrorCode } from './squashfs-fs-error.js';
import type { FileMetadata } from './unpack-writer.js';

export interface ReadPoolWorkerData {
  readonly imagePath: string;
  readonly open: SquashfsOpenOptions;
}

export interface ExtractJob {
  /** Path in the image. */
  readonly path: string;
  /** Where to create the file; it must not exist. */
  readonly dest: string;
  /** The file's size (for batching, and to size files that end in a hole). */
  readonly size: number;
  readonly meta: FileMetadata;
}

export type PoolRequest =
  | { readonly id: number; readonly op: 'read'; readonly path: string }
  | { readonly id: number; readonly op: 'extract'; readonly jobs: readonly ExtractJob[] };

export type PoolReply =
  | { readonly id: number; readonly ok: true; readonly data?: Uint8Array }
  | { readonly id: number; readonly ok: false; readonly error: SerializedError };

export type SerializedError =
  | {
      readonly type: 'squashfs';
      readonly kind: SquashfsErrorKind;
      readonly image: string;
      readonly offset: number;
      readonly detail: string;
    }
  | { readonly type: 'fs'; readonly code: SquashfsFsErrorCode; readonly syscall: string; readonly path: string }
  | { readonly type: 'other'; readonly message: string; readonly code?: string };

export function serializeError(err: unknown): SerializedError {
  if (err instanceof SquashfsError) {
    return { type: 'squashfs', kind: err.kind, image: err.image, offset: err.offset, detail: err.detail };
  }
  if (err instanceof SquashfsFsError) return { type: 'fs', code: err.code, syscall: err.syscall, path: err.path };
  const code = (err as { code?: unknown }).code;
  const message = err instanceof Error ? err.message : String(err);
  return typeof code === 'string' ? { type: 'other', message, code } : { type: 'other', message };
}

export function reviveError(e: SerializedError): Error {
  if (e.type === 'squashfs') return SquashfsError.fromFields(e);
  if (e.type === 'fs') return new SquashfsFsError(e.code, e.syscall, e.path);
  const err = new Error(e.message) as Error & { code?: string };
  if (e.code !== undefined) err.code = e.code;
  return err;
}
