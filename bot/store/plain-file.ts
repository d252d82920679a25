import { close, fstat, ftruncate, open, read, write } from 'node:fs';
import { promisify } from 'node:util';

const openFd = promisify(open);
const closeFd = promisify(close);
const fstatFd = promisify(fstat);
const ftruncateFd = promisify(ftruncate);
const readFd = promisify(read);
const writeFd = promisify(write);

/** The few file-handle calls the transcript store appends with. */
export interface PlainFile {
  write(bytes: Buffer): Promise<void>;
  size(): Promise<number>;
  read(into: Buffer, position: number): Promise<number>;
  truncate(length: number): Promise<void>;
  close(): Promise<void>;
}

/**
 * Opens a file on a plain descriptor with the callback fs API. The promise API's FileHandle costs
 * about 40 % more CPU per file (micro-benchmark), and opening files was the largest self-time frame
 * of a turn under load; a turn opens its transcript once or twice.
 */
export async function openPlainFile(file: string, flags: string | number): Promise<PlainFile> {
  const fd = await openFd(file, flags);
  return {
    write: async (bytes) => {
      for (let offset = 0; offset < bytes.length;) offset += (await writeFd(fd, bytes, offset, bytes.length - offset, null)).bytesWritten;
    },
    size: async () => (await fstatFd(fd)).size,
    read: async (into, position) => (await readFd(fd, into, 0, into.length, position)).bytesRead,
    truncate: (length) => ftruncateFd(fd, length),
    close: () => closeFd(fd),
  };
}
