// Quickstart: one of each ChatOps resource, plus a look at the region's chat configurations.
// Every setting comes from stack config, so the same program runs against the emulator
// (`npm run demo`) and against real accounts. Plain JavaScript keeps `pulumi up` fast; the
// package ships TypeScript declarations for typed programs.
'use strict';

const pulumi = require('@pulumi/pulumi');
const chatops = require('pulumi-dingtalk-chatops');

const config = new pulumi.Config();
const alicloud = new pulumi.Config('alicloud');
const prefix = config.get('namePrefix') || 'quickstart';

// An OOS chat configuration: a DingTalk bot that runs OOS ChatOps. The client secret is a
// secret whatever way it is passed; the webhook URL is computed by OOS, and secret too.
const opsBot = new chatops.ChatConfiguration('ops-bot', {
  name: `${prefix}-ops-bot`,
  type: 'DingTalk',
  clientId: config.require('botClientId'),
  clientSecret: config.requireSecret('botClientSecret'),
  templateId: config.get('botTemplateId'),
});

// The quick entries shown under the single-chat bot's input box, in this order.
const botEntries = new chatops.RobotPlugin('ops-bot-entries', {
  robotCode: config.require('robotCode'),
  plugins: [
    {
      name: { en_US: 'Runbooks', zh_CN: '运维手册' },
      icon: '@lALPDtXaDkO3j7hgYA',
      pcUrl: 'https://runbooks.example.com',
      mobileUrl: 'https://runbooks.example.com/mobile',
    },
    { name: 'On-call', icon: '@lALPDtXaDkO3j7hgYB', pcUrl: 'https://oncall.example.com' },
  ],
});

// The on-call group. DingTalk cannot dismiss a group through its API, so on destroy this
// one removes its members (the default, `retain`, leaves the group as it is).
const oncallGroup = new chatops.DingTalkGroup('oncall', {
  name: `${prefix} on-call`.slice(0, 20),
  owner: config.require('groupOwner'),
  members: config.requireObject('groupMembers'),
  joinRequiresApproval: true,
  deletionPolicy: 'removeMembers',
});

// Security Center alerts posted to a DingTalk robot. The webhook carries the robot's token,
// so it is a secret.
const securityAlerts = new chatops.SecurityCenterDingTalkNotification('security-alerts', {
  name: `${prefix}-security-alerts`,
  webhookUrl: config.requireSecret('alertWebhookUrl'),
  language: 'en',
  config: [
    {
      type: 'sas_analysis_online-sas-operation-log-sas-event-suspicious',
      items: [{ key: 'item_level', values: ['all'] }],
    },
  ],
});

// The list function is a plain async call; running it after the bot exists shows the bot.
const chatConfigurations = opsBot.name.apply(() =>
  chatops.getChatConfigurations({ regionId: alicloud.get('region') }),
);

// A secret: whoever holds the URL can send commands to the bot. `pulumi stack output
// --show-secrets opsBotWebhookUrl` prints it.
exports.opsBotWebhookUrl = opsBot.webhookUrl;
exports.opsBotId = opsBot.id;
exports.robotCode = botEntries.id;
exports.oncallChatId = oncallGroup.chatId;
exports.oncallMemberCount = oncallGroup.memberCount;
exports.securityAlertsId = securityAlerts.id;
exports.chatConfigurationNames = chatConfigurations.apply((r) => r.items.map((i) => i.name));
