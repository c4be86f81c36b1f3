/**
 * A strict model of DingTalk's chat/create and chat/update rules, used to prove that the
 * planner's call sequences are accepted and reach the desired group.
 */
import type {
  CreateChatCall,
  UpdateChatCall,
} from '../../../../provider/resources/dingtalk-group/planner';
import type { GroupChatWireSettings } from '../../../../provider/resources/dingtalk-group/settings';

export interface SimulatedGroup extends GroupChatWireSettings {
  name: string;
  owner: string;
  members: Set<string>;
}

const wireFlags: (keyof GroupChatWireSettings)[] = [
  'showHistoryType',
  'searchable',
  'validationType',
  'mentionAllAuthority',
  'managementType',
  'chatBannedType',
];

export function simulateCreate(call: CreateChatCall): SimulatedGroup {
  if (call.userIds.length > 40) throw new Error('34014: more than 40 users in one call');
  if (!call.userIds.includes(call.owner)) throw new Error('34009: owner not a member');
  const group: SimulatedGroup = {
    name: call.name,
    owner: call.owner,
    members: new Set(call.userIds),
    showHistoryType: call.showHistoryType,
    searchable: call.searchable,
    validationType: call.validationType,
    mentionAllAuthority: call.mentionAllAuthority,
    managementType: call.managementType,
    chatBannedType: call.chatBannedType,
  };
  return group;
}

/** Applies one update; the order inside a call is unknown, so mixing risky parts throws. */
export function simulateUpdate(group: SimulatedGroup, call: UpdateChatCall): void {
  const adds = call.addUserIds ?? [];
  const dels = call.delUserIds ?? [];
  if (adds.length > 40 || dels.length > 40) throw new Error('34014: more than 40 users');
  if (call.owner !== undefined && (adds.length > 0 || dels.length > 0)) {
    throw new Error('owner change mixed with member changes: outcome depends on server order');
  }
  if (call.owner !== undefined && !group.members.has(call.owner)) {
    throw new Error('34009: new owner not a member');
  }
  if (dels.includes(group.owner)) throw new Error('cannot remove the owner');
  for (const id of dels) group.members.delete(id);
  for (const id of adds) group.members.add(id);
  if (group.members.size > 1000) throw new Error('34014: more than 1000 members');
  if (call.owner !== undefined) group.owner = call.owner;
  if (call.name !== undefined) group.name = call.name;
  for (const flag of wireFlags) {
    const value = call[flag];
    if (value !== undefined) group[flag] = value;
  }
}
