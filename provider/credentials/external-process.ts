import { execFile } from 'node:child_process';
import { ChatOpsError } from '../errors';
import { registerSecret } from '../http/redact';
import type { ExternalProcessSource } from './source';
import type { TemporaryCredentials } from './temporary-credentials';

/** How long the command may run, as the vendor's chain allows it. */
export const EXTERNAL_TIMEOUT_MS = 60_000;
/** How long keys without an `expiration` are used before the command runs again. */
export const EXTERNAL_DEFAULT_LIFETIME_MS = 60 * 60_000;
/** Credentials are a few hundred bytes; more is not credentials. */
const MAX_OUTPUT_BYTES = 64 * 1024;
const OPERATION = 'credentials:External';

/**
 * Runs the `process_command` of an `External` CLI profile, as the vendor's chains do: split
 * into a program and its arguments (no shell), with the provider's environment, a timeout and
 * an output cap. The output is credentials: it is never printed, logged or quoted in an error,
 * which names the profile and what went wrong (exit code, signal, timeout, shape) only.
 */
export async function externalCredentials(
  source: ExternalProcessSource,
  now: () => number,
  timeoutMs: number = EXTERNAL_TIMEOUT_MS,
): Promise<TemporaryCredentials> {
  const [program, ...args] = splitCommand(source.command);
  if (!program) throw failure(source, 'is empty');
  const stdout = await new Promise<string>((resolve, reject) => {
    execFile(
      program,
      args,
      { env: process.env, timeout: timeoutMs, maxBuffer: MAX_OUTPUT_BYTES, windowsHide: true },
      (error, out) => {
        if (!error) return resolve(String(out));
        const cause = error as NodeJS.ErrnoException & { killed?: boolean; signal?: string };
        if (cause.code === 'ENOENT')
          return reject(failure(source, 'names a program that is not there'));
        if (cause.killed && cause.signal === 'SIGTERM') {
          return reject(failure(source, `did not finish within ${timeoutMs / 1000} s`));
        }
        if (cause.code === 'ERR_CHILD_PROCESS_STDIO_MAXBUFFER') {
          return reject(failure(source, 'printed more than credentials can be'));
        }
        const how =
          typeof cause.code === 'number' ? `exit code ${cause.code}` : (cause.signal ?? 'an error');
        reject(failure(source, `failed (${how})`));
      },
    );
  });
  return parseOutput(source, stdout, now);
}

function parseOutput(
  source: ExternalProcessSource,
  stdout: string,
  now: () => number,
): TemporaryCredentials {
  let data: unknown;
  try {
    data = JSON.parse(stdout);
  } catch {
    throw failure(source, 'printed something that is not JSON');
  }
  const fields = (typeof data === 'object' && data !== null ? data : {}) as Record<string, unknown>;
  const text = (key: string) =>
    typeof fields[key] === 'string' && (fields[key] as string) !== ''
      ? (fields[key] as string)
      : undefined;
  const accessKeyId = text('access_key_id');
  const accessKeySecret = text('access_key_secret');
  const securityToken = text('sts_token');
  registerSecret(accessKeySecret, 'credential');
  registerSecret(securityToken, 'credential');
  if (!accessKeyId || !accessKeySecret) {
    throw failure(source, 'printed JSON without access_key_id and access_key_secret');
  }
  if (fields.mode === 'StsToken' && !securityToken) {
    throw failure(source, 'printed mode StsToken without sts_token');
  }
  const expiration = fields.expiration;
  const expiresAt =
    typeof expiration === 'number'
      ? expiration * 1000
      : typeof expiration === 'string'
        ? Date.parse(expiration)
        : Number.NaN;
  return {
    accessKeyId,
    accessKeySecret,
    ...(securityToken ? { securityToken } : {}),
    expiresAt: Number.isNaN(expiresAt) ? now() + EXTERNAL_DEFAULT_LIFETIME_MS : expiresAt,
  };
}

function failure(source: ExternalProcessSource, what: string): ChatOpsError {
  return new ChatOpsError({
    code: 'CONFIGURATION_ERROR',
    message: `The process_command of the ${source.origin} ${what}. Run it by hand to see why; it must print {"mode": "AK" or "StsToken", "access_key_id": ..., "access_key_secret": ..., "sts_token": ...} as JSON.`,
    operation: OPERATION,
  });
}

/**
 * A command line split into words as the vendor's chain splits `process_command` (POSIX shlex
 * rules): spaces separate words; single quotes keep everything literal; outside quotes a
 * backslash escapes the next character; inside double quotes it escapes only `"`, `\`, `$`
 * and a backquote; a backslash before a newline joins the lines. No shell expansion happens.
 */
export function splitCommand(command: string): string[] {
  const words: string[] = [];
  let word = '';
  let quote: '"' | "'" | undefined;
  let started = false;
  const chars = [...command.trim()];
  for (let i = 0; i < chars.length; i++) {
    const char = chars[i];
    if (quote === "'") {
      if (char === "'") quote = undefined;
      else word += char;
      continue;
    }
    if (char === '\\' && i + 1 < chars.length) {
      const next = chars[i + 1];
      if (next === '\n') {
        i += 1;
        continue;
      }
      if (quote === '"' && !['"', '\\', '$', '`'].includes(next)) {
        word += char;
        continue;
      }
      word += next;
      started = true;
      i += 1;
      continue;
    }
    if (quote === '"') {
      if (char === '"') quote = undefined;
      else word += char;
    } else if (char === '"' || char === "'") {
      quote = char;
      started = true;
    } else if (/\s/.test(char)) {
      if (started) words.push(word);
      word = '';
      started = false;
    } else {
      word += char;
      started = true;
    }
  }
  if (started) words.push(word);
  return words;
}
