import * as path from 'node:path';
import type { RunningEmulator } from '../../../emulator';
import { packPackage } from '../../e2e/support/pack-package';
import { createProject, type Project } from '../../e2e/support/project';
import { ensurePulumiCli } from '../../e2e/support/pulumi-cli';
import { createPulumiEnv, type PulumiEnv } from '../../e2e/support/pulumi-env';
import { makeTempDir, removeTempDir } from '../../e2e/support/temp-dir';
import { DECLARED_PROGRAM } from './declared-program';

export interface ReliabilityWorkspace {
  /** Remove it in afterAll with removeTempDir. */
  workDir: string;
  project: Project;
  env: PulumiEnv;
}

/** npm install takes seconds: one project per test file, one stack per scenario. */
export const WORKSPACE_TIMEOUT_MS = 10 * 60 * 1000;

/**
 * A project of the declared-objects program with the packed package installed, and an
 * isolated Pulumi environment (file backend, own PULUMI_HOME) beside it.
 */
export async function createReliabilityWorkspace(label: string): Promise<ReliabilityWorkspace> {
  const binDir = await ensurePulumiCli();
  const workDir = makeTempDir(label);
  const env = createPulumiEnv(path.join(workDir, 'pulumi'), binDir);
  const project = await createProject({
    dir: path.join(workDir, 'project'),
    name: 'chatops-reliability',
    program: DECLARED_PROGRAM,
    packageTarball: await packPackage(),
  });
  return { workDir, project, env };
}

/** Stops the emulator and removes the workspace, whichever of them the setup got to make. */
export async function closeReliabilityRun(
  emulator: RunningEmulator | undefined,
  workspace: ReliabilityWorkspace | undefined,
): Promise<void> {
  await emulator?.stop();
  removeTempDir(workspace?.workDir);
}
