import * as fs from 'node:fs';
import * as path from 'node:path';
import { PULUMI_CLI_BIN_ENV } from './pulumi-cli';

/** Encrypts the test stacks' secrets. Not a secret itself: it protects throwaway state only. */
export const E2E_CONFIG_PASSPHRASE = 'e2e-throwaway-stack-passphrase';

export interface PulumiEnv {
  /** Environment variables for every `pulumi` call (Automation API envVars, or a child's env). */
  vars: Record<string, string>;
  /** The file backend's directory: stack state and its history live here. */
  backendDir: string;
  /** PULUMI_HOME: plugins, workspace settings and credentials, kept out of the user's ~/.pulumi. */
  homeDir: string;
  /** The directory holding the `pulumi` these variables are for. */
  binDir: string;
}

/**
 * An isolated, offline, non-interactive environment for the Pulumi CLI under `tmpDir`: a local
 * file backend, a passphrase secrets provider, no update checks and no plugin downloads (the
 * Node.js plugins sit beside the CLI), and the CLI's directory first on PATH.
 * See ../shared/reference/pulumi.md, "The real engine, offline".
 */
export function createPulumiEnv(
  tmpDir: string,
  binDir: string | undefined = process.env[PULUMI_CLI_BIN_ENV],
): PulumiEnv {
  if (!binDir) {
    throw new Error('createPulumiEnv needs the CLI: await ensurePulumiCli() first');
  }
  const root = path.resolve(tmpDir);
  const backendDir = path.join(root, 'backend');
  const homeDir = path.join(root, 'pulumi-home');
  fs.mkdirSync(backendDir, { recursive: true });
  fs.mkdirSync(homeDir, { recursive: true });
  return {
    backendDir,
    homeDir,
    binDir,
    vars: {
      PULUMI_HOME: homeDir,
      PULUMI_BACKEND_URL: `file://${backendDir}`,
      PULUMI_CONFIG_PASSPHRASE: E2E_CONFIG_PASSPHRASE,
      PULUMI_SKIP_UPDATE_CHECK: 'true',
      PULUMI_DISABLE_AUTOMATIC_PLUGIN_ACQUISITION: 'true',
      NO_COLOR: '1',
      // The provider's credential chain must never ask the ECS metadata service from a test.
      ALIBABA_CLOUD_ECS_METADATA_DISABLED: 'true',
      PATH: [binDir, process.env.PATH ?? ''].filter(Boolean).join(path.delimiter),
    },
  };
}
