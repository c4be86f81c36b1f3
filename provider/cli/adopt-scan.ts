import type { ChatConfiguration } from '../clients/alicloud/oos';
import type { DingTalkNotification } from '../clients/alicloud/security-center';
import type { Clients } from '../clients';

/** What exists in one region, as the adoption command found it. */
export interface ExistingObjects {
  /** The region that was listed. */
  regionId: string;
  /** Chat configurations, each read in full (settings and resource group included). */
  chatConfigurations: ChatConfiguration[];
  /** Security Center notifications, one per name: the lowest Id, the one `adopt` takes. */
  notifications: DingTalkNotification[];
  /**
   * Notifications that share a name with one in `notifications` (Security Center does not
   * keep names unique). Adoption cannot reach them; they are reported, never declared.
   */
  duplicateNotifications: DingTalkNotification[];
}

/** Which families to list: a key without the Security Center permission can skip it. */
export interface ScanScope {
  chatConfigurations: boolean;
  notifications: boolean;
}

/** DescribeDingTalk serves at most 100 per page. */
const NOTIFICATION_PAGE_SIZE = 100;
/** Guards both walks against a remote whose paging never ends. */
const MAX_PAGES = 1000;

/**
 * Lists a region's chat configurations (ListChatConfigurations, then GetChatConfiguration per
 * name, since the list holds neither settings nor resource group) and its Security Center
 * DingTalk notifications (DescribeDingTalk, every page). Read-only: nothing is changed.
 */
export async function scanRegion(
  clients: Pick<Clients, 'oos' | 'securityCenter'>,
  regionId: string,
  scope: ScanScope,
): Promise<ExistingObjects> {
  const chatConfigurations = scope.chatConfigurations
    ? await listChatConfigurations(clients, regionId)
    : [];
  const all = scope.notifications ? await listNotifications(clients, regionId) : [];
  const { kept, duplicates } = lowestIdPerName(all);
  return {
    regionId,
    chatConfigurations,
    notifications: kept,
    duplicateNotifications: duplicates,
  };
}

async function listChatConfigurations(
  clients: Pick<Clients, 'oos'>,
  regionId: string,
): Promise<ChatConfiguration[]> {
  const names: string[] = [];
  const seenTokens = new Set<string>();
  let nextToken: string | undefined;
  for (let page = 0; page < MAX_PAGES; page++) {
    const result = await clients.oos.listChatConfigurations({
      regionId,
      ...(nextToken !== undefined ? { nextToken } : {}),
    });
    names.push(...result.items.map((item) => item.name));
    nextToken = result.nextToken;
    if (!nextToken || seenTokens.has(nextToken)) break;
    seenTokens.add(nextToken);
  }
  const found: ChatConfiguration[] = [];
  for (const name of [...new Set(names)]) {
    const live = await clients.oos.getChatConfiguration({ regionId, name });
    // Deleted between the list and the read: nothing to adopt.
    if (live) found.push(live);
  }
  return found;
}

async function listNotifications(
  clients: Pick<Clients, 'securityCenter'>,
  regionId: string,
): Promise<DingTalkNotification[]> {
  const found = new Map<number, DingTalkNotification>();
  for (let page = 1; page <= MAX_PAGES; page++) {
    const result = await clients.securityCenter.describeDingTalk(regionId, {
      currentPage: page,
      pageSize: NOTIFICATION_PAGE_SIZE,
    });
    for (const item of result.items) found.set(item.id, item);
    const seen = (page - 1) * NOTIFICATION_PAGE_SIZE + result.items.length;
    if (result.items.length === 0 || seen >= result.totalCount) break;
  }
  return [...found.values()].sort((a, b) => a.id - b.id);
}

/**
 * The resource adopts the notification with the lowest Id among those of its name (see its
 * create), so that one is declared and the others are only reported.
 */
function lowestIdPerName(sorted: DingTalkNotification[]): {
  kept: DingTalkNotification[];
  duplicates: DingTalkNotification[];
} {
  const byName = new Map<string, DingTalkNotification>();
  const duplicates: DingTalkNotification[] = [];
  for (const item of sorted) {
    if (byName.has(item.ruleActionName)) duplicates.push(item);
    else byName.set(item.ruleActionName, item);
  }
  return { kept: [...byName.values()], duplicates };
}
