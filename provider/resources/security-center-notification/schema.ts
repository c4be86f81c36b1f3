import { z } from 'zod';
import { adoptSchema } from '../../lifecycle/adopt';
import type { SchemaDefaults } from '../../lifecycle/define';
import type { DiffSpec } from '../../lifecycle/diff';

/** The type name the provider stubs send. */
export const SECURITY_CENTER_DINGTALK_NOTIFICATION_TYPE = 'SecurityCenterDingTalkNotification';

export const NOTIFICATION_SECRET_INPUTS = ['webhookUrl'] as const;
export const NOTIFICATION_SECRET_OUTPUTS: string[] = [...NOTIFICATION_SECRET_INPUTS];

/** What Security Center computes: outputs that are not inputs. */
const outputOnlySchema = z.object({
  notificationId: z.number(),
  createdDate: z.string().optional(),
  updatedDate: z.string().optional(),
  /** The Alibaba Cloud account the notification lives in (the account guard). */
  accountId: z.string().optional(),
  /**
   * Set while a create the service accepted has not been seen in its listing: when that
   * create began. The next refresh, update or delete looks the notification up by it.
   */
  pendingCreateSince: z.string().optional(),
});
export const NOTIFICATION_OUTPUT_ONLY = Object.keys(outputOnlySchema.shape);

/**
 * Security Center has two endpoints: mainland China (`tds.cn-shanghai`) and everything else
 * (`tds.ap-southeast-1`), docs/wire-facts.md 1b. Without a region anywhere, mainland.
 */
export const DEFAULT_SECURITY_CENTER_REGION = 'cn-shanghai';

const WEBHOOK_RULE =
  'must be an https DingTalk robot webhook carrying its token, such as ' +
  'https://oapi.dingtalk.com/robot/send?access_token=...';

/** A DingTalk robot webhook: https, a DingTalk host, a non-empty `access_token`. */
function isDingTalkWebhook(value: string): boolean {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return false;
  }
  const host = url.hostname.toLowerCase();
  const dingtalkHost =
    host === 'dingtalk.com' ||
    host.endsWith('.dingtalk.com') ||
    host === 'dingtalk.io' ||
    host.endsWith('.dingtalk.io');
  return url.protocol === 'https:' && dingtalkHost && !!url.searchParams.get('access_token');
}

export function notificationInputSchema({ region: defaultRegion }: SchemaDefaults) {
  return z.object({
    name: z.string().min(2, 'must be 2 to 64 characters').max(64, 'must be 2 to 64 characters'),
    webhookUrl: z.string().refine(isDingTalkWebhook, WEBHOOK_RULE),
    intervalTime: z
      .number()
      .int('must be a whole number (0 means no minimum interval)')
      .min(0, 'must be 0 or more (0 means no minimum interval)')
      .default(0),
    language: z.enum(['zh', 'en']).default('zh'),
    groupIds: z
      .array(z.string().regex(/^\d+$/, 'must be a numeric asset group id such as "10417151"'))
      .transform((ids) => [...new Set(ids)])
      .default([]),
    config: z
      .array(
        z
          .object({
            type: z.string().min(1, 'must be a non-empty event type'),
            items: z
              .array(
                z
                  .object({
                    key: z.string().min(1, 'must be a non-empty key such as item_level'),
                    values: z.array(z.string()).min(1, 'must hold at least one value'),
                  })
                  .strict(),
              )
              .default([]),
          })
          .strict(),
      )
      .default([]),
    enabled: z.boolean().default(true),
    regionId: z
      .string()
      .regex(/^[a-z]{2,}(-[a-z0-9]+)+$/, 'must be a region id such as cn-shanghai')
      .default(defaultRegion ?? DEFAULT_SECURITY_CENTER_REGION),
    adopt: adoptSchema,
  });
}

/** Canonical form of `config`: the order of items and of values means nothing. */
export function normalizeConfig(value: unknown): unknown {
  if (!Array.isArray(value)) return value;
  return value.map((entry) => {
    if (entry === null || typeof entry !== 'object') return entry;
    const { type, items } = entry as { type: unknown; items: unknown };
    if (!Array.isArray(items)) return { type, items };
    const sorted = items
      .map((item) =>
        item !== null && typeof item === 'object' && Array.isArray(item.values)
          ? { key: item.key, values: [...item.values].sort() }
          : item,
      )
      .sort((a, b) => JSON.stringify(a).localeCompare(JSON.stringify(b)));
    return { type, items: sorted };
  });
}

/**
 * Everything can change in place (CreateOrUpdateDingTalk takes the Id; the status has its
 * own call) except the region, which picks the endpoint that holds the notification.
 */
export const notificationDiffSpec: DiffSpec = {
  fields: {
    name: {},
    webhookUrl: {},
    intervalTime: {},
    language: {},
    groupIds: { set: true },
    config: { set: true, normalize: normalizeConfig },
    enabled: {},
    regionId: { replace: true },
  },
};

/** Inputs after `check`: defaults applied (see `SecurityCenterDingTalkNotificationArgs`). */
export type SecurityCenterDingTalkNotificationInputs = z.output<
  ReturnType<typeof notificationInputSchema>
>;

/** Outputs: every input plus what Security Center computes. */
export type SecurityCenterDingTalkNotificationOutputs = SecurityCenterDingTalkNotificationInputs &
  z.output<typeof outputOnlySchema>;
