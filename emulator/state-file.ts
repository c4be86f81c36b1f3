import { existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { emptyState, type EmulatorState } from './state';

/**
 * Reads a state file written by `saveState`. A missing file is a fresh start; a file that
 * is not ours is an error, so that a typo in `--state` never silently discards data.
 */
export function loadState(file: string): EmulatorState {
  if (!existsSync(file)) return emptyState();
  const parsed = JSON.parse(readFileSync(file, 'utf8')) as Partial<EmulatorState>;
  if (parsed.version !== 1 || typeof parsed.oos !== 'object') {
    throw new Error(`${file} is not an emulator state file (expected "version": 1)`);
  }
  const fresh = emptyState();
  return {
    ...fresh,
    ...parsed,
    securityCenter: { ...fresh.securityCenter, ...parsed.securityCenter },
    directory: { ...fresh.directory, ...parsed.directory },
  } as EmulatorState;
}

/** Writes atomically (temp file, then rename) so a crash never leaves half a file. */
export function saveState(file: string, state: EmulatorState): void {
  const temp = `${file}.${process.pid}.tmp`;
  writeFileSync(temp, JSON.stringify(state, null, 2), { mode: 0o600 });
  renameSync(temp, file);
}
