import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';
import * as pulumi from '@pulumi/pulumi';

/** Runs a command, resolving to its output. */
export const run = promisify(execFile);

/** The repository's root. */
export const REPO_ROOT = path.resolve(__dirname, '../../..');

/** What the SDK stores in `__provider`: `dynamic.Resource` serializes `() => provider`. */
export async function serialize(provider: pulumi.dynamic.ResourceProvider): Promise<string> {
  const serialized = await pulumi.runtime.serializeFunction(() => provider, { allowSecrets: true });
  return serialized.text;
}
