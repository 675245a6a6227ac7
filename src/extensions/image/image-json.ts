// The JSON documents of OCI layouts and docker archives: read within INPUT_LIMITS.ociJsonBytes and parsed without
// ever quoting the document in an error (V8's JSON.parse messages quote the start of the input, and the input could
// be any file a link led to).
import { INPUT_LIMITS } from '../input-limits.js';
import type { ImageFiles } from './image-files.js';

/** Reads a JSON file of an image (undefined when absent); throws ImageSourceError for one that is too large. */
export function readImageJson(files: ImageFiles, path: string): Uint8Array | undefined {
  return files.read(path, INPUT_LIMITS.ociJsonBytes);
}

/** Parses JSON; on failure returns the reason without any of the input: `not valid JSON (at position N)`. */
export function parseImageJson(bytes: Uint8Array): { ok: true; value: unknown } | { ok: false; reason: string } {
  try {
    return { ok: true, value: JSON.parse(new TextDecoder().decode(bytes)) };
  } catch (err) {
    const position = /at position (\d+)/.exec((err as Error).message)?.[1];
    return { ok: false, reason: `is not valid JSON${position === undefined ? '' : ` (at position ${position})`}` };
  }
}
