import fs from 'node:fs';
import type { IncomingMessage } from 'node:http';
import { pipeline } from 'node:stream/promises';
import { Transform } from 'node:stream';
import { PreflightError } from '../../shared/contract/errors';

/** JSON bodies of API calls are small; anything bigger is refused rather than buffered. */
export async function readJson(req: IncomingMessage, limit = 1 << 20): Promise<unknown> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > limit) throw new PreflightError('BAD_ARGUMENTS', `request body over ${limit} bytes`);
    chunks.push(chunk);
  }
  if (size === 0) return {};
  try {
    return JSON.parse(Buffer.concat(chunks).toString('utf8'));
  } catch {
    throw new PreflightError('BAD_ARGUMENTS', 'request body is not valid JSON');
  }
}

/** Streams an upload to disk with a size cap; a partial file is removed on any failure. */
export async function streamToFile(req: IncomingMessage, dest: string, limit: number): Promise<number> {
  let size = 0;
  const counter = new Transform({
    transform(chunk: Buffer, _enc, done) {
      size += chunk.length;
      if (size > limit)
        return done(
          new PreflightError(
            'BAD_ARGUMENTS',
            `upload over the ${limit}-byte limit (set PREFLIGHT_MAX_UPLOAD_BYTES to raise it)`,
          ),
        );
      done(null, chunk);
    },
  });
  try {
    await pipeline(req, counter, fs.createWriteStream(dest, { flags: 'wx' }));
    return size;
  } catch (err) {
    fs.rmSync(dest, { force: true });
    throw err;
  }
}
