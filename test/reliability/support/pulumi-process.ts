import { spawn, type ChildProcess } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { PulumiEnv } from '../../e2e/support/pulumi-env';

/** What one `pulumi` command did: its exit status and everything it printed. */
export interface PulumiRun {
  args: readonly string[];
  /** null when the process was killed by a signal. */
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

export interface StartedPulumi {
  child: ChildProcess;
  /** Resolves when the process has exited, whatever its status. */
  done: Promise<PulumiRun>;
  /**
   * Kills the CLI and everything it started (language host, program, provider plugin) at
   * once, the way a CI runner that times out kills a job's processes.
   */
  killTree(signal: NodeJS.Signals): void;
}

interface ProcessEntry {
  ppid: number;
  pgid: number;
}

/** Parent and process group of each running process (Linux /proc). */
function processTable(): Map<number, ProcessEntry> {
  const table = new Map<number, ProcessEntry>();
  for (const name of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    try {
      const stat = fs.readFileSync(`/proc/${name}/stat`, 'utf8');
      // pid (command) state ppid pgrp ...: the command may hold spaces and parentheses.
      const [, ppid, pgid] = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      table.set(Number(name), { ppid: Number(ppid), pgid: Number(pgid) });
    } catch {
      // The process ended meanwhile.
    }
  }
  return table;
}

/**
 * `pid` and all its descendants, and their process groups. The CLI starts each plugin in a
 * process group of its own; killing the groups also reaches a child a plugin starts after
 * the table was read.
 */
function processTree(pid: number): { pids: number[]; groups: number[] } {
  const table = processTable();
  const pids = [pid];
  for (let i = 0; i < pids.length; i++) {
    for (const [child, entry] of table) if (entry.ppid === pids[i]) pids.push(child);
  }
  const groups = new Set(pids.map((p) => table.get(p)?.pgid ?? p).filter((g) => g > 1));
  groups.delete(process.pid);
  groups.delete(table.get(process.pid)?.pgid ?? -1);
  return { pids, groups: [...groups] };
}

function signal(target: number, name: NodeJS.Signals): void {
  try {
    process.kill(target, name);
  } catch {
    // Already gone.
  }
}

/** Starts the CLI; the test may kill it with all its plugins. */
export function startPulumi(args: readonly string[], cwd: string, env: PulumiEnv): StartedPulumi {
  const child = spawn(path.join(env.binDir, 'pulumi'), args, {
    cwd,
    env: { ...process.env, ...env.vars },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout?.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
  child.stderr?.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
  const done = new Promise<PulumiRun>((resolve, reject) => {
    child.on('error', reject);
    child.on('close', (code, signal) => resolve({ args, code, signal, stdout, stderr }));
  });
  return {
    child,
    done,
    killTree(name) {
      if (child.pid === undefined) return;
      const tree = processTree(child.pid);
      for (const group of tree.groups) signal(-group, name);
      for (const pid of tree.pids) signal(pid, name);
    },
  };
}

/** Runs the CLI to completion; a non-zero exit is a result, not an exception. */
export function runPulumi(
  args: readonly string[],
  cwd: string,
  env: PulumiEnv,
): Promise<PulumiRun> {
  return startPulumi(args, cwd, env).done;
}

/** Everything a run printed, for messages and searches. */
export function outputOf(run: PulumiRun): string {
  return `${run.stdout}\n${run.stderr}`;
}

/** A readable failure message for an unexpected exit status. */
export function describeRun(run: PulumiRun): string {
  const status = run.signal ? `signal ${run.signal}` : `exit code ${run.code}`;
  return `pulumi ${run.args.join(' ')} ended with ${status}:\n${outputOf(run).trim().slice(-6000)}`;
}
