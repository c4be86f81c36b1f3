import * as fs from 'node:fs';
import * as path from 'node:path';
import type { ConfigMap } from '@pulumi/pulumi/automation';
import type { Clients } from '../../../provider/clients';
import { E2E_REGION, E2E_ROBOTS } from './chatops-emulator';
import type { Project } from './project';

/**
 * The secret inputs of the e2e program. They reach it as secret stack config, and each is
 * distinctive so that a search for it can only find a leak.
 */
export const PROGRAM_SECRETS = {
  opsBotClientSecret: 'E2eOpsBotClientSecret7f3a91c2d4',
  weComSecret: 'E2eWeComAgentSecret3b8e6d2a90',
  webhookToken: 'e2ewebhooktoken5c0d9a7e41b3',
};

export const WEBHOOK_URL = `https://oapi.dingtalk.com/robot/send?access_token=${PROGRAM_SECRETS.webhookToken}`;

/** What the program declares, non-secret values; tests compare the emulator's objects to it. */
export const DECLARED = {
  opsBot: {
    name: 'e2e-ops-bot',
    clientId: 'dinge2eopsbotclient',
    templateId: '5d2b7c1e-0a3f-4e8b-9c6d-e2e000000001.schema',
  },
  weComBot: {
    name: 'e2e-wecom-bot',
    // Its other key, WeComAgentSecret, is the secret PROGRAM_SECRETS.weComSecret.
    settings: { WeComCorpId: 'wwe2ecorp0001' },
  },
  alertsBotPlugins: [
    { name: 'Runbooks', icon: '@lALPe2eRunbooks', pcUrl: 'https://runbooks.example.com' },
    {
      name: 'On-call',
      icon: '@lALPe2eOncall',
      pcUrl: 'https://oncall.example.com',
      mobileUrl: 'https://oncall.example.com/m',
    },
  ],
  deployBotPlugins: [
    { name: 'Deploy', icon: '@lALPe2eDeploy', pcUrl: 'https://deploy.example.com' },
  ],
  // Deleting it removes everyone but the owner.
  oncall: { name: 'e2e on-call', owner: 'alice', members: ['alice', 'bob', 'carol'] },
  // Deleting it leaves it as it is (the default policy).
  warRoom: { name: 'e2e war room', owner: 'dave', members: ['erin'] },
  securityAlerts: {
    name: 'e2e-security-alerts',
    language: 'en' as const,
    intervalTime: 60,
    groupIds: ['10417151'],
    config: [
      {
        type: 'sas_analysis_online-sas-operation-log-sas-event-suspicious',
        items: [{ key: 'item_level', values: ['serious', 'suspicious'] }],
      },
    ],
  },
};

/** Objects that exist before the stack takes them over with `adopt: true`. */
export const ADOPTED = {
  chatConfiguration: {
    name: 'e2e-adopted-bot',
    clientId: 'dinge2eadoptedclient',
    templateId: '5d2b7c1e-0a3f-4e8b-9c6d-e2e000000002.schema',
  },
  notification: { name: 'e2e-adopted-alerts', language: 'zh' as const, intervalTime: 300 },
};

export interface ProgramOptions {
  /** The name of the `ops-bot` chat configuration (changing it replaces the configuration). */
  opsBotName?: string;
  /** Also declare the `ADOPTED` objects, with `adopt: true`. */
  adopt?: boolean;
}

/** The secret stack config the program reads. */
export function programConfig(): ConfigMap {
  return {
    opsBotClientSecret: { value: PROGRAM_SECRETS.opsBotClientSecret, secret: true },
    weComSecret: { value: PROGRAM_SECRETS.weComSecret, secret: true },
    alertWebhookUrl: { value: WEBHOOK_URL, secret: true },
  };
}

/**
 * A program declaring every resource type of the package (two chat configurations, one of
 * them WeCom, two robot plugin lists, two groups with different deletion policies, one
 * notification) and calling the list function, as a user writes it: plain JavaScript
 * requiring the installed package.
 */
