import { ProviderSettings } from '../config/settings';
import { AlicloudCredentialChain } from '../credentials/alicloud-chain';
import type { MetadataFetch } from '../credentials/ecs-metadata';
import { HttpLayer, HttpLayerOptions } from '../http/http-layer';
import { CallerIdentity } from './alicloud/caller-identity';
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
  /** The Alibaba Cloud account these clients' credentials belong to (STS GetCallerIdentity). */
  alicloudIdentity: CallerIdentity;
  /** Closes the connection pools (not an injected dispatcher). */
  close(): Promise<void>;
}

/** Test and embedding hooks: dispatcher, clock, jitter, backoff, log sink, metadata fetch. */
export type ClientOptions = HttpLayerOptions & {
  /** How ECS metadata requests go out (tests inject a fake: none may leave the machine). */
  metadataFetch?: MetadataFetch;
  /** The environment the credential chain reads, at call time. Default: `process.env`. */
  env?: () => NodeJS.ProcessEnv;
};

/** Which named credential sets the calls of one resource use; unset: the stack's own. */
export interface CredentialSelection {
  /** A name of `chatops:alicloudAccounts`. */
  account?: string;
  /** A name of `chatops:dingtalkApps`. */
  app?: string;
}

/** Clients per credential selection over one shared HTTP layer, token cache and credential chain. */
export interface ClientFactory {
  forSelection(selection: CredentialSelection): Clients;
  close(): Promise<void>;
}

/**
 * Builds the shared parts once (pools, pacing buckets, DingTalk token cache, Alibaba Cloud
 * credential chain with its temporary keys) and light clients per selection on top of them.
 * Credentials are looked up lazily, on each call, from the settings getter, which normally
 * returns `resolveSettings(configured)` so the environment is read at call time.
 */
export function createClientFactory(
  getSettings: () => ProviderSettings,
  options: ClientOptions = {},
): ClientFactory {
  const http = new HttpLayer(options);
  const chain = new AlicloudCredentialChain({
    http,
    getSettings,
    env: options.env,
    metadataFetch: options.metadataFetch,
  });
  const tokens = new TokenCache(accessTokenFetcher(http, getSettings), http.clock);
  const close = () => http.close();
  const built = new Map<string, Clients>();
  return {
    forSelection({ account, app }) {
      const key = JSON.stringify([account ?? null, app ?? null]);
      let clients = built.get(key);
      if (!clients) {
        const rpc = new AlicloudRpcClient(http, getSettings, chain.provider(account), account);
        const newApi = new DingTalkNewApiClient(http, tokens, getSettings, app);
        const oldApi = new DingTalkOldApiClient(http, tokens, getSettings, app);
        clients = {
          oos: new OosClient(rpc),
          securityCenter: new SecurityCenterClient(rpc),
          robotPlugins: new RobotPluginClient(newApi),
          groupChats: new GroupChatClient(oldApi),
          alicloudIdentity: new CallerIdentity(rpc, options.env ?? (() => process.env)),
          close,
        };
        built.set(key, clients);
      }
      return clients;
    },
    close,
  };
}

/** Clients of the stack's own credentials (see {@link createClientFactory}). */
export function createClients(
  getSettings: () => ProviderSettings,
  options: ClientOptions = {},
): Clients {
  return createClientFactory(getSettings, options).forSelection({});
}

export { resolveSettings } from '../config/settings';
export type { ProviderSettings } from '../config/settings';
export { ChatOpsError, isChatOpsError } from '../errors';
export type { ErrorCode } from '../errors';
export * from './alicloud/oos';
export * from './alicloud/security-center';
export * from './dingtalk/robot-plugins';
export * from './dingtalk/group-chats';
