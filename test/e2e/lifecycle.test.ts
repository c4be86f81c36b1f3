import type { OutputMap } from '@pulumi/pulumi/automation';
import {
  consoleClients,
  dismissGroup,
  E2E_ALICLOUD_KEY,
  E2E_DINGTALK_APP,
  E2E_REGION,
  E2E_ROBOTS,
} from './support/chatops-emulator';
import {
  ADOPTED,
  chatOpsProgram,
  DECLARED,
  editOpsBotInConsole,
  PROGRAM_SECRETS,
  WEBHOOK_URL,
  writeProgram,
} from './support/chatops-program';
import { useChatOpsStack } from './support/chatops-stack';
import {
  chatConfigurationNamed,
  chatConfigurationNames,
  groupChat,
  groupChatsNamed,
  notificationsNamed,
  sorted,
} from './support/emulator-objects';
import { nameOfUrn, stepLog } from './support/engine-steps';
import { backendText, exportStackText, expectSucceeded } from './support/stack';
import { isEncrypted, providerTexts, stateResources } from './support/state-document';

// One stack through the lifecycle a user lives, in order: up, a clean preview and refresh,
// drift made in the consoles and repaired, a rename, an adoption, destroy. Each step starts
// from the state the previous one left, as a real stack would (and as few engine runs as
// possible keep the suite fast): a failure makes the later steps fail too.

const STEP_TIMEOUT_MS = 3 * 60 * 1000;

/** The serialized provider is a stub that requires the installed package: it stays small. */
const MAX_PROVIDER_TEXT_BYTES = 4 * 1024;

/** Every resource the program declares, by logical name. */
const RESOURCES = [
  'ops-bot',
  'wecom-bot',
  'alerts-bot-entries',
  'deploy-bot-entries',
  'oncall',
  'war-room',
  'security-alerts',
];

/** `same` for every resource but the listed ones. */
function sameExcept(changed: Record<string, string[]>): Record<string, string[]> {
  return Object.fromEntries([
    ...RESOURCES.filter((name) => !(name in changed)).map((name) => [name, ['same']]),
    ...Object.entries(changed),
  ]);
}

/** The declared notification config in the wire form Security Center keeps. */
function wireConfig(config: typeof DECLARED.securityAlerts.config): unknown[] {
  return config.map((entry) => ({
    type: entry.type,
    configItemList: entry.items.map((item) => ({ key: item.key, valueList: item.values })),
  }));
}

function outputValue(outputs: OutputMap, name: string): unknown {
  if (!(name in outputs)) throw new Error(`the stack has no output ${name}`);
  return outputs[name].value;
}

/** The chatids of the two groups, as the stack exports them. */
function groupChatIds(outputs: OutputMap): { oncallChatId: string; warRoomChatId: string } {
  return {
    oncallChatId: outputValue(outputs, 'oncallChatId') as string,
    warRoomChatId: outputValue(outputs, 'warRoomChatId') as string,
  };
}

/** The group `chatId` in `state`, expected to have the declared name and owner and `settings`. */
function declaredGroup(
  state: Parameters<typeof groupChat>[0],
  chatId: string,
  declared: { name: string; owner: string },
  settings: Record<string, number>,
): ReturnType<typeof groupChat> {
  const group = groupChat(state, chatId);
  expect(group).toMatchObject({ name: declared.name, owner: declared.owner, ...settings });
  return group;
}

