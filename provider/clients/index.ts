import { ProviderSettings } from '../config/settings';
import { HttpLayer, HttpLayerOptions } from '../http/http-layer';
import { OosClient } from './alicloud/oos';
import { AlicloudRpcClient } from './alicloud/rpc-client';
import { SecurityCenterClient } from './alicloud/security-center';
import { accessTokenFetcher } from './dingtalk/access-token';
import { GroupChatClient } from './dingtalk/group-chats';
import { DingTalkNewApiClient } from './dingtalk/new-api';
import { DingTalkOldApiClient } from './dingtalk/old-api';
import { RobotPluginClient } from './dingtalk/robot-plugins';
import { TokenCache } from './dingtalk/token-cache';

export interface Clients {
  oos: OosClient;
  securityCenter: SecurityCenterClient;
  robotPlugins: RobotPluginClient;
  groupChats: GroupChatClient;
  /** Closes the connection pools (not an injected dispatcher). */
  close(): Promise<void>;
}

/** Test and embedding hooks: dispatcher, clock, jitter, backoff, log sink. */
export type ClientOptions = HttpLayerOptions;

/**
 * Builds clients over a shared HTTP layer (pools, pacing buckets, DingTalk token cache).
 * Credentials are looked up lazily, on each call, from the settings getter, which
 * normally returns `resolveSettings(configured)` so the environment is read at call time.
 */
export function createClients(
  getSettings: () => ProviderSettings,
  options: ClientOptions = {},
): Clients {
  const http = new HttpLayer(options);
  const rpc = new AlicloudRpcClient(http, getSettings);
  const tokens = new TokenCache(accessTokenFetcher(http, getSettings), http.clock);
  const newApi = new DingTalkNewApiClient(http, tokens, getSettings);
  const oldApi = new DingTalkOldApiClient(http, tokens, getSettings);
  return {
    oos: new OosClient(rpc),
    securityCenter: new SecurityCenterClient(rpc),
    robotPlugins: new RobotPluginClient(newApi),
    groupChats: new GroupChatClient(oldApi),
    close: () => http.close(),
  };
}

export { resolveSettings } from '../config/settings';
export type { ProviderSettings } from '../config/settings';
export { ChatOpsError, isChatOpsError } from '../http/errors';
export type { ErrorCode } from '../http/errors';
export * from './alicloud/oos';
export * from './alicloud/security-center';
export * from './dingtalk/robot-plugins';
export * from './dingtalk/group-chats';
