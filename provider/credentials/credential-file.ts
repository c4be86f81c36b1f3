import fs from 'node:fs';
import { configurationError } from './config-input';

/** Profile and INI files are a few KB; a megabyte is not a credentials file. */
export const MAX_PROFILE_FILE_BYTES = 1024 * 1024;
/** OIDC tokens are a few KB (Kubernetes and CI systems issue JWTs of 1 to 4 KB). */
export const MAX_TOKEN_FILE_BYTES = 64 * 1024;

/**
 * A credentials file's text, or undefined when it does not exist. Symlinks are followed
 * (Kubernetes projects its tokens through them); anything but a regular file (a device, a
 * pipe) and anything larger than `maxBytes` is refused before it is read, so a setting that
 * names the wrong file cannot make the provider read it whole or hang on it. Other failures
 * are thrown as they come (the caller names the setting).
 */
export function readCredentialFile(
  file: string,
  what: string,
  maxBytes: number,
): string | undefined {
  let fd: number;
  try {
    fd = fs.openSync(file, fs.constants.O_RDONLY | fs.constants.O_NONBLOCK);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
  try {
    const stat = fs.fstatSync(fd);
    if (!stat.isFile()) {
      throw configurationError(`${what} ${file} is not a regular file; point the setting at one.`);
    }
    if (stat.size > maxBytes) {
      throw configurationError(
        `${what} ${file} has ${stat.size} bytes, more than the ${maxBytes} a credentials file can have; check that the setting names the right file.`,
      );
    }
    return fs.readFileSync(fd, 'utf8');
  } finally {
    fs.closeSync(fd);
  }
}

/** Files already warned about in this process. */
const warned = new Set<string>();

/**
 * Warns, once per file, when a file that holds keys or tokens can be read by other users of
 * the machine (group or others may read it), as `aliyun configure` writes it 0600.
 */
export function warnIfReadableByOthers(
  file: string,
  what: string,
  warn: ((line: string) => void) | undefined,
): void {
  if (!warn || process.platform === 'win32' || warned.has(file)) return;
  let mode: number;
  try {
    mode = fs.statSync(file).mode;
  } catch {
    return;
  }
  if ((mode & 0o044) === 0) return;
  warned.add(file);
  warn(
    `${what} ${file} holds credentials and other users of this machine can read it; make it private: chmod 600 ${file}`,
  );
}

/** Forgets which files were warned about (tests). */
export function resetFileWarnings(): void {
  warned.clear();
}
