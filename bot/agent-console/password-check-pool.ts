import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import { scryptMaxmem, type DeriveKey, type ScryptCost } from './password-hash.js';

/** Every worker is busy and the queue is full: answer "try again" at once instead of hashing. */
export class PasswordChecksBusyError extends Error {
  constructor(readonly retryAfterSeconds: number) {
    super('PasswordCheckPool.derive(): every password check is busy and the queue is full');
    this.name = 'PasswordChecksBusyError';
  }
}

export interface PasswordCheckPoolOptions {
  /** Password checks at once, each on its own worker thread. */
  workers: number;
  /** Checks that may wait for a worker; beyond them derive() throws PasswordChecksBusyError. */
  maxQueued: number;
}

function closedError(): Error {
  return new Error('PasswordCheckPool.derive(): the pool is closed (the server is shutting down)');
}

/** One worker on a 2-core host (the event loop keeps a core), two on bigger ones; 8 waiting at most. */
export function defaultPasswordCheckPoolOptions(): PasswordCheckPoolOptions {
  return { workers: Math.min(2, Math.max(1, availableParallelism() - 1)), maxQueued: 8 };
}

// Plain JavaScript run with `eval`, so the same code works from tsc's output, tsx and jest alike.
// scryptSync is right here: it blocks only this worker's own thread, never libuv's pool.
const WORKER_SOURCE = `
const { parentPort } = require('node:worker_threads');
const { scryptSync } = require('node:crypto');
parentPort.on('message', ({ password, salt, length, cost, maxmem }) => {
  try {
    parentPort.postMessage({ key: scryptSync(password, salt, length, { ...cost, maxmem }) });
  } catch (error) {
    parentPort.postMessage({ error: String(error && error.message || error) });
  }
});
`;

/**
 * Runs scrypt for sign-in on a small pool of worker threads, with a global limit and a bounded queue.
 * Without it, each sign-in ran scrypt on libuv's 4-thread pool, the one every file read and write of
 * the bot waits in: 32 parallel sign-ins (distinct logins, so no per-login limit applies) made customer
 * turns 740× slower. Workers start on first use and stop in close().
 */
export class PasswordCheckPool {
  private readonly idle: Worker[] = [];
  private readonly all = new Set<Worker>();
  private readonly waiting: { resolve: () => void; reject: (error: Error) => void }[] = [];
  private running = 0;
  private closed = false;
  /** Counters for tests and operators: the most checks that ever ran at once, and the checks refused as busy. */
  readonly stats = { peakRunning: 0, completed: 0, refusedBusy: 0 };

  constructor(readonly options: PasswordCheckPoolOptions = defaultPasswordCheckPoolOptions()) {
    if (options.workers < 1 || options.maxQueued < 0) throw new Error('PasswordCheckPool: workers must be at least 1 and maxQueued at least 0');
  }

  /** A DeriveKey for verifyPassword; throws PasswordChecksBusyError at once when the queue is full. */
  readonly derive: DeriveKey = async (password, salt, length, cost) => {
    await this.acquire();
    try {
      return await this.runOnWorker(password, salt, length, cost);
    } finally {
      this.release();
    }
  };

  async close(): Promise<void> {
    this.closed = true;
    for (const waiter of this.waiting.splice(0)) waiter.reject(closedError());
    const workers = [...this.all];
    this.all.clear();
    this.idle.length = 0;
    await Promise.all(workers.map((worker) => worker.terminate()));
  }

  private async acquire(): Promise<void> {
    if (this.closed) throw closedError();
    if (this.running < this.options.workers) {
      this.running += 1;
    } else if (this.waiting.length >= this.options.maxQueued) {
      this.stats.refusedBusy += 1;
      throw new PasswordChecksBusyError(1 + Math.ceil(this.waiting.length / this.options.workers));
    } else {
      // release() hands its slot straight to us, so a newcomer can never slip past the limit in between.
      await new Promise<void>((resolve, reject) => this.waiting.push({ resolve, reject }));
    }
    this.stats.peakRunning = Math.max(this.stats.peakRunning, this.running);
  }

  private release(): void {
    this.stats.completed += 1;
    const next = this.waiting.shift();
    if (next) next.resolve();
    else this.running -= 1;
  }

  private runOnWorker(password: string, salt: Buffer, length: number, cost: ScryptCost): Promise<Buffer> {
    // close() may have come between acquire() and here: starting a worker now would outlive the pool.
    if (this.closed) return Promise.reject(closedError());
    const worker = this.idle.pop() ?? this.spawn();
    return new Promise<Buffer>((resolve, reject) => {
      const onError = (error: Error) => {
        // A crashed worker is dropped; the next check starts a fresh one.
        this.all.delete(worker);
        worker.off('message', onMessage);
        worker.off('exit', onExit);
        reject(error);
      };
      // terminate() in close() ends a check in flight without an error event: its request must not hang.
      const onExit = () => onError(closedError());
      const onMessage = (reply: { key?: Uint8Array; error?: string }) => {
        worker.off('error', onError);
        worker.off('exit', onExit);
        if (!this.closed) this.idle.push(worker);
        if (reply.key) resolve(Buffer.from(reply.key.buffer, reply.key.byteOffset, reply.key.byteLength));
        else reject(new Error(`PasswordCheckPool: scrypt failed in the worker: ${reply.error}`));
      };
      worker.once('message', onMessage);
      worker.once('error', onError);
      worker.once('exit', onExit);
      worker.postMessage({ password, salt, length, cost: { N: cost.N, r: cost.r, p: cost.p }, maxmem: scryptMaxmem(cost) });
    });
  }

  private spawn(): Worker {
    const worker = new Worker(WORKER_SOURCE, { eval: true });
    // An idle pool must not keep the process alive; a running check is awaited by its request anyway.
    worker.unref();
    worker.on('error', () => {
      this.all.delete(worker);
      const index = this.idle.indexOf(worker);
      if (index >= 0) this.idle.splice(index, 1);
    });
    this.all.add(worker);
    return worker;
  }
}
