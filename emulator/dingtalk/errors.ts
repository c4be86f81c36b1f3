import { oapiError, WireError } from '../wire-error';

/** Errors of the DingTalk new API (`api.dingtalk.com`): HTTP status plus `{code, message}`. */
export const dingtalkApiErrors = {
  invalidToken: () => new WireError(400, 'InvalidAuthentication', '不合法的access_token'),
  invalidApp: () => new WireError(400, 'invalidClientIdOrSecret', '无效的clientId或者clientSecret'),
  missingBody: () => new WireError(400, 'Missingbody', 'body is mandatory for this action.'),
  paramIllegal: (why: string) => new WireError(400, 'param.illegal', `参数错误: ${why}`),
  /** The vendor's own spelling (sic). */
  badJson: () => new WireError(400, 'invalidRequest.jsonFormatErroj', 'JSON格式错误'),
  robotNotExist: () =>
    new WireError(400, 'invalidRequest.robotNotExist', '机器人不存在，请确认后再添加'),
  robotCodeNotMatch: () =>
    new WireError(400, 'invalidRequest.robotCodeNotMatch', '应用与绑定机器人的robotCode不匹配'),
  robotIsStop: () => new WireError(400, 'invalidRequest.robotIsStop', '机器人已被企业停用'),
  tooManyPlugins: (max: number) =>
    new WireError(
      400,
      'invalidRequest.exceededMaximumLimit',
      `超过插件最大数量限制 (at most ${max} plugins)`,
    ),
  notFound: () =>
    new WireError(
      404,
      'InvalidAction.NotFound',
      'Specified api is not found, please check your url and method.',
    ),
  throttled: () =>
    new WireError(
      403,
      'Forbidden.AccessDenied.QpsLimitForApi',
      'QPS limit exceeded for this API, please slow down.',
    ),
};

/** Errors of the DingTalk old API (`oapi.dingtalk.com`): HTTP 200 and an errcode. */
export const oapiErrors = {
  invalidToken: () => oapiError(40014, '不合法的access_token'),
  invalidApp: () => oapiError(40089, '不合法的appKey或appSecret'),
  invalidParameter: (field: string, why: string) =>
    oapiError(40035, `不合法的参数 (invalid parameter ${field}: ${why})`),
  /** errcode 34013 "找不到群会话对象" (group chat not found) of DingTalk's global error codes. */
  chatNotFound: () => oapiError(34013, '找不到群会话对象 (chat not found)'),
  tooManyUsers: (why: string) => oapiError(34014, `会话成员数超过限制 (${why})`),
  ownerNotMember: () => oapiError(34009, '群主必须是群成员 (owner must be a member)'),
  userNotFound: (userId: string) => oapiError(60121, `找不到该用户 (user not found: ${userId})`),
  throttled: () => oapiError(90018, '当前企业调用该接口的QPS超过限制 (per-app QPS limit)'),
  notFound: () => new WireError(404, '404', 'not found'),
};
