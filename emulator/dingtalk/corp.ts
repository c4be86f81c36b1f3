import { DEFAULT_CORP_ID, type ResolvedOptions } from '../options';
import type { GroupChatRecord } from '../state';

/** The organisation (corp) that installed the app; apps configured without one share the default. */
export function corpOfApp(options: ResolvedOptions, appKey: string): string {
  return options.dingtalkApps.find((app) => app.appKey === appKey)?.corpId ?? DEFAULT_CORP_ID;
}

/**
 * Whether an app of `corpId` may see the group. A group belongs to one organisation: to an app
 * of another, its chatid names nothing, so it answers as an unknown chat.
 */
export function chatVisibleToCorp(chat: GroupChatRecord, corpId: string): boolean {
  return (chat.corpId ?? DEFAULT_CORP_ID) === corpId;
}
