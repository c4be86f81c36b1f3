#!/usr/bin/env node
// The drift check of drift-check.yml, run locally against the emulator: deploys the quickstart
// program (Pulumi.yaml at the repository root) to a throwaway stack, then runs exactly the CI
// command, `pulumi preview --refresh --expect-no-changes`, and reads its exit code the same way:
// 0 = no drift, 7 = drift, anything else = the check itself failed.
//
//   node examples/gitops/check-drift.js                   # expects no drift: exits 0
//   node examples/gitops/check-drift.js --simulate-drift  # edits two objects behind Pulumi's
//                                                         # back first: exits 7
//   --skip-build                                          # use dist/ as it is
//
// The Pulumi CLI comes from scripts/pulumi-cli.sh and the emulator from its command line
// (dist/emulator/cli.js); state, PULUMI_HOME and stack config live in a temporary directory that
// is removed at the end, and the stack is destroyed before that.
'use strict';

const childProcess = require('node:child_process');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const readline = require('node:readline');

const repoRoot = path.resolve(__dirname, '..', '..');
const { linkPackageIntoNodeModules } = require(path.join(repoRoot, 'scripts', 'link-package'));
const { configSetFlags, editOutOfBand, quickstartStackConfig } = require(
  path.join(repoRoot, 'scripts', 'quickstart-emulator'),
);
const STACK = 'drift-check';
const EXIT_NO_DRIFT = 0;
/** `pulumi preview --expect-no-changes` exits 7 when the preview has changes. */
const EXIT_DRIFT = 7;
const EXIT_CHECK_FAILED = 1;

function log(text) {
  console.log(`check-drift: ${text}`);
}

/** Runs a command with inherited output and returns its exit code. */
function run(command, args, options = {}) {
  const result = childProcess.spawnSync(command, args, {
    cwd: repoRoot,
    stdio: options.capture ? ['ignore', 'pipe', 'inherit'] : 'inherit',
    encoding: 'utf8',
    env: options.env ?? process.env,
  });
  if (result.error) throw result.error;
  const allowed = options.allowedCodes ?? [0];
  if (allowed !== 'any' && !allowed.includes(result.status)) {
    throw new Error(`${command} ${args.join(' ')} exited with ${result.status}`);
  }
  return { code: result.status, stdout: result.stdout ?? '' };
}

/** Starts the emulator's command line on a free port and resolves with its URL. */
function startEmulator() {
  const child = childProcess.spawn(
    process.execPath,
    [path.join(repoRoot, 'dist', 'emulator', 'cli.js'), '--port', '0'],
    { stdio: ['ignore', 'pipe', 'inherit'] },
  );
  return new Promise((resolve, reject) => {
    const lines = readline.createInterface({ input: child.stdout });
    lines.on('line', (line) => {
      const match = /listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(line);
      if (match) resolve({ url: match[1], child });
    });
    child.on('exit', (code) => reject(new Error(`the emulator exited with ${code}`)));
    child.on('error', reject);
  });
}

function stopEmulator(emulator) {
  return new Promise((resolve) => {
    if (emulator.child.exitCode !== null) return resolve();
    emulator.child.removeAllListeners('exit');
    emulator.child.on('exit', () => resolve());
    emulator.child.kill('SIGTERM');
  });
}

async function main() {
  const args = process.argv.slice(2);
  const unknown = args.filter((arg) => arg !== '--simulate-drift' && arg !== '--skip-build');
  if (unknown.length > 0) {
    console.error(
      `usage: check-drift.js [--simulate-drift] [--skip-build] (unknown: ${unknown.join(' ')})`,
    );
    return EXIT_CHECK_FAILED;
  }
  const simulate = args.includes('--simulate-drift');

  // --skip-build: dist/ is known to be current (the tests build it once for everyone).
  if (!args.includes('--skip-build')) run('npm', ['run', 'build', '--silent']);
  linkPackageIntoNodeModules(repoRoot);
  const cli = run('bash', [path.join(repoRoot, 'scripts', 'pulumi-cli.sh')], { capture: true });
  const binDir = cli.stdout.trim().split('\n').pop();

  const emulator = await startEmulator();
  log(`emulator at ${emulator.url}`);
  const workDir = fs.mkdtempSync(path.join(os.tmpdir(), 'chatops-drift-check-'));
  const env = {
    ...process.env,
    PATH: `${binDir}${path.delimiter}${process.env.PATH}`,
    PULUMI_HOME: path.join(workDir, 'home'),
    PULUMI_BACKEND_URL: `file://${path.join(workDir, 'backend')}`,
    PULUMI_CONFIG_PASSPHRASE: 'drift-check-throwaway-passphrase',
    PULUMI_SKIP_UPDATE_CHECK: 'true',
    PULUMI_DISABLE_AUTOMATIC_PLUGIN_ACQUISITION: 'true',
    NO_COLOR: '1',
  };
  fs.mkdirSync(path.join(workDir, 'backend'));
  const configFile = path.join(workDir, `Pulumi.${STACK}.yaml`);
  const stackArgs = ['--stack', STACK, '--config-file', configFile];
  const pulumi = (pulumiArgs, options = {}) =>
    run('pulumi', ['--non-interactive', ...pulumiArgs], { env, ...options });

  let deployed = false;
  try {
    // `stack init` writes the stack's config file (its encryption salt) beside Pulumi.yaml:
    // move it to the temporary directory, so the repository is left as it was.
    const initFile = path.join(repoRoot, `Pulumi.${STACK}.yaml`);
    const initFileExisted = fs.existsSync(initFile);
    pulumi(['stack', 'init', STACK]);
    if (!initFileExisted && fs.existsSync(initFile)) fs.renameSync(initFile, configFile);
    const settings = quickstartStackConfig(emulator.url, {
      namePrefix: 'drift',
      botClientSecret: 'drift-check-bot-client-secret',
      webhookToken: 'driftcheck0webhook0token',
    });
    for (const [key, value, kind] of settings) {
      pulumi(['config', 'set', ...stackArgs, ...configSetFlags(kind), key, '--', value]);
    }
    log('deploying the quickstart program to the emulator');
    pulumi(['up', ...stackArgs, '--yes', '--skip-preview']);
    deployed = true;

    if (simulate) {
      const outputs = JSON.parse(
        pulumi(['stack', 'output', '--stack', STACK, '--json'], { capture: true }).stdout,
      );
      await editOutOfBand(emulator.url, outputs, (text) => log(`simulating drift: ${text}`));
    }

    // The check, exactly as drift-check.yml runs it.
    log('pulumi preview --refresh --expect-no-changes');
    const check = pulumi(['preview', ...stackArgs, '--refresh', '--expect-no-changes', '--diff'], {
      allowedCodes: 'any',
    });
    if (check.code === EXIT_NO_DRIFT) log('no drift: the stack matches the remote objects');
    else if (check.code === EXIT_DRIFT) log('DRIFT: the remote objects differ from the stack');
    else log(`the check failed (exit code ${check.code}): this is not a drift verdict`);
    return check.code === EXIT_NO_DRIFT || check.code === EXIT_DRIFT
      ? check.code
      : EXIT_CHECK_FAILED;
  } finally {
    if (deployed) pulumi(['destroy', ...stackArgs, '--yes', '--skip-preview']);
    await stopEmulator(emulator);
    fs.rmSync(workDir, { recursive: true, force: true });
  }
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (error) => {
    console.error(`check-drift: ${error instanceof Error ? error.message : String(error)}`);
    process.exitCode = EXIT_CHECK_FAILED;
  },
);
