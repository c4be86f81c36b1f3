import type { Clients, DingTalkConfig } from '../../../provider/clients';

/**
 * Runs every operation the clients offer against the emulator, with inputs that use every
 * parameter they can send: both chat types (DingTalk and WeChat), filters and paging,
 * Security Center paging, create and update, robot plugins with and without URLs, and group
 * chats with every setting. The contract tests judge the traffic this produces.
 */

const REGION = 'cn-hangzhou';
const WEBHOOK = 'https://oapi.dingtalk.com/robot/send?access_token=contract-test-token';

export const SAS_CONFIG: DingTalkConfig[] = [
  {
    type: 'sas_analysis_online-sas-operation-log-sas-event-suspicious',
    items: [
      { key: 'item_level', values: ['all'] },
      { key: 'event_type', values: ['all'] },
    ],
  },
];

export async function exerciseOos(clients: Clients): Promise<void> {
  const oos = clients.oos;
  await oos.createChatConfiguration({
    regionId: REGION,
    name: 'contract-dingtalk',
    type: 'DingTalk',
    ramRole: 'OOSServiceRole',
    resourceGroupId: 'rg-contract',
    configuration: {
      DingTalkClientId: 'dingcontractclient',
      DingTalkClientSecret: 'contract-client-secret',
      DingTalkTemplateId: '381c5aee-f8af-48a4-94be-cce587e42ea4.schema',
    },
  });
  await oos.createChatConfiguration({
    regionId: REGION,
    name: 'contract-wecom',
    type: 'WeChat',
    // WeCom keys are undocumented: any string keys.
    configuration: { CorpId: 'wwcontract', AgentSecret: 'contract-wecom-secret' },
  });
  await oos.getChatConfiguration({ regionId: REGION, name: 'contract-dingtalk' });
  await oos.getChatConfiguration({ regionId: REGION, name: 'contract-wecom' });
  await oos.updateChatConfiguration({
    regionId: REGION,
    name: 'contract-dingtalk',
    type: 'DingTalk',
    ramRole: 'OOSServiceRole',
    configuration: {
      DingTalkClientId: 'dingcontractclient',
      DingTalkClientSecret: 'contract-client-secret-2',
      DingTalkTemplateId: '381c5aee-f8af-48a4-94be-cce587e42ea4.schema',
    },
  });
  await oos.listChatConfigurations({ regionId: REGION });
  await oos.listChatConfigurations({
    regionId: REGION,
    filters: [
      { name: 'type', value: 'WeChat' },
      { name: 'name', value: 'contract' },
    ],
    maxResults: 10,
  });
  await oos.deleteChatConfiguration({ regionId: REGION, name: 'contract-dingtalk' });
  await oos.deleteChatConfiguration({ regionId: REGION, name: 'contract-wecom' });
}

/** Paging by NextToken, against the emulator that pages. */
export async function exerciseOosPaging(clients: Clients): Promise<string[]> {
  for (const [name, type] of [
    ['page-a', 'DingTalk'],
    ['page-b', 'WeChat'],
    ['page-c', 'DingTalk'],
  ] as const) {
    await clients.oos.createChatConfiguration({
      regionId: REGION,
      name,
      type,
      configuration: { DingTalkClientId: 'c', DingTalkClientSecret: 's' },
    });
  }
  const names: string[] = [];
  let nextToken: string | undefined;
  do {
    const page = await clients.oos.listChatConfigurations({
      regionId: REGION,
      maxResults: 2,
      nextToken,
    });
    names.push(...page.items.map((item) => item.name));
    nextToken = page.nextToken;
  } while (nextToken);
  if (names.join(',') !== 'page-a,page-b,page-c') {
    throw new Error(`paging by NextToken listed ${names.join(',')}`);
  }
  return names;
}

