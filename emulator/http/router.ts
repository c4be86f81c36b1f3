import { groupChatActions } from '../apis/group-chats';
import { robotPluginActions } from '../apis/robot-plugins';
import { RPC_ACTIONS } from '../alicloud/rpc-actions';
import type { DingTalkHandler } from '../dingtalk/dingtalk-call';
import { getToken, issueAccessToken } from '../dingtalk/token-endpoints';
import type { ApiFamily } from '../options';
import { headerValue, type Exchange } from './exchange';

/** How a family writes its answers: Alibaba Cloud RPC, DingTalk new API, DingTalk old API. */
export type WireStyle = 'alicloud' | 'dingtalk-api' | 'dingtalk-oapi';

export interface Route {
  /** Undefined for a request no emulated API serves. */
  family?: ApiFamily;
  style: WireStyle;
  /** RPC action name, or the DingTalk path without `/v1.0/` and the leading slash. */
  action: string;
  dingtalkHandler?: DingTalkHandler;
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
