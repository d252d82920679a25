import { fork } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { LoadJob, LoadRun } from './load-worker.js';

const FROM_SOURCE = import.meta.url.endsWith('.ts');
const WORKER = fileURLToPath(new URL(FROM_SOURCE ? './load-worker.ts' : './load-worker.js', import.meta.url));

/** Runs autocannon in a child process of its own and returns what it measured. */
export function runLoad(job: LoadJob): Promise<LoadRun> {
  return new Promise((resolve, reject) => {
    const child = fork(WORKER, [JSON.stringify(job)], { execArgv: FROM_SOURCE ? ['--import', 'tsx'] : [], stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
    let result: LoadRun | undefined;
    const timer = setTimeout(() => child.kill('SIGKILL'), (job.durationSeconds + 60) * 1000);
    child.on('message', (message) => (result = message as LoadRun));
    child.on('error', reject);
    child.on('exit', (code) => {
      clearTimeout(timer);
      if (result) resolve(result);
      else reject(new Error(`runLoad(): the load worker exited with code ${code} and no result`));
    });
  });
}
