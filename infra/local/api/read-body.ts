import type { IncomingMessage } from 'node:http';

/** API Gateway's HTTP API payload quota. */
export const MAX_PAYLOAD_BYTES = 10 * 1024 * 1024;

/** Past this the emulator stops draining an oversized upload and drops the connection. */
const DRAIN_LIMIT_BYTES = 8 * MAX_PAYLOAD_BYTES;

export type ReadBodyResult = { tooLarge: false; body: Buffer | undefined } | { tooLarge: true };

/**
 * Reads the whole body, or reports it too large. An oversized body is still drained (up to a
 * bound) so the client gets the 413 instead of a reset connection mid-upload.
 */
export function readBody(req: IncomingMessage, limit = MAX_PAYLOAD_BYTES): Promise<ReadBodyResult> {
  return new Promise((resolve, reject) => {
    const declared = Number(req.headers['content-length']);
    let tooLarge = Number.isFinite(declared) && declared > limit;
    const chunks: Buffer[] = [];
    let received = 0;

    req.on('data', (chunk: Buffer) => {
      received += chunk.length;
      if (received > limit) tooLarge = true;
      if (tooLarge) {
        chunks.length = 0;
        if (received > DRAIN_LIMIT_BYTES) req.destroy();
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => resolve(tooLarge ? { tooLarge: true } : { tooLarge: false, body: received ? Buffer.concat(chunks) : undefined }));
    req.on('error', reject);
  });
}
