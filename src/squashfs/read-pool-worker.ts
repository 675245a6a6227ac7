// Worker side of SquashfsReadPool: opens the image once and serves reads and extractions.
import { parentPort, workerData } from 'node:worker_threads';
import { type PoolReply, type PoolRequest, type ReadPoolWorkerData, serializeError } from './read-pool-messages.js';
import { SquashfsImage } from './squashfs-image.js';
import { writeExtractedFile } from './unpack-writer.js';

const data = workerData as ReadPoolWorkerData;
const port = parentPort;
const opening = SquashfsImage.open(data.imagePath, data.open);

async function serve(req: PoolRequest): Promise<PoolReply> {
  const image = await opening;
  if (req.op === 'read') {
    return { id: req.id, ok: true, data: image.readFile(req.path) };
  }
  for (const job of req.jobs)
    writeExtractedFile(job.dest, image.chunks(job.path, { transient: true }), job.size, job.meta);
  return { id: req.id, ok: true };
}

if (port !== null) {
  opening.then(
    () => port.postMessage({ id: 0, ok: true } satisfies PoolReply),
    (err: unknown) => port.postMessage({ id: 0, ok: false, error: serializeError(err) } satisfies PoolReply),
  );
  port.on('message', (req: PoolRequest) => {
    serve(req).then(
      (reply) => {
        const transfer = reply.ok && reply.data !== undefined ? [reply.data.buffer as ArrayBuffer] : [];
        port.postMessage(reply, transfer);
      },
      (err: unknown) => port.postMessage({ id: req.id, ok: false, error: serializeError(err) } satisfies PoolReply),
    );
  });
}
