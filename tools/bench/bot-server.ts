import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';

const STARTUP_LIMIT_MS = 60_000;

export interface RunningBot {
  url: string;
  /** From spawning the process to GET /healthz answering 200 (includes training the NLU). */
  startupMs: number;
  /** The server's peak resident memory so far (Linux /proc VmHWM), or null elsewhere. */
  peakRssMb(): number | null;
  /** CPU time the server process has used so far, user + system, all threads (Linux /proc stat), or null elsewhere. */
  cpuMs(): number | null;
  stop(): Promise<void>;
}

/** `npm run build`, so the benchmark runs the compiled bot as production does. */
export function buildBot(projectRoot: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn('npm', ['run', 'build', '--silent'], { cwd: projectRoot, stdio: ['ignore', 'inherit', 'inherit'] });
    child.on('error', reject);
    child.on('exit', (code) => (code === 0 ? resolve() : reject(new Error(`buildBot(): npm run build exited with code ${code}`))));
  });
}

/**
 * Starts `node dist/bot/index.js` on a free loopback port with its own temporary DATA_DIR, and
 * waits until GET /healthz is 200. Content reload is off so a file edit elsewhere cannot retrain mid-run.
 */
export async function startBot(projectRoot: string, extraEnv: NodeJS.ProcessEnv = {}): Promise<RunningBot> {
  const port = await freePort();
  const dataDir = await mkdtemp(path.join(tmpdir(), 'vastaa-bench-'));
  // API_MESSAGES=open: the load loop posts as channel "bench" over loopback, measuring customer turns
  // (as the Emulator, every turn would also build an NLU trace).
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    PORT: String(port),
    HOST: '127.0.0.1',
    DATA_DIR: dataDir,
    // Production settings; DEMO for the order and outage backends, which the measured turns never call.
    NODE_ENV: 'production',
    DEMO: 'true',
    CONTENT_RELOAD: 'off',
    LOG_LEVEL: 'warn',
    MicrosoftAppId: '',
    API_MESSAGES: 'open',
    ...extraEnv,
  };
  const started = Date.now();
  // The same flag as npm start: botbuilder's restify integration touches a deprecated binding on every start.
  const child = spawn(process.execPath, ['--disable-warning=DEP0111', 'dist/bot/index.js'], { cwd: projectRoot, env, stdio: ['ignore', 'inherit', 'inherit'] });
  const url = `http://127.0.0.1:${port}`;
  const stop = async () => {
    await stopChild(child);
    await rm(dataDir, { recursive: true, force: true });
  };
  try {
    await waitForHealth(url, child);
  } catch (error) {
    await stop();
    throw error;
  }
  return { url, startupMs: Date.now() - started, peakRssMb: () => peakRssMb(child.pid), cpuMs: () => processCpuMs(child.pid), stop };
}

async function waitForHealth(url: string, child: ChildProcess): Promise<void> {
  const deadline = Date.now() + STARTUP_LIMIT_MS;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`startBot(): the bot exited with code ${child.exitCode} before /healthz answered`);
    try {
      const response = await fetch(`${url}/healthz`);
      if (response.status === 200) return;
    } catch {
      // Not listening yet.
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`startBot(): /healthz did not answer 200 within ${STARTUP_LIMIT_MS / 1000} s`);
}

function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const force = setTimeout(() => child.kill('SIGKILL'), 5000);
    child.once('exit', () => {
      clearTimeout(force);
      resolve();
    });
    child.kill('SIGTERM');
  });
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('freePort(): no port'))));
    });
  });
}

function peakRssMb(pid: number | undefined): number | null {
  if (pid === undefined) return null;
  try {
    const match = /VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return match ? Number(match[1]) / 1024 : null;
  } catch {
    return null;
  }
}

/** Clock ticks per second of /proc/<pid>/stat on Linux (USER_HZ, 100 on every mainstream kernel). */
const CLOCK_TICKS_PER_SECOND = 100;

/** CPU time a process has used so far (user + system, all threads, from /proc/<pid>/stat), in ms; null where that cannot be read. */
export function processCpuMs(pid: number | undefined): number | null {
  if (pid === undefined) return null;
  try {
    // Fields after the command name, which is in parentheses and may itself hold spaces: utime and stime are the 12th and 13th.
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return ((Number(fields[11]) + Number(fields[12])) * 1000) / CLOCK_TICKS_PER_SECOND;
  } catch {
    return null;
  }
}
