/**
 * What a group looks like after some of a plan's calls succeeded. When a later call fails,
 * the resource reports exactly this state, so the next `pulumi up` plans only what is left.
 */
import { sortedUnique } from './members';
import type { GroupSnapshot, UpdateChatCall } from './planner';
import { type GroupSettings, groupSettingNames, groupSettingWireNames } from './settings';

export function applyUpdateCall(group: GroupSnapshot, call: UpdateChatCall): GroupSnapshot {
  const removed = new Set(call.delUserIds ?? []);
  const members = sortedUnique([
    ...group.members.filter((id) => !removed.has(id)),
    ...(call.addUserIds ?? []),
  ]);
  const settings: GroupSettings = { ...group.settings };
  for (const name of groupSettingNames) {
    const sent = call[groupSettingWireNames[name]];
    if (sent !== undefined) settings[name] = sent === 1;
  }
  return {
    name: call.name ?? group.name,
    owner: call.owner ?? group.owner,
    members,
    settings,
  };
}
