import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import * as path from 'node:path';
import type { CliConfig, CliProfile } from './profile-file';

/**
 * Writes fields of one profile back to the CLI's file, as the CLI itself saves it
 * (aliyun-cli `config/configuration.go`, `atomicWriteFile`): the file is read afresh, only the
 * named profile's given fields change, and the new text goes to a temporary file in the same
 * directory, which then replaces the file in one rename. A crash or a reader at the wrong
 * moment sees the old file or the new one, never half of one. A symlinked file is written
 * where the link points; the file keeps its permissions (0600 for a new one).
 *
 * Returns false, writing nothing, when the file or the profile is gone (a user removed or
 * renamed it meanwhile: their change wins).
 */
export function updateCliProfile(
  file: string,
  profileName: string,
  fields: Partial<CliProfile>,
): boolean {
  let target: string;
  let text: string;
  try {
    target = fs.realpathSync(file);
    text = fs.readFileSync(target, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return false;
    throw error;
  }
  const config = JSON.parse(text) as CliConfig;
  const profile = (Array.isArray(config.profiles) ? config.profiles : []).find(
    (p) => p.name === profileName,
  );
  if (!profile) return false;
  Object.assign(profile, fields);

  const mode = fs.statSync(target).mode & 0o777;
  const temp = path.join(
    path.dirname(target),
    `.${path.basename(target)}.tmp-${randomBytes(6).toString('hex')}`,
  );
  const fd = fs.openSync(temp, 'wx', 0o600);
  let open = true;
  try {
    fs.fchmodSync(fd, mode);
    fs.writeFileSync(fd, `${JSON.stringify(config, null, '\t')}\n`);
    fs.fsyncSync(fd);
    fs.closeSync(fd);
    open = false;
    fs.renameSync(temp, target);
  } catch (error) {
    if (open) fs.closeSync(fd);
    fs.rmSync(temp, { force: true });
    throw error;
  }
  return true;
}