describe('a stack of every resource type, through the real engine', () => {
  let outputs: OutputMap;
  /** stdout and stderr of every engine run, searched for secrets. */
  const cliOutput: string[] = [];

  const setup = useChatOpsStack('chatops-lifecycle', chatOpsProgram());

  it(
    'up creates every object in the emulator with the declared values and exports the outputs',
    async () => {
      const result = await setup.stack.up();
      cliOutput.push(result.stdout, result.stderr);
      outputs = result.outputs;

      expectSucceeded(result, { create: RESOURCES.length + 1 });
      const state = setup.emulator.state();

      const opsBot = chatConfigurationNamed(state, DECLARED.opsBot.name);
      expect(opsBot).toMatchObject({ regionId: E2E_REGION, type: 'DingTalk' });
      expect(opsBot.configuration).toEqual({
        DingTalkClientId: DECLARED.opsBot.clientId,
        DingTalkClientSecret: PROGRAM_SECRETS.opsBotClientSecret,
        DingTalkTemplateId: DECLARED.opsBot.templateId,
      });
      expect(outputValue(outputs, 'opsBotId')).toBe(`${E2E_REGION}/${DECLARED.opsBot.name}`);
      // Webhook URLs are secret outputs, and shown only as [secret] by `pulumi up`.
      expect(outputs.opsBotWebhookUrl).toEqual({ value: opsBot.outputs.URL, secret: true });
      expect(result.stdout).toMatch(/opsBotWebhookUrl\s*:\s*"?\[secret\]/);

      const weComBot = chatConfigurationNamed(state, DECLARED.weComBot.name);
      expect(weComBot.type).toBe('WeChat');
      expect(weComBot.configuration).toEqual({
        ...DECLARED.weComBot.settings,
        WeComAgentSecret: PROGRAM_SECRETS.weComSecret,
      });
      expect(outputs.weComBotWebhookUrl).toEqual({ value: weComBot.outputs.URL, secret: true });
      expect(weComBot.outputs.AesKey).toEqual(expect.any(String));
      expect(outputs.weComBotAesKey).toEqual({ value: weComBot.outputs.AesKey, secret: true });

      expect(state.robotPlugins[E2E_ROBOTS.alerts]).toEqual(DECLARED.alertsBotPlugins);
      expect(state.robotPlugins[E2E_ROBOTS.deploy]).toEqual(DECLARED.deployBotPlugins);
      expect(outputValue(outputs, 'alertsRobotCode')).toBe(E2E_ROBOTS.alerts);

      const { oncallChatId, warRoomChatId } = groupChatIds(outputs);
      const oncall = declaredGroup(state, oncallChatId, DECLARED.oncall, {
        validationType: 1,
        searchable: 0,
        status: 1,
      });
      expect(sorted(oncall.userIds)).toEqual(sorted(DECLARED.oncall.members));
      expect(outputValue(outputs, 'oncallMemberCount')).toBe(DECLARED.oncall.members.length);
      const warRoom = declaredGroup(state, warRoomChatId, DECLARED.warRoom, {
        searchable: 1,
        validationType: 0,
      });
      expect(sorted(warRoom.userIds)).toEqual(
        sorted([DECLARED.warRoom.owner, ...DECLARED.warRoom.members]),
      );

      const [alerts, ...duplicates] = notificationsNamed(state, DECLARED.securityAlerts.name);
      expect(duplicates).toEqual([]);
      expect(alerts).toMatchObject({
        sendUrl: WEBHOOK_URL,
        status: 1,
        intervalTime: DECLARED.securityAlerts.intervalTime,
        language: DECLARED.securityAlerts.language,
      });
      expect(JSON.parse(alerts.groupIdList)).toEqual(DECLARED.securityAlerts.groupIds);
      expect(JSON.parse(alerts.configList)).toEqual(wireConfig(DECLARED.securityAlerts.config));
      expect(outputValue(outputs, 'securityAlertsId')).toBe(String(alerts.id));

      expect(outputValue(outputs, 'chatConfigurationNames')).toEqual(
        sorted([DECLARED.opsBot.name, DECLARED.weComBot.name]),
      );
      expect(outputs.listedWebhookUrls.secret).toBe(true);
      expect(sorted(outputValue(outputs, 'listedWebhookUrls') as string[])).toEqual(
        sorted([opsBot.outputs.URL, weComBot.outputs.URL]),
      );
      expect(result.stdout).toMatch(/listedWebhookUrls\s*:\s*"?\[secret\]/);
    },
    STEP_TIMEOUT_MS,
  );

  it(
    'keeps every secret out of the state, its history and the CLI output, with a small __provider',
    async () => {
      const state = setup.emulator.state();
      const opsBot = chatConfigurationNamed(state, DECLARED.opsBot.name).outputs;
      const weComBot = chatConfigurationNamed(state, DECLARED.weComBot.name).outputs;
      expect(weComBot.AesKey).toEqual(expect.any(String));
      const secrets = {
        chatConfigurationClientSecret: PROGRAM_SECRETS.opsBotClientSecret,
        // Whoever holds a bot's webhook URL can send commands into the ChatOps flow.
        opsBotWebhookUrl: opsBot.URL,
        weComBotWebhookUrl: weComBot.URL,
        weComSetting: PROGRAM_SECRETS.weComSecret,
        weComAesKey: weComBot.AesKey,
        webhookToken: PROGRAM_SECRETS.webhookToken,
        alicloudAccessKeySecret: E2E_ALICLOUD_KEY.accessKeySecret,
        dingtalkAppSecret: E2E_DINGTALK_APP.appSecret,
      };
      const exported = await exportStackText(setup.stack, setup.env);
      const everything = {
        exportedState: exported,
        backendFiles: backendText(setup.env),
        cliOutput: cliOutput.join('\n'),
      };

      // The state holds every secret field, encrypted.
      const resources = stateResources(exported);
      const secretOutputs = (name: string, fields: string[]) => {
        const resource = resources.find((r) => nameOfUrn(r.urn) === name);
        return fields.map((field) => [name, field, isEncrypted(resource?.outputs?.[field])]);
      };
      const encrypted = [
        ...secretOutputs('ops-bot', ['clientSecret', 'webhookUrl']),
        ...secretOutputs('wecom-bot', ['weComSettings', 'aesKey', 'webhookUrl']),
        ...secretOutputs('security-alerts', ['webhookUrl']),
      ];
      expect(encrypted).toEqual(encrypted.map(([name, field]) => [name, field, true]));
      for (const [where, text] of Object.entries(everything)) {
        for (const [secret, value] of Object.entries(secrets)) {
          expect({ where, secret, found: text.includes(value) }).toEqual({
            where,
            secret,
            found: false,
          });
        }
      }

      const texts = providerTexts(resources);
      expect(texts.size).toBe(RESOURCES.length);
      const sizes = [...texts].flatMap(([urn, found]) =>
        found.map((text) => ({ urn, bytes: Buffer.byteLength(text) })),
      );
      expect(sizes.length).toBe(2 * RESOURCES.length);
      expect(sizes.filter((size) => size.bytes >= MAX_PROVIDER_TEXT_BYTES)).toEqual([]);
    },
    STEP_TIMEOUT_MS,
  );

  it(
    'previews and refreshes with no changes right after up',
    async () => {
      const preview = await setup.stack.preview({ expectNoChanges: true });
      cliOutput.push(preview.stdout, preview.stderr);
      expect(preview.changeSummary).toEqual({ same: RESOURCES.length + 1 });

      const refresh = await setup.stack.refresh({ expectNoChanges: true });
      cliOutput.push(refresh.stdout, refresh.stderr);
      expectSucceeded(refresh, { same: RESOURCES.length + 1 });
    },
    STEP_TIMEOUT_MS,
  );

  it(
    'preview --refresh reports exactly the objects changed out of band; up repairs them',
    async () => {
      const { oncallChatId, warRoomChatId } = groupChatIds(outputs);
      const alertsId = Number(outputValue(outputs, 'securityAlertsId'));
      const clients = consoleClients(setup.emulator.url);
      try {
        // A changed field, an object deleted, a list edited, a member removed, a
        // notification disabled; one robot's list is left alone.
        await editOpsBotInConsole(clients, {
          DingTalkClientSecret: PROGRAM_SECRETS.opsBotClientSecret,
          DingTalkTemplateId: '5d2b7c1e-0a3f-4e8b-9c6d-0000000000ff.schema',
        });
        await clients.oos.deleteChatConfiguration({
          regionId: E2E_REGION,
          name: DECLARED.weComBot.name,
        });
        await clients.robotPlugins.setPlugins(E2E_ROBOTS.alerts, [
          { name: 'Added by hand', icon: '@lALPe2eByHand' },
        ]);
        await clients.groupChats.updateChat({ chatId: oncallChatId, delUserIds: ['bob'] });
        await clients.securityCenter.modifyDingTalkStatus(E2E_REGION, [alertsId], false);
      } finally {
        await clients.close();
      }
      // A group dismissed in the DingTalk client.
      await dismissGroup(setup.emulator, warRoomChatId);

      const drift = stepLog();
      const preview = await setup.stack.preview({ refresh: true, onEvent: drift.onEvent });
      cliOutput.push(preview.stdout, preview.stderr);
      expect(drift.opsByName()).toEqual(
        sameExcept({
          'ops-bot': ['update'],
          'wecom-bot': ['create'],
          'alerts-bot-entries': ['update'],
          oncall: ['update'],
          'war-room': ['create'],
          'security-alerts': ['update'],
        }),
      );
      expect(preview.changeSummary).toEqual({ same: 2, update: 4, create: 2 });

      const repair = await setup.stack.up({ refresh: true });
      cliOutput.push(repair.stdout, repair.stderr);
      outputs = repair.outputs;
      expect(repair.summary.result).toBe('succeeded');

      const state = setup.emulator.state();
      expect(chatConfigurationNamed(state, DECLARED.opsBot.name).configuration).toMatchObject({
        DingTalkTemplateId: DECLARED.opsBot.templateId,
      });
      expect(chatConfigurationNamed(state, DECLARED.weComBot.name).configuration).toEqual({
        ...DECLARED.weComBot.settings,
        WeComAgentSecret: PROGRAM_SECRETS.weComSecret,
      });
      expect(state.robotPlugins[E2E_ROBOTS.alerts]).toEqual(DECLARED.alertsBotPlugins);
      expect(sorted(groupChat(state, oncallChatId).userIds)).toEqual(
        sorted(DECLARED.oncall.members),
      );
      expect(notificationsNamed(state, DECLARED.securityAlerts.name)).toEqual([
        expect.objectContaining({ id: alertsId, status: 1 }),
      ]);
      // The dismissed group stays dismissed; a new one takes its place.
      const newWarRoomChatId = outputValue(outputs, 'warRoomChatId') as string;
      expect(newWarRoomChatId).not.toBe(warRoomChatId);
      expect(groupChat(state, warRoomChatId).status).toBe(2);
      const newWarRoom = groupChat(state, newWarRoomChatId);
      expect(newWarRoom.status).toBe(1);
      expect(sorted(newWarRoom.userIds)).toEqual(
        sorted([DECLARED.warRoom.owner, ...DECLARED.warRoom.members]),
      );

      const clean = await setup.stack.preview({ refresh: true, expectNoChanges: true });
      cliOutput.push(clean.stdout, clean.stderr);
      expect(clean.changeSummary).toEqual({ same: RESOURCES.length + 1 });
    },
    STEP_TIMEOUT_MS,
  );

  it(
    'replaces a renamed configuration and adopts pre-existing objects without duplicating them',
    async () => {
      const renamed = `${DECLARED.opsBot.name}-v2`;
      const preexistingWebhook = 'https://oapi.dingtalk.com/robot/send?access_token=preexisting';
      const clients = consoleClients(setup.emulator.url);
      let preexistingId: number;
      try {
        await clients.oos.createChatConfiguration({
          regionId: E2E_REGION,
          name: ADOPTED.chatConfiguration.name,
          type: 'DingTalk',
          configuration: {
            DingTalkClientId: 'dingconsoleclient',
            DingTalkClientSecret: 'set-in-the-console',
            DingTalkTemplateId: 'console-template.schema',
          },
        });
        await clients.securityCenter.createOrUpdateDingTalk(E2E_REGION, {
          ruleActionName: ADOPTED.notification.name,
          sendUrl: preexistingWebhook,
          intervalTime: 0,
          language: 'en',
          groupIds: [],
          config: [],
        });
        const found = await clients.securityCenter.findDingTalkByName(
          E2E_REGION,
          ADOPTED.notification.name,
        );
        expect(found).toHaveLength(1);
        preexistingId = found[0].id;
      } finally {
        await clients.close();
      }
      const createdAt = chatConfigurationNamed(
        setup.emulator.state(),
        ADOPTED.chatConfiguration.name,
      ).createdAt;

      writeProgram(setup.project, chatOpsProgram({ opsBotName: renamed, adopt: true }));
      const steps = stepLog();
      const result = await setup.stack.up({ onEvent: steps.onEvent });
      cliOutput.push(result.stdout, result.stderr);

      expect(result.summary.result).toBe('succeeded');
      expect(steps.opsByName()).toEqual({
        ...sameExcept({ 'ops-bot': ['create-replacement', 'replace', 'delete-replaced'] }),
        'adopted-bot': ['create'],
        'adopted-alerts': ['create'],
      });
      expect(outputValue(result.outputs, 'opsBotId')).toBe(`${E2E_REGION}/${renamed}`);

      const state = setup.emulator.state();
      // Only the new name is left of the renamed configuration.
      expect(chatConfigurationNames(state)).toEqual(
        sorted([renamed, DECLARED.weComBot.name, ADOPTED.chatConfiguration.name]),
      );
      expect(chatConfigurationNamed(state, renamed).configuration).toMatchObject({
        DingTalkTemplateId: DECLARED.opsBot.templateId,
      });
      // The adopted configuration is the same object, now with the declared settings.
      const adoptedBot = chatConfigurationNamed(state, ADOPTED.chatConfiguration.name);
      expect(adoptedBot.createdAt).toBe(createdAt);
      expect(adoptedBot.configuration).toEqual({
        DingTalkClientId: ADOPTED.chatConfiguration.clientId,
        DingTalkClientSecret: PROGRAM_SECRETS.opsBotClientSecret,
        DingTalkTemplateId: ADOPTED.chatConfiguration.templateId,
      });
      // Notification names are not unique remotely: adopting must not add a second one.
      expect(notificationsNamed(state, ADOPTED.notification.name)).toEqual([
        expect.objectContaining({
          id: preexistingId,
          sendUrl: WEBHOOK_URL,
          language: ADOPTED.notification.language,
          intervalTime: ADOPTED.notification.intervalTime,
          status: 1,
        }),
      ]);
    },
    STEP_TIMEOUT_MS,
  );

  it(
    'destroy leaves the emulator holding only what the deletion policies keep',
    async () => {
      const { oncallChatId, warRoomChatId } = groupChatIds(outputs);

      const result = await setup.stack.destroy();
      cliOutput.push(result.stdout, result.stderr);

      expectSucceeded(result, { delete: RESOURCES.length + 3 });
      const state = setup.emulator.state();
      expect(state.oos.chatConfigurations).toEqual([]);
      expect(state.securityCenter.notifications).toEqual([]);
      expect(state.robotPlugins[E2E_ROBOTS.alerts] ?? []).toEqual([]);
      expect(state.robotPlugins[E2E_ROBOTS.deploy] ?? []).toEqual([]);
      // removeMembers: the group stays (DingTalk cannot dismiss it) with its owner alone.
      expect(groupChat(state, oncallChatId)).toMatchObject({
        owner: DECLARED.oncall.owner,
        userIds: [DECLARED.oncall.owner],
        status: 1,
      });
      // retain: the group stays as it was; so does the one dismissed earlier.
      expect(sorted(groupChat(state, warRoomChatId).userIds)).toEqual(
        sorted([DECLARED.warRoom.owner, ...DECLARED.warRoom.members]),
      );
      expect(groupChatsNamed(state, DECLARED.warRoom.name).map((g) => g.status)).toEqual(
        expect.arrayContaining([1, 2]),
      );
      expect(Object.keys(state.groupChats)).toHaveLength(3);
      expect(stateResources(await exportStackText(setup.stack, setup.env))).toEqual([]);
    },
    STEP_TIMEOUT_MS,
  );
});
