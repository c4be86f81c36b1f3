import {
  jsonObjectBody,
  ok,
  queryParam,
  requireOapiToken,
  type DingTalkCall,
  type DingTalkHandler,
} from '../dingtalk/dingtalk-call';
import { chatVisibleToCorp, corpOfApp } from '../dingtalk/corp';
import { oapiErrors } from '../dingtalk/errors';
import { randomAlphanumeric, randomHex } from '../ids';
import type { GroupChatRecord } from '../state';

/**
 * Group chats of the DingTalk old API (docs/wire-facts.md 2c, the vendor's chat/create page, and the
 * errcodes fixed in docs/wire-facts.md).
 */
const MAX_USERS_PER_CALL = 40;
const MAX_GROUP_MEMBERS = 1000;
const MAX_NAME_LENGTH = 20;

const SETTINGS = [
  'showHistoryType',
  'searchable',
  'validationType',
  'mentionAllAuthority',
  'managementType',
  'chatBannedType',
] as const;
type Setting = (typeof SETTINGS)[number];

function body(call: DingTalkCall): Record<string, unknown> {
  const parsed = jsonObjectBody(call);
  if (parsed === undefined || parsed === null) {
    throw oapiErrors.invalidParameter('body', 'expected a JSON object');
  }
  return parsed;
}

function chatName(value: unknown): string {
  // Length in characters, as the doc counts them ("1~20个字符").
  if (typeof value !== 'string' || [...value].length < 1 || [...value].length > MAX_NAME_LENGTH) {
    throw oapiErrors.invalidParameter('name', `1 to ${MAX_NAME_LENGTH} characters`);
  }
  return value;
}

function userIdList(value: unknown, field: string, required: boolean): string[] {
  if (value === undefined && !required) return [];
  if (!Array.isArray(value) || value.some((u) => typeof u !== 'string' || u === '')) {
    throw oapiErrors.invalidParameter(field, 'expected a list of userids');
  }
  const unique = [...new Set(value as string[])];
  if (required && unique.length === 0) throw oapiErrors.invalidParameter(field, 'is empty');
  if (unique.length > MAX_USERS_PER_CALL) {
    throw oapiErrors.tooManyUsers(`at most ${MAX_USERS_PER_CALL} users per call in ${field}`);
  }
  return unique;
}

function settingValue(value: unknown, field: Setting): 0 | 1 | undefined {
  if (value === undefined) return undefined;
  if (value !== 0 && value !== 1) throw oapiErrors.invalidParameter(field, 'expected 0 or 1');
  return value;
}

function requireUsers(call: DingTalkCall, userIds: string[]): void {
  const unknown = userIds.find((u) => !call.store.directory.hasUser(u));
  if (unknown !== undefined) throw oapiErrors.userNotFound(unknown);
}

/** The group by chatid, if the calling app's corp owns it: another corp's reads as unknown. */
function chatOfCaller(call: DingTalkCall, appKey: string, chatId: string) {
  const chat = call.store.state.groupChats[chatId];
  return chat && chatVisibleToCorp(chat, corpOfApp(call.options, appKey)) ? chat : undefined;
}

const createChat: DingTalkHandler = (call) => {
  const appKey = requireOapiToken(call);
  const req = body(call);
  const name = chatName(req.name);
  if (typeof req.owner !== 'string' || req.owner === '') {
    throw oapiErrors.invalidParameter('owner', 'is required');
  }
  const owner = req.owner;
  const userIds = userIdList(req.useridlist, 'useridlist', true);
  const settings = Object.fromEntries(
    SETTINGS.map((s) => [s, settingValue(req[s], s) ?? 0]),
  ) as Record<Setting, 0 | 1>;
  if (!userIds.includes(owner)) throw oapiErrors.ownerNotMember();
  requireUsers(call, userIds);

  const chat: GroupChatRecord = {
    corpId: corpOfApp(call.options, appKey),
    chatId: `chat${randomHex(16)}`,
    openConversationId: `cid${randomAlphanumeric(22)}==`,
    name,
    owner,
    userIds,
    icon: '',
    conversationTag: 2,
    ...settings,
    status: 1,
  };
  call.store.state.groupChats[chat.chatId] = chat;
  call.store.changed();
  return ok({
    errcode: 0,
    errmsg: 'ok',
    chatid: chat.chatId,
    openConversationId: chat.openConversationId,
    conversationTag: chat.conversationTag,
  });
};

