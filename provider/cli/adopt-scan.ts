import type { ChatConfiguration } from '../clients/alicloud/oos';
import type { DingTalkNotification } from '../clients/alicloud/security-center';
import type { Clients } from '../clients';
import { isChatOpsError } from '../errors';

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
  const listing = await clients.oos.listAllChatConfigurations({ regionId });
  const names = listing.items.map((item) => item.name);
  const found: ChatConfiguration[] = [];
  for (const name of [...new Set(names)]) {
    try {
      found.push(await clients.oos.getChatConfiguration({ regionId, name }));
    } catch (error) {
      // Deleted between the list and the read: nothing to adopt.
      if (!isChatOpsError(error, 'NOT_FOUND')) throw error;
    }
  }
  return found;
}

async function listNotifications(
  clients: Pick<Clients, 'securityCenter'>,
  regionId: string,
): Promise<DingTalkNotification[]> {
  const listing = await clients.securityCenter.listAllDingTalk(regionId);
  const found = new Map(listing.items.map((item) => [item.id, item]));
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
