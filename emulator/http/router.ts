import { groupChatActions } from '../apis/group-chats';
import { robotPluginActions } from '../apis/robot-plugins';
import { RPC_ACTIONS } from '../alicloud/rpc-actions';
import type { DingTalkHandler } from '../dingtalk/dingtalk-call';
import { getToken, issueAccessToken } from '../dingtalk/token-endpoints';
import type { ApiFamily } from '../options';
import { cloudCredentials } from '../sign-in/cloud-sso-endpoints';
import { oauthExchange, oauthToken } from '../sign-in/oauth-endpoints';
import type { SignInHandler } from '../sign-in/sign-in-call';
import { headerValue, type Exchange } from './exchange';

/**
 * How a family writes its answers: Alibaba Cloud RPC, DingTalk new API, DingTalk old API, and
 * the two sign-in services of the CLI's profiles, OAuth and the CloudSSO portal.
 */
export type WireStyle = 'alicloud' | 'dingtalk-api' | 'dingtalk-oapi' | 'oauth' | 'cloud-sso';

export interface Route {
  /** Undefined for a request no emulated API serves. */
  family?: ApiFamily;
  style: WireStyle;
  /**
   * RPC action name, the DingTalk path without `/v1.0/` and the leading slash, or the sign-in
   * service and its path (`oauth/token`, `oauth/exchange`, `cloudsso/cloud-credentials`).
   */
  action: string;
  dingtalkHandler?: DingTalkHandler;
  signInHandler?: SignInHandler;
  /** The DingTalk permission point the call needs (checked against the app's). */
  permission?: string;
}

interface DingTalkRoute {
  method: string;
  family: ApiFamily;
  style: WireStyle;
  action: string;
  handler: DingTalkHandler;
  permission?: string;
}

/** Real hosts differ per family; here one port serves them all, routed by path. */
const DINGTALK_ROUTES = new Map<string, DingTalkRoute>([
  [
    '/v1.0/oauth2/accessToken',
    {
      method: 'POST',
      family: 'dingtalk-tokens',
      style: 'dingtalk-api',
      action: 'oauth2/accessToken',
      handler: issueAccessToken,
    },
  ],
  [
    '/gettoken',
    {
      method: 'GET',
      family: 'dingtalk-tokens',
      style: 'dingtalk-oapi',
      action: 'gettoken',
      handler: getToken,
    },
  ],
  ...Object.entries(robotPluginActions).map(([action, handler]): [string, DingTalkRoute] => [
    `/v1.0/${action}`,
    {
      method: 'POST',
      family: 'robot-plugins',
      style: 'dingtalk-api',
      action,
      handler,
      permission: 'Robot.SingleChat.ReadWrite',
    },
  ]),
  ...Object.entries(groupChatActions).map(([action, handler]): [string, DingTalkRoute] => [
    `/${action}`,
    {
      method: action === 'chat/get' ? 'GET' : 'POST',
      family: 'group-chats',
      style: 'dingtalk-oapi',
      action,
      handler,
      permission: 'qyapi_chat_manage',
    },
  ]),
]);

/**
 * The sign-in services: the OAuth service (`oauth.aliyun.com`, `oauth.alibabacloud.com`) and
 * the CloudSSO portal (the scheme and host of the user's sign-in URL). Matched by path alone:
 * the handlers answer another method in their own error form.
 */
const SIGN_IN_ROUTES = new Map<string, Route & { signInHandler: SignInHandler }>([
  [
    '/v1/token',
    { family: 'sign-in', style: 'oauth', action: 'oauth/token', signInHandler: oauthToken },
  ],
  [
    '/v1/exchange',
    { family: 'sign-in', style: 'oauth', action: 'oauth/exchange', signInHandler: oauthExchange },
  ],
  [
    '/cloud-credentials',
    {
      family: 'sign-in',
      style: 'cloud-sso',
      action: 'cloudsso/cloud-credentials',
      signInHandler: cloudCredentials,
    },
  ],
]);

export function routeOf(exchange: Exchange): Route {
  const { path, method } = exchange;
  if (path === '/' || path === '') {
    const action =
      headerValue(exchange.headers, 'x-acs-action') ??
      exchange.query?.find(([name]) => name === 'Action')?.[1] ??
      '';
    const known = RPC_ACTIONS[action];
    return { family: known?.family, style: 'alicloud', action };
  }
  const signIn = SIGN_IN_ROUTES.get(path);
  if (signIn) return { ...signIn };
  const route = DINGTALK_ROUTES.get(path);
  if (route && route.method === method) {
    return {
      family: route.family,
      style: route.style,
      action: route.action,
      dingtalkHandler: route.handler,
      permission: route.permission,
    };
  }
  const style: WireStyle = path.startsWith('/v1.0/') ? 'dingtalk-api' : 'dingtalk-oapi';
  return { style, action: path.replace(/^\/(v1\.0\/)?/, '') };
}