const getChat: DingTalkHandler = (call) => {
  const appKey = requireOapiToken(call);
  const chatId = queryParam(call, 'chatid');
  if (!chatId) throw oapiErrors.invalidParameter('chatid', 'is required');
  const chat = chatOfCaller(call, appKey, chatId);
  if (!chat) throw oapiErrors.chatNotFound();
  return ok({
    errcode: 0,
    errmsg: 'ok',
    chat_info: {
      name: chat.name,
      owner: chat.owner,
      useridlist: [...chat.userIds],
      icon: chat.icon,
      conversationTag: chat.conversationTag,
      chatBannedType: chat.chatBannedType,
      searchable: chat.searchable,
      validationType: chat.validationType,
      mentionAllAuthority: chat.mentionAllAuthority,
      managementType: chat.managementType,
      showHistoryType: chat.showHistoryType,
      // 1 normal, 2 dismissed.
      status: chat.status,
    },
  });
};

/** Applies only the fields present; all checks pass before anything changes. */
const updateChat: DingTalkHandler = (call) => {
  const appKey = requireOapiToken(call);
  const req = body(call);
  if (typeof req.chatid !== 'string' || req.chatid === '') {
    throw oapiErrors.invalidParameter('chatid', 'is required');
  }
  const chat = chatOfCaller(call, appKey, req.chatid);
  // A dismissed group can no longer be changed: it reads as gone.
  if (!chat || chat.status === 2) throw oapiErrors.chatNotFound();

  const name = req.name === undefined ? chat.name : chatName(req.name);
  if (req.owner !== undefined && (typeof req.owner !== 'string' || req.owner === '')) {
    throw oapiErrors.invalidParameter('owner', 'expected a userid');
  }
  const owner = (req.owner as string | undefined) ?? chat.owner;
  const added = userIdList(req.add_useridlist, 'add_useridlist', false);
  const removed = userIdList(req.del_useridlist, 'del_useridlist', false);
  if (req.icon !== undefined && typeof req.icon !== 'string') {
    throw oapiErrors.invalidParameter('icon', 'expected a media id');
  }
  const settings: Partial<Record<Setting, 0 | 1>> = {};
  for (const s of SETTINGS) {
    const value = settingValue(req[s], s);
    if (value !== undefined) settings[s] = value;
  }
  requireUsers(call, added);
  const members = [...chat.userIds, ...added.filter((u) => !chat.userIds.includes(u))].filter(
    (u) => !removed.includes(u),
  );
  if (members.length > MAX_GROUP_MEMBERS) {
    throw oapiErrors.tooManyUsers(`a group holds at most ${MAX_GROUP_MEMBERS} members`);
  }
  if (!members.includes(owner)) throw oapiErrors.ownerNotMember();

  Object.assign(chat, settings, { name, owner, userIds: members });
  if (typeof req.icon === 'string') chat.icon = req.icon;
  call.store.changed();
  return ok({ errcode: 0, errmsg: 'ok' });
};

/** Console-only: no API dismisses an ordinary group (docs/wire-facts.md 2c). */
export function dismissGroupChat(call: Pick<DingTalkCall, 'store'>, chatId: string): boolean {
  const chat = call.store.state.groupChats[chatId];
  if (!chat) return false;
  chat.status = 2;
  call.store.changed();
  return true;
}

/** By path. */
export const groupChatActions: Record<string, DingTalkHandler> = {
  'chat/create': createChat,
  'chat/get': getChat,
  'chat/update': updateChat,
};
