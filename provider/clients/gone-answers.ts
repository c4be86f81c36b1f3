/**
 * The only remote answers that mean "this object does not exist", per API family. A read
 * reports an object gone, and a delete counts it as already deleted, on these exact codes and
 * on nothing else: answers that merely look alike (`InvalidApi.NotFound` when a product is not
 * offered in a region, a wrong path's `InvalidAction.NotFound`, a permission error, an unknown
 * errcode) fail the operation, so that Pulumi state keeps the object. Losing track of an object
 * that still exists is worse than a failed refresh.
 *
 * Remote codes are compared as text; old-API errcodes are numbers written as text. The README
 * ("What counts as gone") lists the same table per resource, and a unit test keeps the two in
 * step.
 */
export const GONE_ANSWERS = {
  /**
   * OOS GetChatConfiguration, UpdateChatConfiguration, DeleteChatConfiguration. OOS names a
   * missing entity `EntityNotExists.<Entity>` across its API (templates, executions,
   * applications); the chat configuration's own code is not published, and this is the code
   * of that convention.
   */
  oos: new Set(['EntityNotExists.ChatConfiguration']),
  /**
   * Security Center ModifyDingTalkStatus and DeleteDingTalk with an Id that does not exist.
   * A read needs no code: a notification is gone when a complete, successful DescribeDingTalk
   * listing lacks its Id (see NotificationFinder).
   */
  securityCenter: new Set(['DingTalkNotExist']),
  /** Robot plugins `query` and `clear` for a robot that does not exist: the plugins went with it. */
  robotPlugins: new Set(['invalidRequest.robotNotExist']),
  /**
   * Group chats `chat/get` and `chat/update`: errcode 34013, "找不到群会话对象 (group chat not
   * found): check that the chatid really exists", in DingTalk's global error code table
   * (open.dingtalk.com server API global error codes, as copied on public pages since 2018).
   * The same table gives 34001 as "invalid chat id" (the chatid parameter is empty) and 34002
   * as "invalid message sender": neither says the group is gone, so both fail. A dismissed
   * group (`status` 2 in chat/get) is gone too; group-state.ts reads that.
   */
  groupChats: new Set(['34013']),
} as const satisfies Record<string, ReadonlySet<string>>;

export type GoneFamily = keyof typeof GONE_ANSWERS;

/** No code of a family that has none means "gone". */
export const NO_GONE_ANSWERS: ReadonlySet<string> = new Set();
