import type { ConfigMap, Stack } from '@pulumi/pulumi/automation';
import { startEmulator, type RunningEmulator } from '../../../emulator';
import { createClients, type Clients } from '../../../provider/clients';
import { accessKey } from '../../support/ram-identities';

/**
 * The accounts an end-to-end stack deploys with. Each secret is distinctive, so a search of
 * state, history and CLI output for it can only hit a leak, never a coincidence.
 */
export const E2E_REGION = 'cn-hangzhou';
export const E2E_ALICLOUD_KEY = accessKey(
  'LTAI5tE2eLifecycleKey',
  'E2eAlicloudKeySecret0c5d8a31f7',
);
export const E2E_DINGTALK_APP = {
  appKey: 'dinge2elifecycleapp',
  appSecret: 'E2eDingTalkAppSecret94b2e7d05c',
};

/**
 * Another Alibaba Cloud account, and a DingTalk app of another organisation: the credentials a
 * switched profile or a wrong CI secret would hand the provider (the account and app guards).
 */
export const E2E_OTHER_ACCOUNT = {
  accountId: '2222333344445555',
  key: accessKey('LTAI5tE2eOtherAccountKey', 'E2eOtherAccountSecret7d1e93a0c'),
};
export const E2E_OTHER_CORP_APP = {
  appKey: 'dingothercorpapp',
  appSecret: 'E2eOtherCorpAppSecret5c2a81f4d',
  corpId: 'ding-other-corp',
};

/** Robots of the e2e app (the default directory's robots belong to the app `test`). */
export const E2E_ROBOTS = {
  alerts: 'dinge2erobotalerts',
  deploy: 'dinge2erobotdeploy',
};

/**
 * Starts the emulator in this process with the e2e accounts and robots. The Automation API
 * runs every `pulumi` command as a child process without blocking, so the emulator keeps
 * answering the provider while a command runs.
 */
export function startChatOpsEmulator(): Promise<RunningEmulator> {
  return startEmulator({
    port: 0,
    accessKeys: [E2E_ALICLOUD_KEY],
    accounts: [{ accountId: E2E_OTHER_ACCOUNT.accountId, accessKeys: [E2E_OTHER_ACCOUNT.key] }],
    dingtalkApps: [E2E_DINGTALK_APP, E2E_OTHER_CORP_APP],
    directory: {
      robots: Object.values(E2E_ROBOTS).map((robotCode) => ({
        robotCode,
        appKey: E2E_DINGTALK_APP.appKey,
      })),
    },
  });
}

/**
 * Stack config pointing the provider at the emulator, with credentials under the keys a user
 * sets (`alicloud:*`, `dingtalk:*`, `chatops:*`), secrets as secrets, plus the program's own
 * settings (`extra`, in the project's namespace when unqualified).
 */
export async function configureStack(
  stack: Stack,
  emulatorUrl: string,
  extra: ConfigMap = {},
): Promise<void> {
  await stack.setAllConfig({
    'alicloud:accessKey': { value: E2E_ALICLOUD_KEY.accessKeyId },
    'alicloud:secretKey': { value: E2E_ALICLOUD_KEY.accessKeySecret, secret: true },
    'alicloud:region': { value: E2E_REGION },
    'dingtalk:clientId': { value: E2E_DINGTALK_APP.appKey },
    'dingtalk:clientSecret': { value: E2E_DINGTALK_APP.appSecret, secret: true },
    'chatops:oosEndpoint': { value: emulatorUrl },
    'chatops:stsEndpoint': { value: emulatorUrl },
    'chatops:sasEndpoint': { value: emulatorUrl },
    'chatops:dingtalkApiEndpoint': { value: emulatorUrl },
    'chatops:dingtalkOapiEndpoint': { value: emulatorUrl },
    ...extra,
  });
}

/**
 * Clients of the vendor APIs with the same accounts, for changes made out of band, as a
 * person in the consoles would make them. Close them after use.
 */
export function consoleClients(emulatorUrl: string): Clients {
  return createClients(() => ({
    accessKeyId: E2E_ALICLOUD_KEY.accessKeyId,
    accessKeySecret: E2E_ALICLOUD_KEY.accessKeySecret,
    region: E2E_REGION,
    oosEndpoint: emulatorUrl,
    stsEndpoint: emulatorUrl,
    sasEndpoint: emulatorUrl,
    dingtalkClientId: E2E_DINGTALK_APP.appKey,
    dingtalkClientSecret: E2E_DINGTALK_APP.appSecret,
    dingtalkApiEndpoint: emulatorUrl,
    dingtalkOapiEndpoint: emulatorUrl,
  }));
}

/** Dismisses a group, which only the DingTalk client can do (the emulator's control API). */
export async function dismissGroup(emulator: RunningEmulator, chatId: string): Promise<void> {
  const response = await fetch(
    `${emulator.url}/_emulator/dingtalk/groups/${encodeURIComponent(chatId)}/dismiss`,
    // The control API takes writes only as JSON.
    { method: 'POST', headers: { 'content-type': 'application/json' } },
  );
  if (!response.ok) {
    throw new Error(`dismissing group ${chatId} failed: HTTP ${response.status}`);
  }
}
