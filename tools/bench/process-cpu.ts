import { readdirSync, readFileSync } from 'node:fs';

// Linux reports utime and stime in clock ticks; USER_HZ is 100 on every mainstream kernel build.
const TICKS_PER_SECOND = 100;

/**
 * CPU time (user + system, in ms) a process has used so far, from /proc/<pid>/stat; null where there
 * is no /proc (not Linux) or the process is gone. Wall-clock turns/s moves with whatever else shares
 * the cores; CPU time per turn does not, which is what the capacity model needs.
 */
export function processCpuMs(pid: number | undefined): number | null {
  if (pid === undefined) return null;
  try {
    return cpuMsOfStat(readFileSync(`/proc/${pid}/stat`, 'utf8'));
  } catch {
    return null;
  }
}

/**
 * CPU time (ms) of every process whose command name is `name` (PostgreSQL's server and its backends
 * are all "postgres"); null where there is no /proc. Processes that ended between two readings drop
 * out of the sum, so take it over a level where the server's processes live throughout (pooled
 * connections do).
 */
export function processesCpuMs(name: string): number | null {
  let entries: string[];
  try {
    entries = readdirSync('/proc');
  } catch {
    return null;
  }
  let total = 0;
  for (const entry of entries) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      if (commandOfStat(stat) === name) total += cpuMsOfStat(stat);
    } catch {
      // The process ended while we looked.
    }
  }
  return total;
}

// The command name is in parentheses and may itself contain spaces or ")": the fields after it
// start after the last ")".
function commandOfStat(stat: string): string {
  return stat.slice(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
}

function cpuMsOfStat(stat: string): number {
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  // After the command: state is field 3 of the whole line, utime 14 and stime 15 (1-based).
  const utime = Number(fields[14 - 3]);
  const stime = Number(fields[15 - 3]);
  return ((utime + stime) * 1000) / TICKS_PER_SECOND;
}
