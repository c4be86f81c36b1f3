import * as fs from 'node:fs';
import * as path from 'node:path';
import { chatOpsProgram } from './support/chatops-program';
import { type ChatOpsStack, useChatOpsStack } from './support/chatops-stack';
import { stepLog } from './support/engine-steps';
import { packPackage } from './support/pack-package';
import { installPackage } from './support/project';
import { packageName } from './support/repo-paths';
import { exportStackText } from './support/stack';
import { providerTexts, stateResources } from './support/state-document';

// A user upgrades the package under a deployed stack. The serialized provider in state must
// not change with the version (a changed one shows as `~__provider` on every resource), and
// the code stored in state must run the newly installed package.

const STEP_TIMEOUT_MS = 3 * 60 * 1000;
const NEXT_VERSION = '0.1.1-e2e';

function installedVersion(setup: ChatOpsStack): string {
  const manifest = path.join(setup.project.dir, 'node_modules', packageName(), 'package.json');
  return (JSON.parse(fs.readFileSync(manifest, 'utf8')) as { version: string }).version;
}

describe('upgrading the package under a deployed stack', () => {
  const setup = useChatOpsStack('chatops-upgrade', chatOpsProgram());

  it(
    'previews no changes after re-packing with a new version and reinstalling',
    async () => {
      const up = await setup.stack.up();
      expect(up.summary.result).toBe('succeeded');
      const deployedVersion = installedVersion(setup);
      const before = providerTexts(stateResources(await exportStackText(setup.stack, setup.env)));
      expect(before.size).toBeGreaterThan(0);

      await installPackage(setup.project, await packPackage({ version: NEXT_VERSION }));
      expect(deployedVersion).not.toBe(NEXT_VERSION);
      expect(installedVersion(setup)).toBe(NEXT_VERSION);

      // With refresh, the provider code stored in state reads every object through the new
      // package; the preview then checks and diffs with the new program's provider.
      const steps = stepLog();
      const preview = await setup.stack.preview({
        refresh: true,
        diff: true,
        expectNoChanges: true,
        onEvent: steps.onEvent,
      });

      expect(preview.changeSummary).toEqual({ same: before.size + 1 });
      expect(preview.stdout).not.toContain('__provider');
      // The provider the new version serializes is the very text in state.
      const planned = steps.steps().filter((step) => step.op === 'same');
      expect(planned).toHaveLength(before.size);
      for (const step of planned) {
        expect({ urn: step.urn, provider: step.new?.inputs.__provider }).toEqual({
          urn: step.urn,
          provider: before.get(step.urn)?.[0],
        });
      }
    },
    STEP_TIMEOUT_MS,
  );
});
