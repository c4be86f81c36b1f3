import type { Stack } from '@pulumi/pulumi/automation';
import type { RunningEmulator } from '../../../emulator';
import { configureStack, startChatOpsEmulator } from './chatops-emulator';
import { programConfig } from './chatops-program';
import type { Project } from './project';
import { ensurePulumiCli } from './pulumi-cli';
import type { PulumiEnv } from './pulumi-env';
import { openPackedStack } from './stack';
import { makeTempDir, removeTempDir } from './temp-dir';

/** A user's setup: the emulator, a project with the packed package installed, one stack. */
export interface ChatOpsStack {
  emulator: RunningEmulator;
  workDir: string;
  env: PulumiEnv;
  project: Project;
  stack: Stack;
}

/**
 * Starts the emulator, creates a project running `program` with the packed package installed
 * (npm pack, then npm install, as a user would), and a stack configured for the emulator with
 * the program's secrets as secret config.
 */
export async function openChatOpsStack(label: string, program: string): Promise<ChatOpsStack> {
  const binDir = await ensurePulumiCli();
  const workDir = makeTempDir(label);
  const emulator = await startChatOpsEmulator();
  try {
    const { env, project, stack } = await openPackedStack({
      workDir,
      binDir,
      name: label,
      program,
      stackName: 'e2e',
    });
    await configureStack(stack, emulator.url, programConfig());
    return { emulator, workDir, env, project, stack };
  } catch (error) {
    await emulator.stop();
    removeTempDir(workDir);
    throw error;
  }
}

/** Stops the emulator and removes the project, its state and its config. */
export async function closeChatOpsStack(setup: ChatOpsStack | undefined): Promise<void> {
  if (!setup) return;
  await setup.emulator.stop();
  removeTempDir(setup.workDir);
}

/** How long opening a stack may take: the first one waits for the Pulumi CLI and the pack. */
const OPEN_TIMEOUT_MS = 10 * 60 * 1000;

/**
 * Opens a stack running `program` before the tests of the describe it is called in, then
 * gives it to `ready`, and closes it after them. The object returned is that stack once open.
 */
export function useChatOpsStack(
  label: string,
  program: string,
  ready?: (setup: ChatOpsStack) => Promise<unknown>,
): ChatOpsStack {
  const setup = {} as ChatOpsStack;
  let opened: ChatOpsStack | undefined;
  beforeAll(async () => {
    opened = await openChatOpsStack(label, program);
    Object.assign(setup, opened);
    await ready?.(setup);
  }, OPEN_TIMEOUT_MS);
  afterAll(async () => {
    await closeChatOpsStack(opened);
  });
  return setup;
}
