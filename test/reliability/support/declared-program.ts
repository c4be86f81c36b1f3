import * as fs from 'node:fs';

/**
 * The objects one stack declares, as data: the program reads them from a JSON file named by
 * its stack config, so a test changes what is declared (an update, a deletion) by rewriting
 * that file, and compares the emulator with the very same data.
 */
export interface DeclaredChatConfiguration {
  resource: string;
  name: string;
  clientId: string;
  templateId: string;
}

export interface DeclaredNotification {
  resource: string;
  name: string;
  intervalTime: number;
  enabled: boolean;
  language: 'zh' | 'en';
  /** Each becomes a ConfigList entry with `item_level: all`. */
  configTypes: string[];
}

export interface DeclaredRobotPlugin {
  resource: string;
  robotCode: string;
  plugins: { name: string; icon: string; pcUrl?: string }[];
}

export interface DeclaredGroup {
  resource: string;
  name: string;
  owner: string;
  members: string[];
  deletionPolicy: 'retain' | 'removeMembers';
  /** Set to take over an existing group (with `adopt`). */
  chatId?: string;
  adopt?: boolean;
}

export interface DeclaredObjects {
  chatConfigurations: DeclaredChatConfiguration[];
  notifications: DeclaredNotification[];
  robotPlugins: DeclaredRobotPlugin[];
  groups: DeclaredGroup[];
}

export const NOTHING_DECLARED: DeclaredObjects = {
  chatConfigurations: [],
  notifications: [],
  robotPlugins: [],
  groups: [],
};

/** How many resources the program registers for these objects (the stack itself not counted). */
export function resourceCount(declared: DeclaredObjects): number {
  return (
    declared.chatConfigurations.length +
    declared.notifications.length +
    declared.robotPlugins.length +
    declared.groups.length
  );
}

export function writeDeclared(file: string, declared: DeclaredObjects): void {
  fs.writeFileSync(file, `${JSON.stringify(declared, null, 2)}\n`);
}

/**
 * The program: plain JavaScript, as a user writes it, declaring every object of the file.
 * The two secrets come from secret stack config, so tests can search every output for them.
 */
export const DECLARED_PROGRAM = `'use strict';
const fs = require('fs');
const pulumi = require('@pulumi/pulumi');
const chatops = require('pulumi-dingtalk-chatops');

const config = new pulumi.Config();
const declared = JSON.parse(fs.readFileSync(config.require('declaredFile'), 'utf8'));
const botClientSecret = config.requireSecret('botClientSecret');
const alertWebhookUrl = config.requireSecret('alertWebhookUrl');

for (const c of declared.chatConfigurations) {
  new chatops.ChatConfiguration(c.resource, {
    name: c.name,
    type: 'DingTalk',
    clientId: c.clientId,
    clientSecret: botClientSecret,
    templateId: c.templateId,
  });
}
for (const n of declared.notifications) {
  new chatops.SecurityCenterDingTalkNotification(n.resource, {
    name: n.name,
    webhookUrl: alertWebhookUrl,
    intervalTime: n.intervalTime,
    enabled: n.enabled,
    language: n.language,
    config: n.configTypes.map((type) => ({ type, items: [{ key: 'item_level', values: ['all'] }] })),
  });
}
for (const p of declared.robotPlugins) {
  new chatops.RobotPlugin(p.resource, { robotCode: p.robotCode, plugins: p.plugins });
}
for (const g of declared.groups) {
  new chatops.DingTalkGroup(g.resource, {
    name: g.name,
    owner: g.owner,
    members: g.members,
    deletionPolicy: g.deletionPolicy,
    ...(g.chatId !== undefined ? { chatId: g.chatId, adopt: g.adopt === true } : {}),
  });
}
`;
