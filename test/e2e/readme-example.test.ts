import { Stack } from '@pulumi/pulumi/automation';
import { startEmulator, type RunningEmulator } from '../../emulator';
import { readmeCodeBlocks } from '../support/readme-code';
import { toCommonJs } from '../support/type-check';
import { ensurePulumiCli } from './support/pulumi-cli';
import type { PulumiEnv } from './support/pulumi-env';
import { backendText, expectSucceeded, openPackedStack } from './support/stack';
import { makeTempDir, removeTempDir } from './support/temp-dir';

// A newcomer's second program: the example of the README ("Installing into your Pulumi
// program"), exactly as printed there, installed from the packed package into a fresh project
// and deployed with the real Pulumi CLI against the emulator, then destroyed.

const PROJECT_NAME = 'readme-example';
const BOT_CLIENT_SECRET = 'readme-bot-client-secret-4e8a1c';
const WEBHOOK_TOKEN = 'readmewebhooktoken7d2f9b';
const SETUP_TIMEOUT_MS = 10 * 60 * 1000;
const OPERATION_TIMEOUT_MS = 3 * 60 * 1000;

/** The stack settings the README tells the user to set, with values the emulator knows. */
function stackConfig(emulatorUrl: string): Record<string, { value: string; secret?: boolean }> {
  const own = (key: string) => `${PROJECT_NAME}:${key}`;
  return {
    'alicloud:region': { value: 'cn-hangzhou' },
    'alicloud:accessKey': { value: 'test' },
    'alicloud:secretKey': { value: 'test', secret: true },
    'dingtalk:clientId': { value: 'test' },
    'dingtalk:clientSecret': { value: 'test', secret: true },
    'chatops:oosEndpoint': { value: emulatorUrl },
    'chatops:stsEndpoint': { value: emulatorUrl },
    'chatops:sasEndpoint': { value: emulatorUrl },
    'chatops:dingtalkApiEndpoint': { value: emulatorUrl },
    'chatops:dingtalkOapiEndpoint': { value: emulatorUrl },
    [own('botClientId')]: { value: 'dingreadmeclientid' },
    [own('botClientSecret')]: { value: BOT_CLIENT_SECRET, secret: true },
    [own('botTemplateId')]: { value: '381c5aee-f8af-48a4-94be-1f2b3c4d5e6f.schema' },
    [own('alertWebhookUrl')]: {
      value: `https://oapi.dingtalk.com/robot/send?access_token=${WEBHOOK_TOKEN}`,
      secret: true,
    },
    [own('oncallOwner')]: { value: 'manager4220' },
    [own('robotCode')]: { value: 'dingrobotops' },
  };
}

describe('the README example program', () => {
  let workDir: string;
  let env: PulumiEnv;
  let stack: Stack;
  let emulator: RunningEmulator;

  beforeAll(async () => {
    const [example] = readmeCodeBlocks('readme-example');
    if (!example) throw new Error('README.md has no code block marked <!-- readme-example -->');
    const binDir = await ensurePulumiCli();
    emulator = await startEmulator({ port: 0 });
    workDir = makeTempDir(PROJECT_NAME);
    ({ env, stack } = await openPackedStack({
      workDir,
      binDir,
      name: PROJECT_NAME,
      // The harness runs JavaScript programs; the README's TypeScript, compiled as tsc would.
      program: toCommonJs(example),
      stackName: 'dev',
    }));
    await stack.setAllConfig(stackConfig(emulator.url));
    // `pulumi config set --path 'oncallMembers[0]' ...`, as the README shows.
    await stack.setConfig(`${PROJECT_NAME}:oncallMembers[0]`, { value: 'manager4220' }, true);
    await stack.setConfig(`${PROJECT_NAME}:oncallMembers[1]`, { value: 'userid1' }, true);
  }, SETUP_TIMEOUT_MS);

  afterAll(async () => {
    await emulator?.stop();
    removeTempDir(workDir);
  });

  it(
    'deploys: pulumi up creates the four resources',
    async () => {
      const result = await stack.up();

      expectSucceeded(result, { create: 5 });
      expect(result.outputs.opsBotWebhookUrl?.value).toMatch(/^https:\/\/.+\/webhook\//);
      expect(result.outputs.opsBotWebhookUrl?.secret).toBe(true);
      expect(typeof result.outputs.alertsId?.value).toBe('number');
      const chatId = result.outputs.oncallChatId?.value as string;

      const state = emulator.state();
      expect(state.oos.chatConfigurations.map((c) => c.name)).toEqual(['ops-bot']);
      expect(state.securityCenter.notifications.map((n) => n.ruleActionName)).toEqual([
        'security-alerts',
      ]);
      expect(state.robotPlugins.dingrobotops?.map((p) => p.name)).toEqual([
        JSON.stringify({ en_US: 'Runbooks', zh_CN: '运维手册' }),
        'On-call',
      ]);
      expect([...(state.groupChats[chatId]?.userIds ?? [])].sort()).toEqual([
        'manager4220',
        'userid1',
      ]);
    },
    OPERATION_TIMEOUT_MS,
  );

  it(
    'reads back without drift: pulumi preview --refresh --expect-no-changes',
    async () => {
      const preview = await stack.preview({ refresh: true, expectNoChanges: true });

      expect(preview.changeSummary).toEqual({ same: 5 });
    },
    OPERATION_TIMEOUT_MS,
  );

  it('keeps the secrets it was given out of the state', () => {
    const state = backendText(env);

    expect(state).not.toContain(BOT_CLIENT_SECRET);
    expect(state).not.toContain(WEBHOOK_TOKEN);
  });

  it(
    'destroys: deletes the Alibaba Cloud objects, clears the plugins, retains the group',
    async () => {
      const result = await stack.destroy();

      expectSucceeded(result, { delete: 5 });
      const state = emulator.state();
      expect(state.oos.chatConfigurations).toEqual([]);
      expect(state.securityCenter.notifications).toEqual([]);
      expect(state.robotPlugins.dingrobotops ?? []).toEqual([]);
      // The README's group keeps the default deletionPolicy, 'retain': DingTalk cannot dismiss it.
      expect(Object.keys(state.groupChats)).toHaveLength(1);
    },
    OPERATION_TIMEOUT_MS,
  );
});
