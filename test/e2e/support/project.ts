import * as fs from 'node:fs';
import * as path from 'node:path';
import { packPackage } from './pack-package';
import { installedPulumiSdkVersion, packageName } from './repo-paths';
import { runCommand } from './run-command';

export interface ProjectSpec {
  /** Where to create the project; made if missing. */
  dir: string;
  /** The Pulumi project name (also the namespace of its unqualified config keys). */
  name: string;
  /**
   * The program: CommonJS JavaScript written to index.js. A plain JavaScript program starts in
   * well under a second, where ts-node would type-check and compile TypeScript on every
   * preview, up, refresh and destroy (seconds each, on 2 cores) and need typescript and ts-node
   * in every project. The provider code under test is the same compiled JavaScript either way.
   */
  program: string;
  /**
   * Extra npm dependencies (name -> version spec), e.g. `{ typescript: '~5.9.3' }` for a test
   * that wants the closure serializer to parse with the program's own TypeScript.
   */
  dependencies?: Record<string, string>;
  /**
   * The tarball of this package to install; defaults to packPackage(). `false` installs only
   * @pulumi/pulumi and `dependencies`.
   */
  packageTarball?: string | false;
}

export interface Project {
  dir: string;
  name: string;
}

const NPM_INSTALL_FLAGS = ['--prefer-offline', '--no-audit', '--no-fund'];

/**
 * Creates a Pulumi project as a user would: Pulumi.yaml (Node.js runtime, JavaScript entry
 * point), package.json, index.js, then `npm install` of the packed package and the same
 * @pulumi/pulumi version this repository develops against.
 */
export async function createProject(spec: ProjectSpec): Promise<Project> {
  const dir = path.resolve(spec.dir);
  fs.mkdirSync(dir, { recursive: true });

  const tarball =
    spec.packageTarball === false ? undefined : (spec.packageTarball ?? (await packPackage()));
  const dependencies: Record<string, string> = {
    '@pulumi/pulumi': installedPulumiSdkVersion(),
    ...(tarball ? { [packageName()]: `file:${tarball}` } : {}),
    ...spec.dependencies,
  };

  fs.writeFileSync(
    path.join(dir, 'Pulumi.yaml'),
    [
      `name: ${spec.name}`,
      'description: End-to-end test project',
      'runtime:',
      '  name: nodejs',
      '  options:',
      '    typescript: false',
      'main: index.js',
      '',
    ].join('\n'),
  );
  fs.writeFileSync(
    path.join(dir, 'package.json'),
    `${JSON.stringify({ name: spec.name, private: true, main: 'index.js', dependencies }, null, 2)}\n`,
  );
  fs.writeFileSync(path.join(dir, 'index.js'), spec.program);

  await runCommand('npm', ['install', ...NPM_INSTALL_FLAGS], { cwd: dir });
  return { dir, name: spec.name };
}

/** Installs another tarball of this package into a project, as a user upgrading would. */
export async function installPackage(project: Project, tarball: string): Promise<void> {
  await runCommand('npm', ['install', ...NPM_INSTALL_FLAGS, tarball], { cwd: project.dir });
}
