#!/usr/bin/env node
// The demo: the quickstart program (Pulumi.yaml at the repository root) deployed with the real
// Pulumi CLI against the emulator, then drift made out of band and repaired, then destroyed.
// Everything lives in a temporary directory (state backend, PULUMI_HOME, stack config) that is
// removed at the end; the exit code is non-zero if any step does not behave as expected.
'use strict';

const childProcess = require('node:child_process');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { linkPackageIntoNodeModules } = require('./link-package');
const { configSetFlags, editOutOfBand, quickstartStackConfig } = require('./quickstart-emulator');

const repoRoot = path.resolve(__dirname, '..');
const STACK = 'demo';
// Exit code of `pulumi preview --expect-no-changes` when the preview found changes.
const EXIT_CODE_CHANGES = 7;

function banner(text) {
  console.log(`\n=== ${text}`);
}

/**
 * Runs a command with inherited output and resolves to its exit code and captured stdout.
 * Asynchronous on purpose: the emulator serves from this same process, so a blocking spawn
 * would leave every request to it unanswered.
 */
function run(command, args, options = {}) {
  return new Promise((resolve, reject) => {
    const child = childProcess.spawn(command, args, {
      cwd: repoRoot,
      stdio: options.capture ? ['ignore', 'pipe', 'inherit'] : 'inherit',
      env: options.env ?? process.env,
    });
    let stdout = '';
    if (child.stdout) child.stdout.on('data', (chunk) => (stdout += chunk));
    child.on('error', reject);
    child.on('close', (code) => {
      const allowed = options.allowedCodes ?? [0];
      if (!allowed.includes(code)) {
        reject(new Error(`${command} ${args.join(' ')} exited with ${code}`));
      } else {
        resolve({ code, stdout });
      }
    });
  });
}

async function ensurePulumiCli() {
  const { stdout } = await run('bash', [path.join(repoRoot, 'scripts', 'pulumi-cli.sh')], {
    capture: true,
  });
  const lines = stdout.trim().split('\n');
  for (const line of lines.slice(0, -1)) console.log(line);
  return lines[lines.length - 1];
}

async function main() {
  banner('Building the package');
  await run('npm', ['run', 'build', '--silent']);
  linkPackageIntoNodeModules(repoRoot);

  banner('Ensuring a Pulumi CLI');
  const binDir = await ensurePulumiCli();

  banner('Starting the emulator');
  const { startEmulator } = require(path.join(repoRoot, 'dist', 'emulator'));
  const emulator = await startEmulator({ port: 0 });
  console.log(`emulator listening on ${emulator.url}`);

  const workDir = fs.mkdtempSync(path.join(os.tmpdir(), 'chatops-demo-'));
  const env = {
    ...process.env,
    PATH: `${binDir}${path.delimiter}${process.env.PATH}`,
    PULUMI_HOME: path.join(workDir, 'home'),
    PULUMI_BACKEND_URL: `file://${path.join(workDir, 'backend')}`,
    PULUMI_CONFIG_PASSPHRASE: 'demo-passphrase',
    PULUMI_SKIP_UPDATE_CHECK: 'true',
    PULUMI_DISABLE_AUTOMATIC_PLUGIN_ACQUISITION: 'true',
    NO_COLOR: '1',
    // The demo uses the emulator's keys: the credential chain never asks the ECS metadata
    // service (100.100.100.200), whatever machine the demo runs on.
    ALIBABA_CLOUD_ECS_METADATA_DISABLED: 'true',
  };
  fs.mkdirSync(path.join(workDir, 'backend'));
  const pulumi = (args, options = {}) =>
    run('pulumi', ['--non-interactive', ...args], { env, ...options });
  // The stack's settings go to Pulumi.demo.yaml beside Pulumi.yaml (git-ignored, secrets
  // encrypted with the throwaway passphrase); removing the stack removes the file.
  const withConfig = ['--stack', STACK];
  let stackCreated = false;

  try {
    banner(`Creating the stack "${STACK}" (state in ${workDir})`);
    await pulumi(['stack', 'init', STACK]);
    stackCreated = true;
    const settings = quickstartStackConfig(emulator.url, {
      namePrefix: 'quickstart',
      botClientSecret: 'demo-bot-client-secret-5f1c',
      webhookToken: 'demo0webhook0token0a1b2c3d',
    });
    for (const [key, value, kind] of settings) {
      await pulumi(['config', 'set', ...withConfig, ...configSetFlags(kind), key, '--', value]);
    }

    banner('pulumi up');
    await pulumi(['up', ...withConfig, '--yes', '--skip-preview']);

    banner('Stack outputs');
    await pulumi(['stack', 'output', ...withConfig]);
    const outputs = JSON.parse(
      (await pulumi(['stack', 'output', ...withConfig, '--json'], { capture: true })).stdout,
    );

    banner('Editing two objects out of band');
    await editOutOfBand(emulator.url, outputs, (text) => console.log(`- ${text}`));

    banner('pulumi preview --refresh: the drift');
    const drift = await pulumi(
      ['preview', ...withConfig, '--refresh', '--diff', '--expect-no-changes'],
      {
        allowedCodes: [0, 1, EXIT_CODE_CHANGES],
      },
    );
    if (drift.code === 0) throw new Error('the preview did not report the out-of-band changes');

    banner('pulumi up --refresh: repairing the drift');
    await pulumi(['up', ...withConfig, '--refresh', '--yes', '--skip-preview']);

    banner('pulumi preview --refresh: clean again');
    await pulumi(['preview', ...withConfig, '--refresh', '--expect-no-changes']);

    banner('pulumi destroy');
    await pulumi(['destroy', ...withConfig, '--yes', '--skip-preview']);
    await pulumi(['stack', 'rm', STACK, '--yes']);
    stackCreated = false;
    banner('Demo finished: deployed, drift detected and repaired, destroyed');
  } finally {
    if (stackCreated)
      await pulumi(['stack', 'rm', STACK, '--yes', '--force'], { allowedCodes: [0, 1] });
    await emulator.stop();
    fs.rmSync(workDir, { recursive: true, force: true });
  }
}

main().catch((error) => {
  console.error(`\ndemo failed: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
