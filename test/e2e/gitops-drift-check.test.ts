import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { ensurePulumiCli } from './support/pulumi-cli';
import { REPO_ROOT } from './support/repo-paths';

// examples/gitops/check-drift.js, the local twin of the CI drift check: against the emulator it
// answers 0 for a stack that matches its objects and 7 once objects were changed behind
// Pulumi's back, exactly as `pulumi preview --refresh --expect-no-changes` does in CI.

const SCRIPT = path.join(REPO_ROOT, 'examples', 'gitops', 'check-drift.js');
const RUN_TIMEOUT_MS = 3 * 60 * 1000;

function checkDrift(binDir: string, ...args: string[]): Promise<{ code: number; output: string }> {
  return new Promise((resolve, reject) => {
    // The global setup built dist/ and the CLI: the script finds both and builds nothing.
    const child = spawn(process.execPath, [SCRIPT, '--skip-build', ...args], {
      cwd: REPO_ROOT,
      env: { ...process.env, PATH: `${binDir}${path.delimiter}${process.env.PATH ?? ''}` },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (output += chunk));
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (output += chunk));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code: code ?? -1, output }));
  });
}

describe('examples/gitops/check-drift.js', () => {
  let binDir: string;

  beforeAll(async () => {
    binDir = await ensurePulumiCli();
  });

  it(
    'exits 0 when the deployed stack matches its objects',
    async () => {
      const result = await checkDrift(binDir);

      expect(result.output).toContain('check-drift: no drift');
      expect(result.code).toBe(0);
    },
    RUN_TIMEOUT_MS,
  );

  it(
    'exits 7 and shows the changes after objects were edited behind Pulumi',
    async () => {
      const result = await checkDrift(binDir, '--simulate-drift');

      expect(result.output).toContain('check-drift: DRIFT');
      expect(result.output).toMatch(/enabled\s*: true => false/);
      expect(result.code).toBe(7);
    },
    RUN_TIMEOUT_MS,
  );

  it('leaves no stack file in the repository', () => {
    expect(fs.existsSync(path.join(REPO_ROOT, 'Pulumi.drift-check.yaml'))).toBe(false);
  });
});
