import * as fs from 'node:fs';
import * as path from 'node:path';
import {
  LocalWorkspace,
  PulumiCommand,
  Stack,
  type OpMap,
  type UpdateSummary,
} from '@pulumi/pulumi/automation';
import { pulumiRootOf } from './pulumi-cli';
import { packPackage } from './pack-package';
import { createPulumiEnv, PulumiEnv } from './pulumi-env';
import { createProject, Project } from './project';
import { runCommand } from './run-command';

export interface OpenStackOptions {
  project: Project;
  stackName: string;
  env: PulumiEnv;
  /** The CLI's bin directory, from ensurePulumiCli(). */
  binDir: string;
}

/**
 * Creates or selects a stack of a project on disk through the Automation API, driving the CLI
 * from ensurePulumiCli() in the isolated environment from createPulumiEnv().
 */
export async function openStack(options: OpenStackOptions): Promise<Stack> {
  const pulumiCommand = await PulumiCommand.get({ root: pulumiRootOf(options.binDir) });
  return LocalWorkspace.createOrSelectStack(
    { stackName: options.stackName, workDir: options.project.dir },
    { pulumiCommand, envVars: options.env.vars },
  );
}

/**
 * The stack's state as `pulumi stack export` prints it, for searching secrets: secret values
 * must appear only as ciphertext. The Automation API's Stack.exportStack() cannot serve here,
 * since it passes --show-secrets and so returns every secret decrypted.
 */
export async function exportStackText(stack: Stack, env: PulumiEnv): Promise<string> {
  const { stdout } = await runCommand(
    path.join(env.binDir, 'pulumi'),
    ['stack', 'export', '--stack', stack.name, '--non-interactive'],
    { cwd: stack.workspace.workDir, env: { ...process.env, ...env.vars } },
  );
  return stdout;
}

/**
 * Every file the file backend wrote (current state, backups, update history) as one text:
 * a secret must not be found anywhere in it, not only in the latest checkpoint.
 */
export function backendText(env: PulumiEnv): string {
  const texts: string[] = [];
  const visit = (dir: string): void => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) {
        visit(full);
      } else if (entry.isFile()) {
        texts.push(fs.readFileSync(full, 'utf8'));
      }
    }
  };
  visit(env.backendDir);
  return texts.join('\n');
}

/** A user's project and stack as a test opens it: see openPackedStack(). */
export interface PackedStack {
  env: PulumiEnv;
  project: Project;
  stack: Stack;
}

/**
 * The Pulumi environment at `workDir`/pulumi (with `envVars` added), a project at
 * `workDir`/project named `name` running `program` with the packed package installed, and
 * its stack `stackName`.
 */
export async function openPackedStack(options: {
  workDir: string;
  binDir: string;
  name: string;
  program: string;
  stackName: string;
  envVars?: Record<string, string>;
}): Promise<PackedStack> {
  const env = createPulumiEnv(path.join(options.workDir, 'pulumi'), options.binDir);
  Object.assign(env.vars, options.envVars ?? {});
  const project = await createProject({
    dir: path.join(options.workDir, 'project'),
    name: options.name,
    program: options.program,
    packageTarball: await packPackage(),
  });
  const stack = await openStack({
    project,
    stackName: options.stackName,
    env,
    binDir: options.binDir,
  });
  return { env, project, stack };
}

/** A finished up, refresh or destroy: it succeeded, with exactly `changes`. */
export function expectSucceeded(run: { summary: UpdateSummary }, changes: OpMap): void {
  expect(run.summary.result).toBe('succeeded');
  expect(run.summary.resourceChanges).toEqual(changes);
}
