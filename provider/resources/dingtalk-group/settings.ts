import type { GroupChatSettings, GroupSettingFlag } from '../../clients/dingtalk/group-chats';

/**
 * The six DingTalk group settings under the names a Pulumi user reads them by, and their
 * mapping to the 0/1 flags of `chat/create`, `chat/update` and `chat/get`.
 *
 * Every setting is a boolean whose default (`false`) is DingTalk's own default (0), so a
 * group created without them and a group declared without them compare equal.
 * See https://open.dingtalk.com/document/orgapp/create-group-session (field list).
 *
 * | Input                  | Wire field            | `true` means                                   |
 * |------------------------|-----------------------|------------------------------------------------|
 * | `newMembersSeeHistory` | `showHistoryType`     | new members see the last 100 messages          |
 * | `searchable`           | `searchable`          | the group can be found by searching its name   |
 * | `joinRequiresApproval` | `validationType`      | joining needs the owner's or an admin's okay   |
 * | `mentionAllOwnerOnly`  | `mentionAllAuthority` | only the owner may @all (0 = everyone may)     |
 * | `managementOwnerOnly`  | `managementType`      | only the owner manages the group (0 = everyone)|
 * | `allMuted`             | `chatBannedType`      | everyone but the owner is muted                |
 */

/** The 0/1 flags exactly as the DingTalk old API names them. */
export type GroupChatWireSettings = Required<GroupChatSettings>;

/** The user-facing settings of a group. */
export interface GroupSettings {
  newMembersSeeHistory: boolean;
  searchable: boolean;
  joinRequiresApproval: boolean;
  mentionAllOwnerOnly: boolean;
  managementOwnerOnly: boolean;
  allMuted: boolean;
}

export type GroupSettingName = keyof GroupSettings;
/** One of the client's `GROUP_SETTING_FLAGS`. */
export type GroupChatWireSettingName = GroupSettingFlag;

/** User-facing name -> wire name; the single source of the mapping. */
export const groupSettingWireNames: Readonly<Record<GroupSettingName, GroupChatWireSettingName>> = {
  newMembersSeeHistory: 'showHistoryType',
  searchable: 'searchable',
  joinRequiresApproval: 'validationType',
  mentionAllOwnerOnly: 'mentionAllAuthority',
  managementOwnerOnly: 'managementType',
  allMuted: 'chatBannedType',
};

export const groupSettingNames = Object.keys(groupSettingWireNames) as GroupSettingName[];

/** DingTalk creates groups with every flag at 0. */
export const defaultGroupSettings: Readonly<GroupSettings> = {
  newMembersSeeHistory: false,
  searchable: false,
  joinRequiresApproval: false,
  mentionAllOwnerOnly: false,
  managementOwnerOnly: false,
  allMuted: false,
};

export function settingsToWire(settings: GroupSettings): GroupChatWireSettings {
  const wire = {} as GroupChatWireSettings;
  for (const name of groupSettingNames) {
    wire[groupSettingWireNames[name]] = settings[name] ? 1 : 0;
  }
  return wire;
}

/**
 * Reads the flags of `chat/get`. A flag the response lacks reads as DingTalk's default,
 * since parts of the vendor's responses are known to omit fields.
 */
export function settingsFromWire(
  wire: Partial<Record<GroupChatWireSettingName, unknown>>,
): GroupSettings {
  const settings = { ...defaultGroupSettings };
  for (const name of groupSettingNames) {
    const value = wire[groupSettingWireNames[name]];
    settings[name] = value === 1 || value === '1' || value === true;
  }
  return settings;
}

/**
 * The wire flags whose value differs between two settings, and only those: `chat/update`
 * resets any flag it receives, so untouched flags must never be sent.
 */
export function changedWireSettings(
  from: GroupSettings,
  to: GroupSettings,
): Partial<GroupChatWireSettings> {
  const changed: Partial<GroupChatWireSettings> = {};
  for (const name of groupSettingNames) {
    if (from[name] !== to[name]) {
      changed[groupSettingWireNames[name]] = to[name] ? 1 : 0;
    }
  }
  return changed;
}
