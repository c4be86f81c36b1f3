import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { oncePerRun } from './once-per-run';
import { REPO_ROOT } from './repo-paths';
import { runCommand } from './run-command';

/** Carries the packed tarball's path from the global setup to the test workers. */
export const PACKAGE_TARBALL_ENV = 'PULUMI_E2E_PACKAGE_TARBALL';
/** The run's scratch directory (tarballs), which the global teardown removes. */
export const SCRATCH_DIR_ENV = 'PULUMI_E2E_SCRATCH_DIR';

/** One directory per test run for what packing writes; made by the first caller. */
export function scratchDir(): string {
  const known = process.env[SCRATCH_DIR_ENV];
  if (known && fs.existsSync(known)) return known;
  const made = fs.mkdtempSync(path.join(os.tmpdir(), 'chatops-e2e-'));
  process.env[SCRATCH_DIR_ENV] = made;
  return made;
}

export interface PackOptions {
  /**
   * Gives the tarball this version instead of package.json's, as a release would (the repository
   * is left untouched). Each call with a version makes a new tarball.
   */
  version?: string;
}

/**
 * Builds the package and packs it with `npm pack`, exactly what a user installs, and returns the
 * tarball's absolute path. The build and pack run once per test run (the global setup does it);
 * a version override re-packs that tarball with a new version number.
 */
export async function packPackage(options: PackOptions = {}): Promise<string> {
  const tarball = await packedTarball();
  return options.version === undefined ? tarball : repackWithVersion(tarball, options.version);
}

const packedTarball = oncePerRun(
  PACKAGE_TARBALL_ENV,
  (tarball) => fs.existsSync(tarball),
  buildAndPack,
);

async function buildAndPack(): Promise<string> {
  await runCommand('npm', ['run', 'build'], { cwd: REPO_ROOT });
  const destination = fs.mkdtempSync(path.join(scratchDir(), 'pack-'));
  const { stdout } = await runCommand(
    'npm',
    ['pack', '--json', '--pack-destination', destination],
    { cwd: REPO_ROOT },
  );
  const [packed] = JSON.parse(stdout) as { filename: string }[];
  if (!packed) {
    throw new Error(`npm pack reported no tarball:\n${stdout}`);
  }
  return path.join(destination, packed.filename);
}

async function repackWithVersion(tarball: string, version: string): Promise<string> {
  const workDir = fs.mkdtempSync(path.join(scratchDir(), 'repack-'));
  // npm tarballs hold everything under package/.
  await runCommand('tar', ['-xzf', tarball, '-C', workDir], { cwd: workDir });
  const manifestPath = path.join(workDir, 'package', 'package.json');
  const manifest = JSON.parse(fs.readFileSync(manifestPath, 'utf8')) as Record<string, unknown>;
  manifest.version = version;
  fs.writeFileSync(manifestPath, `${JSON.stringify(manifest, null, 2)}\n`);
  const repacked = path.join(workDir, `${path.basename(tarball, '.tgz')}-${version}.tgz`);
  await runCommand('tar', ['-czf', repacked, '-C', workDir, 'package'], { cwd: workDir });
  return repacked;
}
