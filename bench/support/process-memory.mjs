// Peak memory and CPU time of processes started by someone else (the Pulumi CLI starts the
// dynamic provider plugin): every few milliseconds, find the processes whose command line
// matches, and read their high-water mark of resident memory (VmHWM in /proc/<pid>/status)
// and their CPU time (/proc/<pid>/stat), Linux only. Both only grow, so the last sample before
// a process exits is its figure up to that moment (at most one interval short).
import fs from 'node:fs';
import { clearInterval, setInterval } from 'node:timers';

function commandLine(pid) {
  try {
    return fs.readFileSync(`/proc/${pid}/cmdline`, 'utf8').replace(/\0/g, ' ').trim();
  } catch {
    return undefined;
  }
}

/** User plus system CPU time the process has used so far, in seconds (/proc/<pid>/stat). */
function cpuSeconds(pid) {
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    // Fields after "pid (comm) ": state is field 3; utime and stime are fields 14 and 15.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[11]) + Number(fields[12])) / CLOCK_TICKS_PER_SECOND;
  } catch {
    return undefined;
  }
}

/** USER_HZ: 100 on every Linux architecture Node runs on. */
const CLOCK_TICKS_PER_SECOND = 100;

function parentOf(pid) {
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    return Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
  } catch {
    return undefined;
  }
}

/** Whether `pid` is `root` or runs under it (other jobs on the machine run the same plugin). */
function descendsFrom(pid, root) {
  let current = Number(pid);
  for (let depth = 0; depth < 16 && current > 1; depth++) {
    if (current === root) return true;
    current = parentOf(current);
    if (current === undefined) return false;
  }
  return false;
}

function highWaterMarkKiB(pid) {
  try {
    const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
    const match = /^VmHWM:\s+(\d+)\s+kB/m.exec(status);
    return match ? Number(match[1]) : undefined;
  } catch {
    return undefined;
  }
}

/** Whether this machine exposes /proc (Linux); elsewhere the memory columns read "n/a". */
export function canSampleMemory() {
  return fs.existsSync('/proc/self/status');
}

/**
 * Starts sampling the processes whose command line matches `pattern` and that run under the
 * process `rootPid()` names (undefined until it has started); `stop()` returns, per process,
 * the largest VmHWM seen (KiB) and the CPU time used (seconds).
 */
export function sampleMemory(pattern, rootPid, intervalMs = 25) {
  const peaks = new Map();
  // Processes seen not to match are skipped for a while; the set is emptied every second,
  // because a process sampled between fork and exec still shows its parent's command line.
  const ignored = new Set();
  let ticks = 0;
  const sample = () => {
    if (++ticks % Math.ceil(1000 / intervalMs) === 0) ignored.clear();
    const root = rootPid();
    if (root === undefined) return;
    let pids;
    try {
      pids = fs.readdirSync('/proc').filter((name) => /^\d+$/.test(name));
    } catch {
      return;
    }
    for (const pid of pids) {
      if (ignored.has(pid)) continue;
      if (!peaks.has(pid)) {
        const cmd = commandLine(pid);
        if (cmd === undefined || !pattern.test(cmd) || !descendsFrom(pid, root)) {
          ignored.add(pid);
          continue;
        }
        peaks.set(pid, { command: cmd, peakKiB: 0, cpuSeconds: 0 });
      }
      const hwm = highWaterMarkKiB(pid);
      const cpu = cpuSeconds(pid);
      const entry = peaks.get(pid);
      if (hwm !== undefined && hwm > entry.peakKiB) entry.peakKiB = hwm;
      if (cpu !== undefined && cpu > entry.cpuSeconds) entry.cpuSeconds = cpu;
    }
  };
  const timer = setInterval(sample, intervalMs);
  sample();
  return {
    stop() {
      clearInterval(timer);
      sample();
      return [...peaks.values()];
    },
  };
}
