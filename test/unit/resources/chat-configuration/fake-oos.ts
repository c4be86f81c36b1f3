import {
  OosClient,
  type ChatConfiguration,
  type ChatConfigurationListItem,
  type ChatConfigurationListing,
  type ChatConfigurationSpec,
  type ChatConfigurationStamp,
} from '../../../../provider/clients/alicloud/oos';
import { ChatOpsError } from '../../../../provider/errors';

/**
 * An in-memory OOS for lifecycle tests: masks secrets on Get like the service, records
 * every call, and lets a test fail the next call of an operation.
 */
export class FakeOos {
  readonly calls: string[] = [];
  readonly items = new Map<string, ChatConfiguration & { regionId: string }>();
  private readonly failures = new Map<string, unknown[]>();
  clock = () => new Date();
  /** The next create commits, then its answer is lost (a broken connection). */
  dropNextCreateAnswer = false;

  failNext(operation: string, error: unknown): void {
    const queue = this.failures.get(operation) ?? [];
    queue.push(error);
    this.failures.set(operation, queue);
  }

  seed(spec: ChatConfigurationSpec, createdDate: string): void {
    this.items.set(`${spec.regionId}/${spec.name}`, {
      ...this.record(spec),
      createdDate,
      updatedDate: createdDate,
    });
  }

  asClient(): OosClient {
    return this as unknown as OosClient;
  }

  async createChatConfiguration(spec: ChatConfigurationSpec): Promise<ChatConfigurationStamp> {
    this.enter('create');
    const key = `${spec.regionId}/${spec.name}`;
    if (this.items.has(key)) {
      throw new ChatOpsError({ code: 'ALREADY_EXISTS', message: `${spec.name} exists` });
    }
    const now = this.clock().toISOString();
    this.items.set(key, { ...this.record(spec), createdDate: now, updatedDate: now });
    if (this.dropNextCreateAnswer) {
      this.dropNextCreateAnswer = false;
      throw new ChatOpsError({ code: 'TRANSPORT_ERROR', message: 'connection reset' });
    }
    return { name: spec.name, createdDate: now, updatedDate: now };
  }

  async updateChatConfiguration(spec: ChatConfigurationSpec): Promise<ChatConfigurationStamp> {
    this.enter('update');
    const key = `${spec.regionId}/${spec.name}`;
    const existing = this.items.get(key);
    if (!existing) throw notFound(spec.name);
    const now = this.clock().toISOString();
    const next = { ...existing, ...this.record(spec), updatedDate: now };
    if (spec.ramRole === '') delete next.ramRole;
    this.items.set(key, next);
    return { name: spec.name, createdDate: existing.createdDate, updatedDate: now };
  }

  async getChatConfiguration(key: { regionId: string; name: string }): Promise<ChatConfiguration> {
    this.enter('get');
    const item = this.items.get(`${key.regionId}/${key.name}`);
    if (!item) throw notFound(key.name);
    const { regionId: _regionId, ...rest } = item;
    return {
      ...rest,
      configuration: Object.fromEntries(
        Object.entries(item.configuration).map(([k, v]) => [k, /secret/i.test(k) ? '******' : v]),
      ),
      outputs: { ...item.outputs },
    };
  }

  async deleteChatConfiguration(key: { regionId: string; name: string }): Promise<void> {
    this.enter('delete');
    if (!this.items.delete(`${key.regionId}/${key.name}`)) throw notFound(key.name);
  }

  /** One page holding every configuration of the region (the service's documented shape). */
  async listChatConfigurations(req: {
    regionId: string;
  }): Promise<{ items: ChatConfigurationListItem[]; requestId: string }> {
    this.enter('list');
    const items = [...this.items.values()]
      .filter((item) => item.regionId === req.regionId)
      .map((item) => ({
        name: item.name,
        type: item.type,
        ...(item.ramRole ? { ramRole: item.ramRole } : {}),
        outputs: { ...item.outputs },
        ...(item.createdDate ? { createdDate: item.createdDate } : {}),
        ...(item.updatedDate ? { updatedDate: item.updatedDate } : {}),
      }));
    return { items, requestId: 'list-request' };
  }

  /** The client's own walk over {@link listChatConfigurations}. */
  listAllChatConfigurations(req: { regionId: string }): Promise<ChatConfigurationListing> {
    return OosClient.prototype.listAllChatConfigurations.call(this as unknown as OosClient, req);
  }

  private enter(operation: string): void {
    this.calls.push(operation);
    const queue = this.failures.get(operation);
    const error = queue?.shift();
    if (error !== undefined) throw error;
  }

  private record(spec: ChatConfigurationSpec): ChatConfiguration & { regionId: string } {
    return {
      regionId: spec.regionId,
      name: spec.name,
      type: spec.type,
      ...(spec.ramRole ? { ramRole: spec.ramRole } : {}),
      resourceGroupId: spec.resourceGroupId ?? 'rg-default',
      configuration: { ...spec.configuration },
      outputs:
        spec.type === 'WeChat'
          ? { URL: `https://1.appflow.aliyunnest.com/webhook/${spec.name}`, AesKey: 'aes-key-1' }
          : { URL: `https://1.appflow.aliyunnest.com/webhook/${spec.name}` },
    };
  }
}

function notFound(name: string): ChatOpsError {
  return new ChatOpsError({
    code: 'NOT_FOUND',
    message: `${name} not found`,
    remoteCode: 'EntityNotExists.ChatConfiguration',
    requestId: 'get-request',
    operation: 'oos:GetChatConfiguration',
  });
}
