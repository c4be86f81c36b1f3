import { GONE_ANSWERS } from '../gone-answers';
import { ChatOpsError, isChatOpsError } from '../../errors';
import { JsonObject, asArray, asNumber, asObject, asString, optional } from '../parse';
import { DingTalkOldApiClient } from './old-api';

/**
 * Group chats through the old API: `chat/create`, `chat/get`, `chat/update`
 * (docs/wire-facts.md section 2c). No API dismisses such a group.
 */

/** The six 0/1 group flags of `chat/create`, `chat/update` and `chat/get`. */
export const GROUP_SETTING_FLAGS = [
  /** 1: new members see the last 100 messages. */
  'showHistoryType',
  'searchable',
  /** 1: joining needs approval. */
  'validationType',
  /** 0: everyone may @all; 1: the owner only. */
  'mentionAllAuthority',
  /** 0: everyone manages; 1: the owner only. */
  'managementType',
  /** 1: everyone is muted. */
  'chatBannedType',
] as const;

/** One of the {@link GROUP_SETTING_FLAGS}. */
export type GroupSettingFlag = (typeof GROUP_SETTING_FLAGS)[number];

/** Any of the group flags, each 0 or 1, by its wire name. */
export type GroupChatSettings = { [Flag in GroupSettingFlag]?: 0 | 1 };

export interface GroupChat extends Required<GroupChatSettings> {
  chatId: string;
  name: string;
  owner: string;
  userIds: string[];
  icon?: string;
  conversationTag?: number;
  /** 1 normal, 2 dismissed. */
  status: number;
}

/** The permission point of the group chat APIs ("群会话管理权限"). */
const PERMISSION = 'qyapi_chat_manage';

/** Users per `chat/create` or per add/remove list of `chat/update` (errcode 34014 beyond). */
export const MAX_USERS_PER_CALL = 40;

export class GroupChatClient {
  constructor(private readonly api: DingTalkOldApiClient) {}

  /** The clientId of the app these calls are made with (the group's managing app). */
  appClientId(): string {
    return this.api.appClientId('dingtalk:chat/get');
  }

  /** At most 40 userIds: add the rest with updateChat. */
  async createChat(
    req: { name: string; owner: string; userIds: string[] } & GroupChatSettings,
  ): Promise<{ chatId: string; openConversationId: string; conversationTag?: number }> {
    checkBatch('userIds', req.userIds, 'dingtalk:chat/create');
    const body = await this.api.call({
      method: 'POST',
      path: '/chat/create',
      body: { name: req.name, owner: req.owner, useridlist: req.userIds, ...settingsOf(req) },
      operation: 'dingtalk:chat/create',
      // A repeat after a lost answer would create a second group.
      idempotent: false,
      permission: PERMISSION,
    });
    const chatId = asString(body.chatid);
    if (!chatId) {
      throw new ChatOpsError({
        code: 'REMOTE_ERROR',
        message:
          'dingtalk:chat/create: errcode 0 but no chatid in the answer. Look for the group in DingTalk before retrying, to avoid a duplicate.',
        operation: 'dingtalk:chat/create',
      });
    }
    return {
      chatId,
      openConversationId: asString(body.openConversationId) ?? '',
      ...optional('conversationTag', asNumber(body.conversationTag)),
    };
  }

  /**
   * `undefined` only for a chat DingTalk says does not exist (gone-answers.ts). A dismissed
   * chat is returned with status 2.
   */
  async getChat(chatId: string): Promise<GroupChat | undefined> {
    let body: JsonObject;
    try {
      body = await this.api.call({
        method: 'GET',
        path: '/chat/get',
        query: { chatid: chatId },
        operation: 'dingtalk:chat/get',
        idempotent: true,
        permission: PERMISSION,
        goneCodes: GONE_ANSWERS.groupChats,
      });
    } catch (e) {
      if (isChatOpsError(e, 'NOT_FOUND')) return undefined;
      throw e;
    }
    const info = asObject(body.chat_info);
    return {
      // chat_info carries no chatid (OapiChatGetResponse, contract/dingtalk-oapi-chat.json).
      chatId,
      name: asString(info.name) ?? '',
      owner: asString(info.owner) ?? '',
      userIds: asArray(info.useridlist)
        .map(asString)
        .filter((id): id is string => id !== undefined),
      ...optional('icon', asString(info.icon) || undefined),
      ...optional('conversationTag', asNumber(info.conversationTag)),
      status: asNumber(info.status) ?? 1,
      showHistoryType: flag(info.showHistoryType),
      searchable: flag(info.searchable),
      validationType: flag(info.validationType),
      mentionAllAuthority: flag(info.mentionAllAuthority),
      managementType: flag(info.managementType),
      chatBannedType: flag(info.chatBannedType),
    };
  }

  /** Sends only the fields present: an untouched flag sent anyway would be reset. */
  async updateChat(
    req: {
      chatId: string;
      name?: string;
      owner?: string;
      addUserIds?: string[];
      delUserIds?: string[];
      icon?: string;
    } & GroupChatSettings,
  ): Promise<void> {
    checkBatch('addUserIds', req.addUserIds ?? [], 'dingtalk:chat/update');
    checkBatch('delUserIds', req.delUserIds ?? [], 'dingtalk:chat/update');
    await this.api.call({
      method: 'POST',
      path: '/chat/update',
      body: {
        chatid: req.chatId,
        ...optional('name', req.name),
        ...optional('owner', req.owner),
        ...optional('add_useridlist', nonEmpty(req.addUserIds)),
        ...optional('del_useridlist', nonEmpty(req.delUserIds)),
        ...optional('icon', req.icon),
        ...settingsOf(req),
      },
      operation: 'dingtalk:chat/update',
      idempotent: true,
      permission: PERMISSION,
      goneCodes: GONE_ANSWERS.groupChats,
    });
  }
}

function settingsOf(req: GroupChatSettings): JsonObject {
  const out: JsonObject = {};
  for (const key of GROUP_SETTING_FLAGS) if (req[key] !== undefined) out[key] = req[key];
  return out;
}

function flag(value: unknown): 0 | 1 {
  return asNumber(value) === 1 || value === true ? 1 : 0;
}

function nonEmpty(list: string[] | undefined): string[] | undefined {
  return list && list.length > 0 ? list : undefined;
}

function checkBatch(field: string, ids: string[], operation: string): void {
  if (ids.length > MAX_USERS_PER_CALL) {
    throw new ChatOpsError({
      code: 'INVALID_INPUT',
      message: `${operation}: ${field} holds ${ids.length} users but DingTalk takes at most ${MAX_USERS_PER_CALL} per call. Send the rest in further chat/update calls.`,
      operation,
    });
  }
}
