import * as fs from 'node:fs';
import * as path from 'node:path';
import { E2E_OTHER_ACCOUNT, E2E_OTHER_CORP_APP } from './support/chatops-emulator';
import { chatOpsProgram, PROGRAM_SECRETS } from './support/chatops-program';
import { useChatOpsStack } from './support/chatops-stack';
import { runCommand } from './support/run-command';
import { exportStackText } from './support/stack';
import { stateResources, type StateResource } from './support/state-document';

// Whose objects these are, through the real engine: each Alibaba Cloud resource records its
// account and each group its managing app. A stack run with another account's keys or another
// organisation's app fails before any change and keeps every resource; state written before
// the records existed upgrades with no diff and gets them on its next refresh.

const STEP_TIMEOUT_MS = 4 * 60 * 1000;
const ACCOUNT = '1234567890123456';

const ours = (resources: StateResource[]) =>
  resources.filter((r) => r.type.startsWith('pulumi-nodejs:dynamic'));
const kind = (r: StateResource) => r.type.replace(/^.*:/, '');
const idsOf = (resources: StateResource[]) =>
  ours(resources)
    .map((r) => `${r.urn} ${r.id}`)
    .sort();

describe('the account and app guards on the real engine', () => {
  const setup = useChatOpsStack('chatops-guards', chatOpsProgram());

  async function exported(): Promise<StateResource[]> {
    return stateResources(await exportStackText(setup.stack, setup.env));
  }

  /** Imports a state document through the CLI, as an operator editing state would. */
  async function importState(document: unknown): Promise<void> {
    const file = path.join(setup.workDir, 'edited-state.json');
    fs.writeFileSync(file, JSON.stringify(document));
    await runCommand(
      path.join(setup.env.binDir, 'pulumi'),
      ['stack', 'import', '--file', file, '--stack', setup.stack.name, '--non-interactive'],
      { cwd: setup.stack.workspace.workDir, env: { ...process.env, ...setup.env.vars } },
    );
  }

  it(
    'records the account and app, and upgrades state without them with no diff',
    async () => {
      await setup.stack.up();
      const deployed = ours(await exported());
      for (const r of deployed) {
        if (kind(r) === 'ChatConfiguration' || kind(r) === 'SecurityCenterDingTalkNotification') {
          expect(r.outputs?.accountId).toBe(ACCOUNT);
        }
        if (kind(r) === 'DingTalkGroup') expect(r.outputs?.appClientId).toEqual(expect.any(String));
      }

      // State as the previous release wrote it: no records.
      const document = JSON.parse(await exportStackText(setup.stack, setup.env)) as {
        deployment: { resources: StateResource[] };
      };
      for (const r of document.deployment.resources) {
        if (r.outputs) {
          delete r.outputs.accountId;
          delete r.outputs.appClientId;
        }
      }
      await importState(document);
      expect(ours(await exported()).some((r) => r.outputs?.accountId !== undefined)).toBe(false);

      await setup.stack.preview({ refresh: true, expectNoChanges: true });
      await setup.stack.refresh();
      const refreshed = ours(await exported());
      const alicloud = refreshed.filter(
        (r) => kind(r) !== 'RobotPlugin' && kind(r) !== 'DingTalkGroup',
      );
      expect(alicloud.map((r) => r.outputs?.accountId)).toEqual(alicloud.map(() => ACCOUNT));
    },
    STEP_TIMEOUT_MS,
  );

  it(
    'refresh, update and destroy with another account and app fail and keep everything',
    async () => {
      const before = idsOf(await exported());
      const remoteBefore = JSON.stringify(setup.emulator.state());
      await setup.stack.setAllConfig({
        'alicloud:accessKey': { value: E2E_OTHER_ACCOUNT.key.accessKeyId },
        'alicloud:secretKey': { value: E2E_OTHER_ACCOUNT.key.accessKeySecret, secret: true },
        'dingtalk:clientId': { value: E2E_OTHER_CORP_APP.appKey },
        'dingtalk:clientSecret': { value: E2E_OTHER_CORP_APP.appSecret, secret: true },
      });

      // An update first: the bot's secret changes in config. The engine hands the provider the
      // new stack config on `up`; refresh and destroy then run with what that up recorded.
      await setup.stack.setConfig('opsBotClientSecret', {
        value: `${PROGRAM_SECRETS.opsBotClientSecret}-rotated`,
        secret: true,
      });
      const up = await setup.stack.up().catch((e: Error) => e);
      expect(up).toBeInstanceOf(Error);
      expect(String(up)).toContain(`lives in Alibaba Cloud account ${ACCOUNT}`);
      expect(String(up)).toContain(E2E_OTHER_ACCOUNT.accountId);

      const refresh = await setup.stack.refresh().catch((e: Error) => e);
      expect(refresh).toBeInstanceOf(Error);
      expect(String(refresh)).toContain(`lives in Alibaba Cloud account ${ACCOUNT}`);
      expect(String(refresh)).toContain(
        `but this run calls as the app ${E2E_OTHER_CORP_APP.appKey}, which DingTalk answered errcode 34013`,
      );

      const destroy = await setup.stack.destroy().catch((e: Error) => e);
      expect(destroy).toBeInstanceOf(Error);

      expect(idsOf(await exported())).toEqual(before);
      // Nothing changed remotely: the same objects, with the same settings.
      const remoteAfter = setup.emulator.state();
      expect(remoteAfter.oos.chatConfigurations.map((c) => c.configuration)).toEqual(
        (JSON.parse(remoteBefore) as typeof remoteAfter).oos.chatConfigurations.map(
          (c) => c.configuration,
        ),
      );
      expect(JSON.stringify(remoteAfter.securityCenter.notifications)).toBe(
        JSON.stringify(
          (JSON.parse(remoteBefore) as typeof remoteAfter).securityCenter.notifications,
        ),
      );
      expect(JSON.stringify(remoteAfter.groupChats)).toBe(
        JSON.stringify((JSON.parse(remoteBefore) as typeof remoteAfter).groupChats),
      );
    },
    STEP_TIMEOUT_MS,
  );
});
