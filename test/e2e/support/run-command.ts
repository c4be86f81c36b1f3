import { spawn } from 'node:child_process';

export interface RunCommandOptions {
  cwd: string;
  env?: NodeJS.ProcessEnv;
  /** Copies the command's output to this process's stderr as it arrives (long builds). */
  echo?: boolean;
}

export interface CommandResult {
  stdout: string;
  stderr: string;
}

/** How much of a failed command's output an error message carries. */
const OUTPUT_TAIL_CHARS = 4000;

/**
 * Runs a command without a shell and resolves with its output; rejects when it exits non-zero,
 * with the tail of its output in the message so a failed build or install explains itself.
 */
export function runCommand(
  command: string,
  args: readonly string[],
  options: RunCommandOptions,
): Promise<CommandResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, {
      cwd: options.cwd,
      env: options.env ?? process.env,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
      stdout += chunk;
      if (options.echo) process.stderr.write(chunk);
    });
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => {
      stderr += chunk;
      if (options.echo) process.stderr.write(chunk);
    });
    child.on('error', reject);
    child.on('close', (code, signal) => {
      if (code === 0) {
        resolve({ stdout, stderr });
        return;
      }
      const tail = `${stdout}\n${stderr}`.trim().slice(-OUTPUT_TAIL_CHARS);
      const status = signal ? `signal ${signal}` : `exit code ${code}`;
      reject(
        new Error(`${command} ${args.join(' ')} failed (${status}) in ${options.cwd}:\n${tail}`),
      );
    });
  });
}
