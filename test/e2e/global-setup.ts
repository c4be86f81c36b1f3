import { packPackage } from './support/pack-package';
import { ensurePulumiCli } from './support/pulumi-cli';

/**
 * Runs once before the e2e tests, with no time limit: the first build of the Pulumi CLI takes
 * minutes, more than any sensible test timeout. Its results reach the test workers through
 * environment variables (see ensurePulumiCli and packPackage), so each test file reuses them.
 */
export default async function globalSetup(): Promise<void> {
  await ensurePulumiCli();
  await packPackage();
}
