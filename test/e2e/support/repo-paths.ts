import * as fs from 'node:fs';
import * as path from 'node:path';

/** The repository root, whatever directory the tests are started from. */
export const REPO_ROOT = path.resolve(__dirname, '..', '..', '..');

/** The @pulumi/pulumi version installed for development: e2e projects pin the same one. */
export function installedPulumiSdkVersion(): string {
  const manifest = path.join(REPO_ROOT, 'node_modules', '@pulumi', 'pulumi', 'package.json');
  const { version } = JSON.parse(fs.readFileSync(manifest, 'utf8')) as { version: string };
  return version;
}

/** This package's name, as users install it. */
export function packageName(): string {
  const manifest = path.join(REPO_ROOT, 'package.json');
  const { name } = JSON.parse(fs.readFileSync(manifest, 'utf8')) as { name: string };
  return name;
}
