import { dingtalkApiErrors, oapiErrors } from './errors';
import { jsonObjectBody, ok, queryParam, type DingTalkHandler } from './dingtalk-call';

/** `POST /v1.0/oauth2/accessToken {appKey, appSecret}` -> `{accessToken, expireIn}`. */
export const issueAccessToken: DingTalkHandler = (call) => {
  const body = jsonObjectBody(call);
  if (body === undefined) throw dingtalkApiErrors.missingBody();
  if (body === null) throw dingtalkApiErrors.badJson();
  const { appKey, appSecret } = body;
  if (typeof appKey !== 'string' || typeof appSecret !== 'string') {
    throw dingtalkApiErrors.invalidApp();
  }
  const issued = call.tokens.issue(appKey, appSecret);
  if (!issued) throw dingtalkApiErrors.invalidApp();
  call.exchange.principal = appKey;
  return ok({ accessToken: issued.token, expireIn: issued.expiresIn });
};

/** `GET /gettoken?appkey=..&appsecret=..` -> `{errcode: 0, access_token, expires_in}`. */
export const getToken: DingTalkHandler = (call) => {
  const issued = call.tokens.issue(
    queryParam(call, 'appkey') ?? '',
    queryParam(call, 'appsecret') ?? '',
  );
  if (!issued) throw oapiErrors.invalidApp();
  return ok({
    errcode: 0,
    errmsg: 'ok',
    access_token: issued.token,
    expires_in: issued.expiresIn,
  });
};
