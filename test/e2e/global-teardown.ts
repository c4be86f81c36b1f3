import * as fs from 'node:fs';
import { SCRATCH_DIR_ENV } from './support/pack-package';

/** Removes the run's tarballs: the global setup's environment is still this process's. */
export default function globalTeardown(): void {
  const dir = process.env[SCRATCH_DIR_ENV];
  if (dir) fs.rmSync(dir, { recursive: true, force: true });
}
