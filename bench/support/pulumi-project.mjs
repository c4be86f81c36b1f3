// A Pulumi project driven through the real CLI, as a user's pipeline does: the Pulumi CLI from
// scripts/pulumi-cli.sh, the package packed with `npm pack` and installed into the project,
// a local file backend and a throwaway PULUMI_HOME under a temporary directory.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import process from 'node:process';
import { fileURLToPath } from 'node:url';
import { performance } from 'node:perf_hooks';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

/** Runs a command; resolves with its exit code, output and wall time in milliseconds. */
export function run(command, args, options = {}) {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const child = spawn(command, args, {
      cwd: options.cwd ?? ROOT,
      env: options.env ?? process.env,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    options.onSpawn?.(child);
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (chunk) => (stdout += chunk));
    child.stderr.setEncoding('utf8').on('data', (chunk) => (stderr += chunk));
    child.on('error', reject);
    child.on('close', (code) =>
      resolve({ code, stdout, stderr, wallMs: performance.now() - started }),
    );
  });
}

async function must(command, args, options) {
  const result = await run(command, args, options);
  if (result.code !== 0) {
    const tail = `${result.stdout}\n${result.stderr}`.trim().slice(-4000);
    throw new Error(`${command} ${args.join(' ')} failed with exit code ${result.code}:\n${tail}`);
  }
  return result;
}

/** The directory holding `pulumi` (scripts/pulumi-cli.sh prints it last). */
export async function pulumiBinDir() {
  const { stdout } = await must('bash', [path.join(ROOT, 'scripts', 'pulumi-cli.sh')]);
  return stdout.trim().split('\n').pop().trim();
}

/** Packs the built package as a user installs it. */
async function packPackage(workDir) {
  const { stdout } = await must('npm', ['pack', '--json', '--pack-destination', workDir]);
  return path.join(workDir, JSON.parse(stdout)[0].filename);
}

/**
 * Creates a JavaScript project whose `index.js` is `entry`, with `files` beside it, the
 * packed package and the repository's @pulumi/pulumi version installed.
 */
export async function createProject({ name, entry, files }) {
  const workDir = fs.mkdtempSync(path.join(os.tmpdir(), `chatops-bench-${name}-`));
  const dir = path.join(workDir, 'project');
  fs.mkdirSync(dir);
  const tarball = await packPackage(workDir);
  const sdkVersion = JSON.parse(
    fs.readFileSync(path.join(ROOT, 'node_modules/@pulumi/pulumi/package.json'), 'utf8'),
  ).version;
  const packageName = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')).name;
  fs.writeFileSync(
    path.join(dir, 'Pulumi.yaml'),
    `name: ${name}\nruntime:\n  name: nodejs\n  options:\n    typescript: false\nmain: index.js\n`,
  );
  fs.writeFileSync(
    path.join(dir, 'package.json'),
    JSON.stringify({
      name,
      private: true,
      dependencies: { '@pulumi/pulumi': sdkVersion, [packageName]: `file:${tarball}` },
    }),
  );
  fs.writeFileSync(path.join(dir, 'index.js'), entry);
  for (const [file, text] of Object.entries(files)) fs.writeFileSync(path.join(dir, file), text);
  await must('npm', ['install', '--prefer-offline', '--no-audit', '--no-fund'], { cwd: dir });
  return { name, dir, workDir };
}

/** An isolated, offline, non-interactive environment for the CLI (reference/pulumi.md). */
export function pulumiEnv(workDir, binDir) {
  const backend = path.join(workDir, 'backend');
  const home = path.join(workDir, 'pulumi-home');
  fs.mkdirSync(backend, { recursive: true });
  fs.mkdirSync(home, { recursive: true });
  return {
    backend,
    binDir,
    vars: {
      ...process.env,
      PULUMI_HOME: home,
      PULUMI_BACKEND_URL: `file://${backend}`,
      PULUMI_CONFIG_PASSPHRASE: 'bench-throwaway-passphrase',
      PULUMI_SKIP_UPDATE_CHECK: 'true',
      PULUMI_DISABLE_AUTOMATIC_PLUGIN_ACQUISITION: 'true',
      NO_COLOR: '1',
      PATH: `${binDir}${path.delimiter}${process.env.PATH}`,
    },
  };
}

/**
 * `pulumi <args> --stack <stack> --non-interactive` in the project; fails loudly. `onSpawn`
 * receives the CLI's child process as soon as it starts.
 */
export function pulumi(project, env, stack, args, onSpawn) {
  return must(path.join(env.binDir, 'pulumi'), [...args, '--stack', stack, '--non-interactive'], {
    cwd: project.dir,
    env: env.vars,
    onSpawn,
  });
}

/** The stack's checkpoint file in the file backend (the state a user's backend stores). */
export function stateFileOf(env, project, stack) {
  const file = path.join(env.backend, '.pulumi', 'stacks', project.name, `${stack}.json`);
  return fs.existsSync(file) ? file : undefined;
}

/** `pulumi version` of the CLI. */
export async function pulumiVersion(env) {
  const { stdout } = await must(path.join(env.binDir, 'pulumi'), ['version'], { env: env.vars });
  return stdout.trim();
}
