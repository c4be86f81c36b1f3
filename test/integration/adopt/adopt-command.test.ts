import type { RunningEmulator } from '../../../emulator';
import { createClients, type Clients } from '../../../provider/clients';
import { runAdopt } from '../../../provider/cli/adopt';
import {
  ALICLOUD_KEY,
  runtimeFor,
  startAlicloudEmulator,
  typed,
  type Runtime,
} from '../resources/alicloud-harness';
import { toCommonJs, typeErrors } from '../../support/type-check';
import {
  ADOPT_ENV,
  adoptJavaScript,
  evaluateProgram,
  isFromConfig,
  runAdoptCommand,
} from './adopt-harness';

/**
 * `chatops-adopt` against the emulator: it lists what exists, prints a program that declares
 * each object with adopt: true and no secret, and that program, run through the provider,
 * takes the objects over instead of failing or duplicating them.
 */

const REGION = 'cn-hangzhou';

// Distinctive secrets: any of them in the output is a leak.
const BOT_CLIENT_SECRET = 'adopt-test-bot-client-secret-9d3f61';
const WECOM_SECRET = 'adopt-test-wecom-secret-77ab20';
const WEBHOOK_TOKEN = 'adopttestwebhooktoken5e2c48';
const WEBHOOK_URL = `https://oapi.dingtalk.com/robot/send?access_token=${WEBHOOK_TOKEN}`;
/** The alert types of the notification made by hand. */
const ALERT_CONFIG = [
  {
    type: 'sas_analysis_online-sas-operation-log-sas-event-suspicious',
    items: [{ key: 'item_level', values: ['all', 'serious'] }],
  },
];
const SECRETS = [BOT_CLIENT_SECRET, WECOM_SECRET, WEBHOOK_TOKEN, ALICLOUD_KEY.accessKeySecret];

