import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

/** A fresh directory under the system temp dir, outside the repository. */
export function makeTempDir(label: string): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), `chatops-e2e-${label}-`));
}

/** Removes a directory made by makeTempDir (projects hold a node_modules of their own). */
export function removeTempDir(dir: string | undefined): void {
  if (dir && path.resolve(dir).startsWith(path.resolve(os.tmpdir()) + path.sep)) {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
