import {
  SecurityCenterClient,
  type DingTalkListing,
  type DingTalkNotification,
  type DingTalkNotificationSpec,
} from '../../../../provider/clients/alicloud/security-center';
import { ChatOpsError } from '../../../../provider/errors';

/** What `check` fills in for every optional input left out. */
export const NOTIFICATION_DEFAULTS = {
  intervalTime: 0,
  language: 'zh',
  groupIds: [],
  config: [],
  enabled: true,
  regionId: 'cn-shanghai',
  adopt: false,
};

/**
 * An in-memory Security Center for lifecycle tests: names are not unique, Create returns
 * no Id, Describe filters by "contains" and pages; records every call.
 */
export class FakeSecurityCenter {
  readonly calls: string[] = [];
  readonly items: DingTalkNotification[] = [];
  private nextId = 100;
  private readonly failures = new Map<string, unknown[]>();
  /** How many notifications one create makes (2 = committed twice by a retry). */
  copiesPerCreate = 1;
  /** The next create commits, then its answer is lost. */
  dropNextCreateAnswer = false;

  failNext(operation: string, error: unknown): void {
    const queue = this.failures.get(operation) ?? [];
    queue.push(error);
    this.failures.set(operation, queue);
  }

  seed(name: string, overrides: Partial<DingTalkNotification> = {}): DingTalkNotification {
    const item: DingTalkNotification = {
      id: this.nextId++,
      ruleActionName: name,
      sendUrl: 'https://oapi.dingtalk.com/robot/send?access_token=seeded',
      enabled: true,
      intervalTime: 0,
      language: 'zh',
      groupIds: [],
      config: [],
      gmtCreate: '2024-01-01T00:00:00.000Z',
      gmtModified: '2024-01-01T00:00:00.000Z',
      ...overrides,
    };
    this.items.push(item);
    return item;
  }

  asClient(): SecurityCenterClient {
    return this as unknown as SecurityCenterClient;
  }

  async createOrUpdateDingTalk(_region: string, spec: DingTalkNotificationSpec): Promise<void> {
    this.enter(spec.id === undefined ? 'create' : 'update');
    const fields = {
      ruleActionName: spec.ruleActionName,
      sendUrl: spec.sendUrl,
      intervalTime: spec.intervalTime,
      language: spec.language,
      groupIds: [...spec.groupIds],
      config: spec.config,
    };
    if (spec.id !== undefined) {
      const item = this.items.find((n) => n.id === spec.id);
      if (item) Object.assign(item, fields);
      return;
    }
    for (let i = 0; i < this.copiesPerCreate; i++) this.seed(spec.ruleActionName, fields);
    if (this.dropNextCreateAnswer) {
      this.dropNextCreateAnswer = false;
      throw new ChatOpsError({ code: 'TRANSPORT_ERROR', message: 'connection reset' });
    }
  }

  async describeDingTalk(
    _region: string,
    req: { ruleActionName?: string; currentPage?: number; pageSize?: number },
  ) {
    this.enter('describe');
    const size = req.pageSize ?? 20;
    const page = req.currentPage ?? 1;
    const selected = this.items.filter(
      (n) => !req.ruleActionName || n.ruleActionName.includes(req.ruleActionName),
    );
    return {
      items: selected.slice((page - 1) * size, page * size).map((n) => ({ ...n })),
      currentPage: page,
      pageSize: size,
      totalCount: selected.length,
      requestId: `describe-${page}`,
    };
  }

  async findDingTalkByName(region: string, name: string): Promise<DingTalkNotification[]> {
    const out: DingTalkNotification[] = [];
    for (let page = 1; ; page++) {
      const res = await this.describeDingTalk(region, {
        ruleActionName: name,
        currentPage: page,
        pageSize: 2,
      });
      out.push(...res.items.filter((n) => n.ruleActionName === name));
      if (res.items.length === 0 || page * 2 >= res.totalCount) return out;
    }
  }

  /** The client's own walk over {@link describeDingTalk}. */
  listAllDingTalk(region: string, ruleActionName?: string): Promise<DingTalkListing> {
    return SecurityCenterClient.prototype.listAllDingTalk.call(
      this as unknown as SecurityCenterClient,
      region,
      ruleActionName,
    );
  }

  async deleteDingTalk(_region: string, ids: number[]): Promise<void> {
    this.enter('delete');
    for (const id of ids) {
      const index = this.items.findIndex((n) => n.id === id);
      if (index >= 0) this.items.splice(index, 1);
    }
  }

  async modifyDingTalkStatus(_region: string, ids: number[], enabled: boolean): Promise<void> {
    this.enter('status');
    for (const id of ids) {
      const item = this.items.find((n) => n.id === id);
      if (!item) throw new ChatOpsError({ code: 'NOT_FOUND', message: 'DingTalkNotExist' });
      item.enabled = enabled;
    }
  }

  private enter(operation: string): void {
    this.calls.push(operation);
    const error = this.failures.get(operation)?.shift();
    if (error !== undefined) throw error;
  }
}
