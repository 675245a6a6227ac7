// Worker side of CompressPool: builds the block encoder its spec names and compresses the
// blocks it is sent, returning each compressed, or the original bytes when compression did not
// shrink them. Buffers are transferred both ways, never copied.
import { parentPort, workerData } from 'node:worker_threads';
import { createBlockEncoder } from './encoders/block-encoder.js';
import type { EncoderSpec } from './encoders/encoder-spec.js';

export interface CompressRequest {
  readonly id: number;
  readonly data: Uint8Array;
}

export type CompressReply =
  | { readonly id: number; readonly ok: true; readonly data: Uint8Array; readonly compressed: boolean }
  | { readonly id: number; readonly ok: false; readonly message: string };

const port = parentPort;
const encoder = createBlockEncoder(workerData as EncoderSpec);

if (port !== null) {
  port.on('message', (req: CompressRequest) => {
    encoder.then(
      (e) => {
        const packed = e.encode(req.data);
        // only a buffer of its own can be transferred: node:zlib's small results are views of a shared pool
        const own = packed === undefined || (packed.byteOffset === 0 && packed.byteLength === packed.buffer.byteLength);
        const data = packed === undefined ? req.data : own ? packed : new Uint8Array(packed);
        port.postMessage({ id: req.id, ok: true, data, compressed: packed !== undefined } satisfies CompressReply, [
          data.buffer as ArrayBuffer,
        ]);
      },
      (err: unknown) => port.postMessage({ id: req.id, ok: false, message: String(err) } satisfies CompressReply),
    );
  });
}
