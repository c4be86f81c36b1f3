import { z } from 'zod';
import { adoptSchema } from '../lifecycle/adopt';
import type { DiffSpec } from '../lifecycle/diff';

/** One `ConfigList` entry: which events notify, with filter items. */
export interface NotificationConfigEntry {
  type: string;
  items: Array<{ key: string; values: string[] }>;
}

/** Inputs after `check`: defaults applied (see `SecurityCenterDingTalkNotificationArgs`). */
export interface SecurityCenterDingTalkNotificationInputs {
  name: string;
  webhookUrl: string;
  intervalTime: number;
  language: 'zh' | 'en';
  groupIds: string[];
  config: NotificationConfigEntry[];
  enabled: boolean;
  regionId: string;
  adopt: boolean;
}

export interface SecurityCenterDingTalkNotificationOutputs extends SecurityCenterDingTalkNotificationInputs {
  notificationId: number;
  createdDate?: string;
  updatedDate?: string;
}

export const NOTIFICATION_SECRET_INPUTS = ['webhookUrl'] as const;
export const NOTIFICATION_SECRET_OUTPUTS: string[] = [...NOTIFICATION_SECRET_INPUTS];
export const NOTIFICATION_OUTPUT_ONLY = ['notificationId', 'createdDate', 'updatedDate'];

/**
 * Security Center has two endpoints: mainland China (`tds.cn-shanghai`) and everything else
 * (`tds.ap-southeast-1`), reference/apis.md 1b. Without a region anywhere, mainland.
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

export function notificationSchema(defaultRegion: string | undefined): z.ZodObject {
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