export async function exerciseSecurityCenter(clients: Clients): Promise<number> {
  const sas = clients.securityCenter;
  for (const name of ['contract-alerts-1', 'contract-alerts-2', 'contract-alerts-3']) {
    await sas.createOrUpdateDingTalk(REGION, {
      ruleActionName: name,
      sendUrl: WEBHOOK,
      intervalTime: 0,
      language: 'zh',
      groupIds: ['10417151', '2'],
      config: SAS_CONFIG,
    });
  }
  await sas.findDingTalkByName(REGION, 'contract-alerts-1');
  // The id by the filter alone, so that a misread name still lets the run reach its checks.
  const [found] = (await sas.describeDingTalk(REGION, { ruleActionName: 'contract-alerts-1' }))
    .items;
  // Two pages of two.
  await sas.describeDingTalk(REGION, {
    ruleActionName: 'contract-alerts',
    currentPage: 1,
    pageSize: 2,
  });
  await sas.describeDingTalk(REGION, {
    ruleActionName: 'contract-alerts',
    currentPage: 2,
    pageSize: 2,
  });
  await sas.describeDingTalk(REGION, {});
  await sas.createOrUpdateDingTalk(REGION, {
    id: found.id,
    ruleActionName: 'contract-alerts-1',
    sendUrl: WEBHOOK,
    intervalTime: 5,
    language: 'en',
    groupIds: [],
    config: [],
  });
  await sas.modifyDingTalkStatus(REGION, [found.id], false);
  await sas.modifyDingTalkStatus(REGION, [found.id], true);
  await sas.dingTalkOnlineTest(REGION, found.id);
  const listed = await sas.describeDingTalk(REGION, { ruleActionName: 'contract-alerts' });
  await sas.deleteDingTalk(
    REGION,
    listed.items.map((n) => n.id),
  );
  return found.id;
}

export async function exerciseRobotPlugins(clients: Clients): Promise<void> {
  const robots = clients.robotPlugins;
  await robots.setPlugins('dingrobottest', [
    {
      name: 'Runbooks',
      icon: '@lALPDtXaDkO3j7hgYA',
      pcUrl: 'https://example.com/pc',
      mobileUrl: 'https://example.com/mobile',
    },
    { name: '{"en_US":"Alerts","zh_CN":"告警"}', icon: '@lALPDtXaDkO3j7hgYB' },
  ]);
  await robots.queryPlugins('dingrobottest');
  await robots.clearPlugins('dingrobottest');
  await robots.queryPlugins('dingrobottest');
}

export async function exerciseGroupChats(clients: Clients): Promise<void> {
  const groups = clients.groupChats;
  const { chatId } = await groups.createChat({
    name: 'contract ops',
    owner: 'alice',
    userIds: ['alice', 'bob'],
    showHistoryType: 1,
    searchable: 1,
    validationType: 0,
    mentionAllAuthority: 1,
    managementType: 1,
    chatBannedType: 0,
  });
  await groups.getChat(chatId);
  await groups.updateChat({
    chatId,
    name: 'contract ops 2',
    owner: 'bob',
    addUserIds: ['carol'],
    delUserIds: ['alice'],
    icon: '@lALPDtXaDkO3j7hgYC',
    showHistoryType: 0,
    searchable: 0,
    validationType: 1,
    mentionAllAuthority: 0,
    managementType: 0,
    chatBannedType: 1,
  });
  await groups.getChat(chatId);
}

/**
 * DescribeDingTalk as the vendor's own examples show it besides the JSON form: GroupIdList
 * as `"123,456"` and each valueList as a plain string (docs/wire-facts.md section 3). Used to rewrite
 * the emulator's answer, so the client is proven to read both shapes.
 */
export function documentedAlternativeShapes(body: string): string {
  const answer = JSON.parse(body) as { ActionList?: Record<string, unknown>[] };
  for (const item of answer.ActionList ?? []) {
    item.GroupIdList = (JSON.parse(String(item.GroupIdList)) as string[]).join(',');
    const configs = JSON.parse(String(item.ConfigList)) as {
      configItemList: { valueList: unknown }[];
    }[];
    for (const config of configs) {
      for (const entry of config.configItemList) {
        entry.valueList = (entry.valueList as string[]).join(',');
      }
    }
    item.ConfigList = JSON.stringify(configs);
  }
  return JSON.stringify(answer);
}

/**
 * Runs the scenarios one family after another and collects their failures instead of
 * stopping at the first: the traffic up to a failure is still judged against the contract,
 * which names the field a failure most likely comes from.
 */
export async function exerciseAll(clients: Clients, pagingClients: Clients): Promise<string[]> {
  const failures: string[] = [];
  const steps: [string, () => Promise<unknown>][] = [
    ['OOS', () => exerciseOos(clients)],
    ['OOS paging', () => exerciseOosPaging(pagingClients)],
    ['Security Center', () => exerciseSecurityCenter(clients)],
    ['robot plugins', () => exerciseRobotPlugins(clients)],
    ['group chats', () => exerciseGroupChats(clients)],
  ];
  for (const [name, step] of steps) {
    try {
      await step();
    } catch (e) {
      // Client errors carry no secrets (they are redacted); test errors are our own text.
      failures.push(`${name}: ${e instanceof Error ? e.message : String(e)}`);
    }
  }
  return failures;
}
