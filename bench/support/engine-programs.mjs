// The two programs the engine benchmark compares, and the objects they declare. Both read the
// same JSON file of objects and declare one resource per object; the stack config key
// `program` picks which one runs:
//  - chatops: this package's resources, against the emulator;
//  - baseline: the same number of dynamic resources, with the same inputs, served by a
//    provider written in the program that does nothing (the engine's own floor).

export const ENTRY = `'use strict';
const pulumi = require('@pulumi/pulumi');
require(new pulumi.Config().require('program') === 'baseline' ? './baseline' : './chatops');
`;

export const CHATOPS_PROGRAM = `'use strict';
const fs = require('fs');
const pulumi = require('@pulumi/pulumi');
const chatops = require('pulumi-dingtalk-chatops');

const config = new pulumi.Config();
const declared = JSON.parse(fs.readFileSync(config.require('declaredFile'), 'utf8'));
const clientSecret = config.requireSecret('botClientSecret');
const webhookUrl = config.requireSecret('alertWebhookUrl');
for (const c of declared.chatConfigurations) {
  new chatops.ChatConfiguration(c.resource, { ...c.args, clientSecret });
}
for (const n of declared.notifications) {
  new chatops.SecurityCenterDingTalkNotification(n.resource, { ...n.args, webhookUrl });
}
for (const p of declared.robotPlugins) new chatops.RobotPlugin(p.resource, p.args);
for (const g of declared.groups) new chatops.DingTalkGroup(g.resource, g.args);
`;

export const BASELINE_PROGRAM = `'use strict';
const fs = require('fs');
const pulumi = require('@pulumi/pulumi');

const config = new pulumi.Config();
const declared = JSON.parse(fs.readFileSync(config.require('declaredFile'), 'utf8'));
const clientSecret = config.requireSecret('botClientSecret');
const webhookUrl = config.requireSecret('alertWebhookUrl');

const noop = {
  async create(inputs) {
    return { id: inputs.key, outs: inputs };
  },
  async diff() {
    return { changes: false };
  },
  async read(id, props) {
    return { id, props };
  },
  async update(_id, _olds, news) {
    return { outs: news };
  },
  async delete() {},
};

for (const [kind, items] of Object.entries(declared)) {
  for (const item of items) {
    const secrets =
      kind === 'chatConfigurations' ? { clientSecret } : kind === 'notifications' ? { webhookUrl } : {};
    new pulumi.dynamic.Resource(noop, kind + '-' + item.resource, {
      key: kind + '-' + item.resource,
      ...item.args,
      ...secrets,
    });
  }
}
`;

const pad = (n) => String(n).padStart(3, '0');

/** `count` objects, a quarter of each resource type; robot plugins use robots 0, 1, ... */
export function declaredObjects(count) {
  const share = (type) => Math.floor(count / 4) + (type < count % 4 ? 1 : 0);
  const range = (n) => Array.from({ length: n }, (_, i) => i);
  return {
    chatConfigurations: range(share(0)).map((i) => ({
      resource: `bot-${pad(i)}`,
      args: {
        name: `bench-bot-${pad(i)}`,
        type: 'DingTalk',
        clientId: `dingbenchbot${pad(i)}`,
        templateId: '381c5aee-f8af-48a4-94be-1f2b3c4d5e6f.schema',
      },
    })),
    notifications: range(share(1)).map((i) => ({
      resource: `alerts-${pad(i)}`,
      args: {
        name: `bench-alerts-${pad(i)}`,
        language: 'en',
        config: [
          {
            type: 'sas_analysis_online-sas-operation-log-sas-event-suspicious',
            items: [{ key: 'item_level', values: ['all'] }],
          },
        ],
      },
    })),
    robotPlugins: range(share(2)).map((i) => ({
      resource: `entries-${pad(i)}`,
      args: {
        robotCode: benchRobot(i),
        plugins: [{ name: `Runbook ${i}`, icon: '@lALPDtXaDkO3j7hgYA' }],
      },
    })),
    groups: range(share(3)).map((i) => ({
      resource: `group-${pad(i)}`,
      args: {
        name: `bench group ${pad(i)}`,
        owner: 'alice',
        members: ['alice', 'bob', `user${String(i + 1).padStart(4, '0')}`],
      },
    })),
  };
}

/** A robot of the emulator's default DingTalk app, one per RobotPlugin. */
export function benchRobot(index) {
  return `dingrobotbench${pad(index)}`;
}