export function chatOpsProgram(options: ProgramOptions = {}): string {
  const declared = {
    ...DECLARED,
    opsBot: { ...DECLARED.opsBot, name: options.opsBotName ?? DECLARED.opsBot.name },
    robots: E2E_ROBOTS,
    adopted: options.adopt ? ADOPTED : null,
  };
  return `'use strict';
const pulumi = require('@pulumi/pulumi');
const chatops = require('pulumi-dingtalk-chatops');

const config = new pulumi.Config();
const declared = ${JSON.stringify(declared, null, 2)};

// Read in plain, as from an environment variable: the resources keep them secret themselves.
const plain = (key) => pulumi.unsecret(config.requireSecret(key));

const opsBot = new chatops.ChatConfiguration('ops-bot', {
  name: declared.opsBot.name,
  type: 'DingTalk',
  clientId: declared.opsBot.clientId,
  clientSecret: plain('opsBotClientSecret'),
  templateId: declared.opsBot.templateId,
});

const weComBot = new chatops.ChatConfiguration('wecom-bot', {
  name: declared.weComBot.name,
  type: 'WeChat',
  weComSettings: { ...declared.weComBot.settings, WeComAgentSecret: plain('weComSecret') },
});

const alertsBotEntries = new chatops.RobotPlugin('alerts-bot-entries', {
  robotCode: declared.robots.alerts,
  plugins: declared.alertsBotPlugins,
});

const deployBotEntries = new chatops.RobotPlugin('deploy-bot-entries', {
  robotCode: declared.robots.deploy,
  plugins: declared.deployBotPlugins,
});

const oncall = new chatops.DingTalkGroup('oncall', {
  ...declared.oncall,
  joinRequiresApproval: true,
  deletionPolicy: 'removeMembers',
});

const warRoom = new chatops.DingTalkGroup('war-room', { ...declared.warRoom, searchable: true });

const securityAlerts = new chatops.SecurityCenterDingTalkNotification('security-alerts', {
  ...declared.securityAlerts,
  webhookUrl: plain('alertWebhookUrl'),
});

if (declared.adopted) {
  new chatops.ChatConfiguration('adopted-bot', {
    ...declared.adopted.chatConfiguration,
    clientSecret: config.requireSecret('opsBotClientSecret'),
    adopt: true,
  });
  new chatops.SecurityCenterDingTalkNotification('adopted-alerts', {
    ...declared.adopted.notification,
    webhookUrl: config.requireSecret('alertWebhookUrl'),
    adopt: true,
  });
}

// Listed once both configurations exist, so the list shows them.
const listed = pulumi
  .all([opsBot.id, weComBot.id])
  .apply(() => chatops.getChatConfigurations({}));

exports.opsBotId = opsBot.id;
exports.opsBotWebhookUrl = opsBot.webhookUrl;
exports.weComBotWebhookUrl = weComBot.webhookUrl;
exports.weComBotAesKey = weComBot.aesKey;
exports.alertsRobotCode = alertsBotEntries.id;
exports.deployRobotCode = deployBotEntries.id;
exports.oncallChatId = oncall.chatId;
exports.oncallMemberCount = oncall.memberCount;
exports.warRoomChatId = warRoom.chatId;
exports.securityAlertsId = securityAlerts.id;
exports.chatConfigurationNames = listed.apply((r) => r.items.map((i) => i.name).sort());
// Secret as listed: the export stays encrypted without the program asking for it.
exports.listedWebhookUrls = listed.apply((r) => pulumi.all(r.items.map((i) => i.webhookUrl)));
`;
}

/** Replaces the project's program, as a user editing index.js would. */
export function writeProgram(project: Project, program: string): void {
  fs.writeFileSync(path.join(project.dir, 'index.js'), program);
}

/** Edits the ops bot in the OOS console: its declared client id, and this secret and template. */
export async function editOpsBotInConsole(
  clients: Clients,
  configuration: { DingTalkClientSecret: string; DingTalkTemplateId: string },
): Promise<void> {
  await clients.oos.updateChatConfiguration({
    regionId: E2E_REGION,
    name: DECLARED.opsBot.name,
    type: 'DingTalk',
    configuration: { DingTalkClientId: DECLARED.opsBot.clientId, ...configuration },
  });
}
