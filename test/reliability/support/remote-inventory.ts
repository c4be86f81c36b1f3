import type { EmulatorSnapshot } from '../../../emulator';
import type { DeclaredObjects } from './declared-program';
import type { StackState } from './scenario-stack';

/**
 * What the remote services hold, in a form that compares with what a stack declares: every
 * object is listed (so a duplicate or an orphan shows as an extra entry), in a stable order.
 */
export interface RemoteInventory {
  chatConfigurations: {
    name: string;
    clientId?: string;
    clientSecret?: string;
    templateId?: string;
  }[];
  notifications: {
    name: string;
    sendUrl: string;
    intervalTime: number;
    enabled: boolean;
    language: string;
    configTypes: string[];
  }[];
  /** Robots with a non-empty plugin list. */
  robotPlugins: { robotCode: string; plugins: string[] }[];
  /** Groups that are not dismissed. */
  groups: { name: string; owner: string; members: string[] }[];
}

export interface InventorySecrets {
  botClientSecret: string;
  alertWebhookUrl: string;
}

const byName = <T extends { name: string }>(a: T, b: T) => (a.name < b.name ? -1 : 1);
const sorted = (values: readonly string[]) => [...values].sort();

export function inventoryOf(snapshot: EmulatorSnapshot): RemoteInventory {
  return {
    chatConfigurations: snapshot.oos.chatConfigurations
      .map((c) => ({
        name: c.name,
        clientId: c.configuration.DingTalkClientId,
        clientSecret: c.configuration.DingTalkClientSecret,
        templateId: c.configuration.DingTalkTemplateId,
      }))
      .sort(byName),
    notifications: snapshot.securityCenter.notifications
      .map((n) => ({
        name: n.ruleActionName,
        sendUrl: n.sendUrl,
        intervalTime: n.intervalTime,
        enabled: n.status === 1,
        language: n.language,
        configTypes: (JSON.parse(n.configList) as { type: string }[]).map((c) => c.type),
      }))
      .sort(byName),
    robotPlugins: Object.entries(snapshot.robotPlugins)
      .filter(([, plugins]) => plugins.length > 0)
      .map(([robotCode, plugins]) => ({ robotCode, plugins: plugins.map((p) => p.name) }))
      .sort((a, b) => (a.robotCode < b.robotCode ? -1 : 1)),
    groups: Object.values(snapshot.groupChats)
      .filter((g) => g.status !== 2)
      .map((g) => ({ name: g.name, owner: g.owner, members: sorted(g.userIds) }))
      .sort(byName),
  };
}

/**
 * The inventory a stack declaring `declared` must leave behind. `retainedGroups` are groups
 * that stay after their resource was deleted: DingTalk has no API to dismiss a group, so
 * the `removeMembers` policy leaves it with its owner alone.
 */
export function expectedInventory(
  declared: DeclaredObjects,
  secrets: InventorySecrets,
  retainedGroups: RemoteInventory['groups'] = [],
): RemoteInventory {
  return {
    chatConfigurations: declared.chatConfigurations
      .map((c) => ({
        name: c.name,
        clientId: c.clientId,
        clientSecret: secrets.botClientSecret,
        templateId: c.templateId,
      }))
      .sort(byName),
    notifications: declared.notifications
      .map((n) => ({
        name: n.name,
        sendUrl: secrets.alertWebhookUrl,
        intervalTime: n.intervalTime,
        enabled: n.enabled,
        language: n.language,
        configTypes: n.configTypes,
      }))
      .sort(byName),
    robotPlugins: declared.robotPlugins
      .filter((p) => p.plugins.length > 0)
      .map((p) => ({ robotCode: p.robotCode, plugins: p.plugins.map((entry) => entry.name) }))
      .sort((a, b) => (a.robotCode < b.robotCode ? -1 : 1)),
    groups: [
      ...declared.groups.map((g) => ({
        name: g.name,
        owner: g.owner,
        members: sorted([...new Set([g.owner, ...g.members])]),
      })),
      ...retainedGroups,
    ].sort(byName),
  };
}

/** Remote identities per resource type, as the stack's ids name them. */
export interface RemoteIds {
  ChatConfiguration: string[];
  SecurityCenterDingTalkNotification: string[];
  RobotPlugin: string[];
  DingTalkGroup: string[];
}

/** The ids of the objects the emulator holds, in the form each resource uses as its id. */
export function remoteIdsOf(snapshot: EmulatorSnapshot): RemoteIds {
  return {
    ChatConfiguration: sorted(
      snapshot.oos.chatConfigurations.map((c) => `${c.regionId}/${c.name}`),
    ),
    SecurityCenterDingTalkNotification: sorted(
      snapshot.securityCenter.notifications.map((n) => String(n.id)),
    ),
    RobotPlugin: sorted(
      Object.entries(snapshot.robotPlugins)
        .filter(([, plugins]) => plugins.length > 0)
        .map(([robotCode]) => robotCode),
    ),
    DingTalkGroup: sorted(
      Object.values(snapshot.groupChats)
        .filter((g) => g.status !== 2)
        .map((g) => g.chatId),
    ),
  };
}

const TYPE_PREFIX = 'pulumi-nodejs:dynamic/chatops:';

/** The ids the stack's state holds, per resource type. */
export function stateIdsOf(state: StackState): RemoteIds {
  const ids: RemoteIds = {
    ChatConfiguration: [],
    SecurityCenterDingTalkNotification: [],
    RobotPlugin: [],
    DingTalkGroup: [],
  };
  for (const resource of state.resources) {
    if (!resource.type.startsWith(TYPE_PREFIX) || resource.id === undefined) continue;
    const type = resource.type.slice(TYPE_PREFIX.length) as keyof RemoteIds;
    ids[type]?.push(resource.id);
  }
  for (const key of Object.keys(ids) as (keyof RemoteIds)[]) ids[key].sort();
  return ids;
}

/**
 * After a run that must have converged: the remote holds exactly what `declared` asks for,
 * and the stack's state names exactly the remote objects.
 */
export async function expectConverged(
  remote: EmulatorSnapshot,
  stack: { exportState(): Promise<StackState> },
  declared: DeclaredObjects,
  secrets: InventorySecrets,
): Promise<void> {
  expect(inventoryOf(remote)).toEqual(expectedInventory(declared, secrets));
  expect(stateIdsOf(await stack.exportState())).toEqual(remoteIdsOf(remote));
}
