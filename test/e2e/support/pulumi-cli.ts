import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { oncePerRun } from './once-per-run';
import { REPO_ROOT } from './repo-paths';
import { runCommand } from './run-command';

/**
 * Carries the CLI's bin directory from the global setup to the test workers, which inherit the
 * environment of the process that starts them.
 */
export const PULUMI_CLI_BIN_ENV = 'PULUMI_E2E_CLI_BIN';

/**
 * Ensures the Pulumi CLI (scripts/pulumi-cli.sh: a suitable `pulumi` on PATH, or a build cached
 * outside the repository) and returns the absolute directory holding `pulumi` and its Node.js
 * plugins. Runs the script at most once per test run: the global setup does it, and every later
 * call reuses its answer.
 */
export const ensurePulumiCli = oncePerRun(
  PULUMI_CLI_BIN_ENV,
  (binDir) => fs.existsSync(path.join(binDir, 'pulumi')),
  runPulumiCliScript,
);

async function runPulumiCliScript(): Promise<string> {
  const script = path.join(REPO_ROOT, 'scripts', 'pulumi-cli.sh');
  // The first build takes minutes: its progress is shown as it happens.
  const { stdout } = await runCommand('bash', [script], { cwd: REPO_ROOT, echo: true });
  const lines = stdout.trim().split('\n');
  const binDir = lines[lines.length - 1]?.trim() ?? '';
  if (!path.isAbsolute(binDir) || !fs.existsSync(path.join(binDir, 'pulumi'))) {
    throw new Error(`scripts/pulumi-cli.sh did not end with the CLI's bin directory:\n${stdout}`);
  }
  return binDir;
}

/**
 * The `root` that the Automation API's PulumiCommand.get expects: a directory holding
 * bin/pulumi. A CLI found on PATH may live in a directory not named bin; it then gets a root of
 * its own whose bin links to it.
 */
export function pulumiRootOf(binDir: string): string {
  if (path.basename(binDir) === 'bin') {
    return path.dirname(binDir);
  }
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'pulumi-cli-root-'));
  fs.symlinkSync(binDir, path.join(root, 'bin'));
  return root;
}