describe('chatops-adopt', () => {
  let emu: RunningEmulator;
  let clients: Clients;
  // Loaded before the tests, not inside one: the provider's module-level tables then count as
  // loaded at start-up for mutation testing, and the tests that check them are the ones run.
  let runtime: Runtime;
  const adopt = (...argv: string[]) => runAdoptCommand(argv);

  beforeAll(async () => {
    emu = await startAlicloudEmulator();
    clients = createClients(() => ({
      ...ALICLOUD_KEY,
      region: REGION,
      oosEndpoint: emu.url,
      stsEndpoint: emu.url,
      sasEndpoint: emu.url,
      alicloudRatePerSecond: 2000,
    }));
    runtime = await runtimeFor(emu);
  });
  afterAll(() => runtime.close());

  beforeEach(async () => {
    emu.reset();
    // What a team set up by hand: a DingTalk bot, a WeCom bot, an alert notification with a
    // duplicate of the same name (Security Center does not keep names unique).
    await clients.oos.createChatConfiguration({
      regionId: REGION,
      name: 'ops-bot',
      type: 'DingTalk',
      ramRole: 'OOSServiceRole',
      configuration: {
        DingTalkClientId: 'dingadoptclientid',
        DingTalkClientSecret: BOT_CLIENT_SECRET,
        DingTalkTemplateId: '381c5aee-f8af-48a4-94be-1f2b3c4d5e6f.schema',
      },
    });
    await clients.oos.createChatConfiguration({
      regionId: REGION,
      name: '值班 机器人',
      type: 'WeChat',
      configuration: { CorpId: 'wwadoptcorp', Secret: WECOM_SECRET, AgentId: '1000002' },
    });
    for (let i = 0; i < 2; i++) {
      await clients.securityCenter.createOrUpdateDingTalk(REGION, {
        ruleActionName: 'security-alerts',
        sendUrl: WEBHOOK_URL,
        intervalTime: 60,
        language: 'en',
        groupIds: ['10417151'],
        config: ALERT_CONFIG,
      });
    }
    await clients.securityCenter.modifyDingTalkStatus(REGION, [1], false);
    emu.clearRequests();
  });

  afterAll(async () => {
    await clients.close();
    await emu.stop();
  });

  it('declares every existing object with adopt: true and its live settings', async () => {
    const result = await adoptJavaScript(REGION, emu.url);

    expect(result.code).toBe(0);
    const declared = evaluateProgram(result.stdout);
    expect(declared.map((d) => [d.className, d.name])).toEqual([
      ['ChatConfiguration', 'ops-bot'],
      ['ChatConfiguration', 'chat-configuration'],
      ['SecurityCenterDingTalkNotification', 'security-alerts'],
    ]);
    expect(declared.every((d) => d.args.adopt === true)).toBe(true);
    /** What an adopted object declares: these arguments, the region and adopt: true. */
    const adoptedInRegion = (args: Record<string, unknown>) => ({
      ...args,
      regionId: REGION,
      adopt: true,
    });
    expect(declared.map((d) => d.args)).toEqual([
      adoptedInRegion({
        name: 'ops-bot',
        type: 'DingTalk',
        ramRole: 'OOSServiceRole',
        clientId: 'dingadoptclientid',
        clientSecret: { configKey: 'opsBotClientSecret', secret: true },
        templateId: '381c5aee-f8af-48a4-94be-1f2b3c4d5e6f.schema',
      }),
      adoptedInRegion({
        name: '值班 机器人',
        type: 'WeChat',
        weComSettings: {
          CorpId: 'wwadoptcorp',
          Secret: { configKey: 'chatConfigurationSecret', secret: true },
          AgentId: '1000002',
        },
      }),
      adoptedInRegion({
        name: 'security-alerts',
        webhookUrl: { configKey: 'securityAlertsWebhookUrl', secret: true },
        intervalTime: 60,
        language: 'en',
        groupIds: ['10417151'],
        config: ALERT_CONFIG,
        enabled: false,
      }),
    ]);
  });

  it('prints no secret, and says which config keys to set and which duplicate it left out', async () => {
    const result = await adopt('--region', REGION, '--endpoint', emu.url);

    for (const secret of SECRETS) {
      expect(result.stdout).not.toContain(secret);
      expect(result.stderr).not.toContain(secret);
    }
    expect(result.stdout).toContain('pulumi config set --secret opsBotClientSecret');
    expect(result.stdout).toContain('pulumi config set --secret chatConfigurationSecret');
    expect(result.stdout).toContain('pulumi config set --secret securityAlertsWebhookUrl');
    expect(result.stdout).toMatch(/"security-alerts" with Id 2/);
  });

  it('prints TypeScript that type-checks against the package and runs like the JavaScript', async () => {
    const typescript = await adopt('--region', REGION, '--endpoint', emu.url);
    const javascript = await adoptJavaScript(REGION, emu.url);

    expect(typeErrors({ adopted: typescript.stdout })).toEqual({ adopted: [] });
    const transpiled = toCommonJs(typescript.stdout);
    expect(evaluateProgram(transpiled)).toEqual(evaluateProgram(javascript.stdout));
  }, 60_000);

  it('only reads: lists and gets, and changes nothing', async () => {
    const before = JSON.stringify(emu.state());
    await adopt('--region', REGION, '--endpoint', emu.url);

    const actions = new Set(emu.requests().requests.map((r) => r.action));
    expect([...actions].sort()).toEqual([
      'DescribeDingTalk',
      'GetChatConfiguration',
      'ListChatConfigurations',
    ]);
    expect(JSON.stringify(emu.state())).toBe(before);
  });

  it('makes a program whose resources, created through the provider, adopt the objects', async () => {
    const result = await adoptJavaScript(REGION, emu.url);
    const secrets: Record<string, string> = {
      opsBotClientSecret: BOT_CLIENT_SECRET,
      chatConfigurationSecret: WECOM_SECRET,
      securityAlertsWebhookUrl: WEBHOOK_URL,
    };
    const resolve = (value: unknown): unknown => {
      if (isFromConfig(value)) return secrets[value.configKey];
      if (Array.isArray(value)) return value.map(resolve);
      if (typeof value === 'object' && value !== null) {
        return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, resolve(v)]));
      }
      return value;
    };
    const before = emu.state();
    for (const { className, args } of evaluateProgram(result.stdout)) {
      const resource = typed(runtime, className);
      const inputs = await resource.checked(resolve(args) as Record<string, unknown>);
      const created = await resource.create(inputs);
      const read = await resource.read(created.id, created.outs);
      // Adopted and in step: a refresh right after shows no difference.
      expect(await resource.diff(created.id, read.props ?? {}, inputs)).toMatchObject({
        changes: false,
      });
    }

    // Nothing new was made: the same configurations, the same two notification ids.
    const after = emu.state();
    const configurationNames = (state: typeof before) =>
      state.oos.chatConfigurations.map((c) => `${c.regionId}/${c.name}`).sort();
    const notificationIds = (state: typeof before) =>
      state.securityCenter.notifications.map((n) => n.id).sort();
    expect(configurationNames(after)).toEqual(configurationNames(before));
    expect(notificationIds(after)).toEqual(notificationIds(before));
    expect(notificationIds(after)).toEqual([1, 2]);
    // And the adopted notification now has the status the program declares.
    expect(after.securityCenter.notifications.find((n) => n.id === 1)?.status).toBe(0);
  });

  it('fails with exit code 1 and no secret when the key is refused', async () => {
    const refused = await runAdopt(['--region', REGION, '--endpoint', emu.url], {
      env: { ...ADOPT_ENV, ALIBABA_CLOUD_ACCESS_KEY_SECRET: 'wrong-secret-for-adopt-3b9c' },
      stdout: () => undefined,
      stderr: (text) => {
        expect(text).toMatch(/^chatops-adopt: AUTH_FAILED: /);
        expect(text).not.toContain('wrong-secret-for-adopt-3b9c');
      },
    });

    expect(refused).toBe(1);
  });

  it('answers a wrong command line with exit code 2 and the usage', async () => {
    const unknownFlag = await adopt('--regoin', REGION);
    const noRegion = await adopt('--endpoint', emu.url);

    expect(unknownFlag.code).toBe(2);
    expect(unknownFlag.stderr).toContain('unknown argument --regoin');
    expect(unknownFlag.stderr).toContain('Usage: chatops-adopt');
    expect(noRegion.code).toBe(2);
    expect(noRegion.stderr).toContain('no region');
  });

  it('reads --flag=value like --flag value', async () => {
    const spaced = await adopt(
      '--region',
      REGION,
      '--endpoint',
      emu.url,
      '--skip',
      'notifications',
    );
    const joined = await adopt(
      `--region=${REGION}`,
      `--endpoint=${emu.url}`,
      '--skip=notifications',
    );

    expect(joined.code).toBe(0);
    expect(joined.stdout).toContain('adopt: true');
    expect(joined.stdout).toBe(spaced.stdout);
    expect(joined.stderr).toBe(spaced.stderr);
  });

  it.each([
    [['--regoin=cn-hangzhou'], 'unknown argument --regoin'],
    [['--region', REGION, '--verbose'], 'unknown argument --verbose'],
    [['--region', REGION, 'extra'], 'unknown argument extra'],
    [['--region'], '--region needs a value'],
    [['--language=perl'], '--language must be typescript or javascript'],
    [['--skip=everything'], '--skip takes chat-configurations or notifications'],
  ])('refuses %j with exit code 2 and the usage', async (argv, message) => {
    const refused = await adopt(...argv);

    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain(message);
    expect(refused.stderr).toContain('Usage: chatops-adopt');
    expect(refused.stdout).toBe('');
  });
});
