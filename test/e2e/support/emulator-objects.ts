import type { EmulatorSnapshot } from '../../../emulator';

/** Lookups in the emulator's state (`emulator.state()`), which holds secrets in clear. */

export type ChatConfigurationRecord = EmulatorSnapshot['oos']['chatConfigurations'][number];
export type NotificationRecord = EmulatorSnapshot['securityCenter']['notifications'][number];
export type GroupChatRecord = EmulatorSnapshot['groupChats'][string];

export function chatConfigurationNamed(
  state: EmulatorSnapshot,
  name: string,
): ChatConfigurationRecord {
  const found = state.oos.chatConfigurations.filter((c) => c.name === name);
  if (found.length !== 1) {
    throw new Error(`expected one chat configuration named ${name}, found ${found.length}`);
  }
  return found[0];
}

export function chatConfigurationNames(state: EmulatorSnapshot): string[] {
  return state.oos.chatConfigurations.map((c) => c.name).sort();
}

export function notificationsNamed(state: EmulatorSnapshot, name: string): NotificationRecord[] {
  return state.securityCenter.notifications.filter((n) => n.ruleActionName === name);
}

export function groupChat(state: EmulatorSnapshot, chatId: string): GroupChatRecord {
  const group = state.groupChats[chatId];
  if (!group) throw new Error(`the emulator holds no group ${chatId}`);
  return group;
}

/** The groups of one name, whatever their status. */
export function groupChatsNamed(state: EmulatorSnapshot, name: string): GroupChatRecord[] {
  return Object.values(state.groupChats).filter((g) => g.name === name);
}

export function sorted(values: readonly string[]): string[] {
  return [...values].sort();
}
