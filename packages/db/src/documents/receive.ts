import { createHash } from 'node:crypto';
import { Transform, type Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { FileStorage, IncomingFile } from './storage.ts';

/** The upload passed the size limit; reading stopped there. */
export class FileTooLargeError extends Error {
  constructor(readonly maxBytes: number) {
    super(`The file is larger than ${Math.round(maxBytes / 1024 / 1024)} MB`);
    this.name = 'FileTooLargeError';
  }
}

export interface ReceivedBytes {
  incoming: IncomingFile;
  sha256: string;
  size: number;
}

/**
 * Streams an arriving file into a temporary file of the storage, computing its sha256 and
 * counting its bytes on the way. One byte past `maxBytes` ends it with FileTooLargeError and
 * the temporary file is removed: nothing of a refused file stays behind.
 */
export async function receiveFile(storage: FileStorage, source: Readable, maxBytes: number): Promise<ReceivedBytes> {
  const incoming = await storage.createIncoming();
  const hash = createHash('sha256');
  let size = 0;
  const meter = new Transform({
    transform(chunk: Buffer, _encoding, done) {
      size += chunk.length;
      if (size > maxBytes) return done(new FileTooLargeError(maxBytes));
      hash.update(chunk);
      done(null, chunk);
    },
  });
  try {
    await pipeline(source, meter, incoming.stream);
  } catch (error) {
    await incoming.discard();
    throw error;
  }
  return { incoming, sha256: hash.digest('hex'), size };
}
