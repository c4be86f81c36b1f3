import * as pulumi from '@pulumi/pulumi';
import { z } from 'zod';
import { createClients } from '../../clients';
import { LIST_PAGE_SIZE, type ChatType, type OosClient } from '../../clients/alicloud/oos';
import type { ProviderSettings } from '../../config/settings';
import { ChatOpsError } from '../../errors';
import { checkInputs } from '../../lifecycle/check';
import { settingsFromStackConfig, settingsWithEnv } from '../../lifecycle/settings-store';

/** Arguments of {@link getChatConfigurations}. */
export interface GetChatConfigurationsArgs {
  /**
   * Region to list, such as `cn-hangzhou`. Default: the stack config `alicloud:region`, else
   * the `ALIBABA_CLOUD_REGION` environment variable.
   */
  regionId?: string;
  /**
   * Filters passed to `ListChatConfigurations` as `Filters.N.Name` / `Filters.N.Value`
   * (the OOS documentation shows names such as `type` and `status`). Default: none.
   */
  filters?: {
    /** Filter name, such as `type`. */
    name: string;
    /** Value the filter selects, such as `DingTalk`. */
    value: string;
  }[];
  /** Page size asked of OOS (`MaxResults`, 1 to 100); every page is fetched. Default: 100. */
  maxResults?: number;
}

/** Options of {@link getChatConfigurations}. */
export interface GetChatConfigurationsOptions {
  /**
   * Settings that win over stack config and environment (endpoints, credentials, tuning).
   * Default: none (stack config, then the environment).
   */
  settings?: ProviderSettings;
}

/** One chat configuration as listed (OOS lists neither settings nor resource group). */
export interface ChatConfigurationSummary {
  /** Name of the configuration (unique in its region). */
  name: string;
  /** `DingTalk` or `WeChat`. */
  type: ChatType;
  /** RAM role OOS assumes for the configuration, if any. */
  ramRole?: string;
  /**
   * Webhook URL of the bot (`Outputs.URL`), as a secret Output: whoever holds it can send
   * commands into the ChatOps flow, so it stays encrypted wherever the program passes it
   * (stack outputs, other resources). Read it in clear with `pulumi.unsecret(...)` or inside
   * `.apply(...)`. The WeCom AES key is not returned here.
   */
  webhookUrl?: pulumi.Output<string>;
  /** Creation time, as OOS reports it. */
  createdDate?: string;
  /** Last modification time, as OOS reports it. */
  updatedDate?: string;
}

/** What {@link getChatConfigurations} returns. */
export interface GetChatConfigurationsResult {
  /** The region that was listed. */
  regionId: string;
  /** Every chat configuration of the region that the filters select, in the order OOS lists them. */
  items: ChatConfigurationSummary[];
}

function argsSchema(defaultRegion: string | undefined) {
  const region = z
    .string({
      error: (issue) =>
        issue.input === undefined
          ? 'is required: pass regionId, or set alicloud:region (ALIBABA_CLOUD_REGION)'
          : 'must be a string',
    })
    .regex(/^[a-z]{2,}(-[a-z0-9]+)+$/, 'must be a region id such as cn-hangzhou');
  return z.object({
    regionId: defaultRegion === undefined ? region : region.default(defaultRegion),
    filters: z.array(z.object({ name: z.string().min(1), value: z.string() }).strict()).optional(),
    maxResults: z.number().int().min(1).max(100).optional(),
  });
}

/**
 * Lists the OOS chat configurations of a region, for use in a Pulumi program (or any
 * script). Follows `NextToken` when the service returns one (its documented response has
 * none, so usually one call). A full page without a NextToken may have been cut short: the
 * items are returned, with a warning naming the region. Credentials: `options.settings`, else the stack config
 * (`alicloud:accessKey`, `alicloud:secretKey`, `chatops:oosEndpoint`, ...), else the
 * environment (`ALIBABA_CLOUD_ACCESS_KEY_ID`, ...). RAM action: `oos:ListChatConfigurations`.
 */
export async function getChatConfigurations(
  args: GetChatConfigurationsArgs = {},
  options: GetChatConfigurationsOptions = {},
): Promise<GetChatConfigurationsResult> {
  const fromStack = settingsFromStackConfig({ get: (key) => pulumi.runtime.getConfig(key) });
  const settings = settingsWithEnv({
    ...fromStack,
    settings: { ...fromStack.settings, ...definedOnly(options.settings ?? {}) },
  });

  const { inputs, failures } = checkInputs(argsSchema(settings.region), args);
  if (failures.length > 0) {
    throw new ChatOpsError({
      code: 'INVALID_INPUT',
      message: `getChatConfigurations: ${failures.map((f) => f.reason).join('; ')}`,
    });
  }
  const request = inputs as { regionId: string } & Pick<
    GetChatConfigurationsArgs,
    'filters' | 'maxResults'
  >;

  const clients = createClients(() => settings);
  try {
    return { regionId: request.regionId, items: await listAll(clients.oos, request) };
  } finally {
    await clients.close();
  }
}

async function listAll(
  oos: OosClient,
  request: { regionId: string } & Pick<GetChatConfigurationsArgs, 'filters' | 'maxResults'>,
): Promise<ChatConfigurationSummary[]> {
  const listing = await oos.listAllChatConfigurations({
    regionId: request.regionId,
    ...(request.filters ? { filters: request.filters } : {}),
    ...(request.maxResults !== undefined ? { pageSize: request.maxResults } : {}),
  });
  if (!listing.complete) {
    void pulumi.log.warn(
      `getChatConfigurations: the listing of ${request.regionId} may be incomplete: a page came ` +
        `back full (${request.maxResults ?? LIST_PAGE_SIZE} items) without a NextToken, so OOS ` +
        `may hold more than the ${listing.items.length} returned.`,
    );
  }
  return listing.items.map((item) => ({
    name: item.name,
    type: item.type,
    ...(item.ramRole ? { ramRole: item.ramRole } : {}),
    ...(item.outputs.URL !== undefined ? { webhookUrl: pulumi.secret(item.outputs.URL) } : {}),
    ...(item.createdDate !== undefined ? { createdDate: item.createdDate } : {}),
    ...(item.updatedDate !== undefined ? { updatedDate: item.updatedDate } : {}),
  }));
}

function definedOnly(settings: ProviderSettings): ProviderSettings {
  return Object.fromEntries(
    Object.entries(settings).filter(([, value]) => value !== undefined),
  ) as ProviderSettings;
}
