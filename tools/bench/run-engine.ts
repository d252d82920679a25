import { fork } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { EngineJob, EngineRun } from './engine-worker.js';

// Under tsx the sources are TypeScript; compiled into dist/ they are JavaScript and need no loader.
const FROM_SOURCE = import.meta.url.endsWith('.ts');
const WORKER = fileURLToPath(new URL(FROM_SOURCE ? './engine-worker.ts' : './engine-worker.js', import.meta.url));
/** NLP.js trains CLINC150 in about 90 s on this kind of machine; a run past this is stuck. */
const TIME_LIMIT_MS = 6 * 60_000;

/** Runs one engine in a child process of its own, so its peak memory is its own, and returns its measurements. */
export function runEngine(job: EngineJob): Promise<EngineRun> {
  return new Promise((resolve, reject) => {
    const child = fork(WORKER, [JSON.stringify(job)], { execArgv: FROM_SOURCE ? ['--import', 'tsx'] : [], stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
    let result: EngineRun | undefined;
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`runEngine(): ${job.engine} (${job.scheme}) took longer than ${TIME_LIMIT_MS / 1000} s`));
    }, TIME_LIMIT_MS);
    child.on('message', (message) => (result = message as EngineRun));
    child.on('error', reject);
    child.on('exit', (code) => {
      clearTimeout(timer);
      if (result) resolve(result);
      else reject(new Error(`runEngine(): ${job.engine} (${job.scheme}) exited with code ${code} and no result`));
    });
  });
}
