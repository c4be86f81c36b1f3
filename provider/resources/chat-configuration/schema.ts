import { z } from 'zod';
import { CHAT_TYPES } from '../../clients/alicloud/oos';
import { adoptSchema } from '../../lifecycle/adopt';
import type { CheckFailure, CrossFieldRule } from '../../lifecycle/check';
import type { SchemaDefaults } from '../../lifecycle/define';
import type { DiffSpec } from '../../lifecycle/diff';
import { isUnknown } from '../../lifecycle/unknown';

/** The type name the provider stubs send; the token is `pulumi-nodejs:dynamic/chatops:ChatConfiguration`. */
export const CHAT_CONFIGURATION_TYPE = 'ChatConfiguration';

/** Fields that are secret in inputs, outputs and state. */
export const CHAT_CONFIGURATION_SECRET_INPUTS = ['clientSecret', 'weComSettings'] as const;
/**
 * The webhook URL is secret too: anyone holding it can post commands into the ChatOps flow,
 * as anyone holding the AES key can read WeCom callbacks.
 */
export const CHAT_CONFIGURATION_SECRET_OUTPUTS = [
  ...CHAT_CONFIGURATION_SECRET_INPUTS,
  'aesKey',
  'webhookUrl',
];

/** What OOS computes: outputs that are not inputs. */
const outputOnlySchema = z.object({
  webhookUrl: z.string().optional(),
  aesKey: z.string().optional(),
  createdDate: z.string().optional(),
  updatedDate: z.string().optional(),
  /** The Alibaba Cloud account the configuration lives in (the account guard). */
  accountId: z.string().optional(),
});
export const CHAT_CONFIGURATION_OUTPUT_ONLY = Object.keys(outputOnlySchema.shape);

const DINGTALK_FIELDS = ['clientId', 'clientSecret', 'templateId'] as const;

/**
 * OOS does not publish its limits for chat configurations; a name is kept to what any
 * console accepts (printable, at most 200 characters) so a typo fails in preview rather
 * than half way through an update.
 */
export function chatConfigurationInputSchema({ region: defaultRegion }: SchemaDefaults) {
  const region = z
    .string({
      error: (issue) =>
        issue.input === undefined
          ? 'is required: set regionId, or the stack config alicloud:region (ALIBABA_CLOUD_REGION)'
          : 'must be a string',
    })
    .regex(/^[a-z]{2,}(-[a-z0-9]+)+$/, 'must be a region id such as cn-hangzhou');
  return z.object({
    name: z
      .string()
      .min(1, 'must be 1 to 200 printable characters')
      .max(200, 'must be 1 to 200 printable characters')
      .refine(
        (name) => [...name].every((c) => c.charCodeAt(0) >= 0x20 && c.charCodeAt(0) !== 0x7f),
        'must be 1 to 200 printable characters',
      ),
    type: z.enum(CHAT_TYPES).default('DingTalk'),
    regionId: defaultRegion === undefined ? region : region.default(defaultRegion),
    ramRole: z.string().min(1).max(256).optional(),
    resourceGroupId: z
      .string()
      .regex(/^rg-[A-Za-z0-9]+$/, 'must be a resource group id such as rg-acfmxxxxxxxxxxx')
      .optional(),
    clientId: z.string().min(1).max(256).optional(),
    clientSecret: z.string().min(1).max(512).optional(),
    templateId: z.string().min(1).max(256).optional(),
    weComSettings: z
      .record(
        z
          .string()
          .min(1)
          .max(128)
          // A plain object cannot hold this key (assigning it sets the prototype).
          .refine((key) => key !== '__proto__', 'a setting may not be named __proto__'),
        z.string(),
      )
      .refine((map) => Object.keys(map).length > 0, 'must hold at least one setting')
      .optional(),
    adopt: adoptSchema,
  });
}

/**
 * The DingTalk settings belong to `type: DingTalk`, the WeCom map to `type: WeChat`. An
 * unknown value may turn out set or unset, so it is never blamed either way.
 */
export const chatConfigurationCrossFieldRules: CrossFieldRule[] = [
  (inputs) => {
    const type = inputs.type;
    if (isUnknown(type)) return [];
    const failures: CheckFailure[] = [];
    const isSet = (field: string) => inputs[field] !== undefined && !isUnknown(inputs[field]);
    const isUnset = (field: string) => inputs[field] === undefined;
    const wanted = type === 'DingTalk' ? DINGTALK_FIELDS : (['weComSettings'] as const);
    const unwanted = type === 'DingTalk' ? (['weComSettings'] as const) : DINGTALK_FIELDS;
    for (const field of wanted) {
      if (isUnset(field)) {
        failures.push({ property: field, reason: `${field}: is required when type is ${type}` });
      }
    }
    for (const field of unwanted) {
      if (isSet(field)) {
        const instead =
          type === 'DingTalk'
            ? 'use clientId, clientSecret and templateId'
            : 'put WeCom settings in weComSettings';
        failures.push({
          property: field,
          reason: `${field}: only allowed when type is ${type === 'DingTalk' ? 'WeChat' : 'DingTalk'}; ${instead}`,
        });
      }
    }
    return failures;
  },
];

/**
 * Removing `ramRole` from a configuration that keeps its identity would need a value that
 * clears the role, and no source documents one: the published model of
 * UpdateChatConfiguration describes no field, the SDK sends whatever string it is given, and
 * whether an empty `RamRole` clears the role, is refused or is ignored is not said anywhere
 * (docs/wire-facts.md). So the removal fails at preview, saying what works instead. A
 * replacement (a new name, region or type) creates the new configuration without a role and
 * needs no such value.
 */
export const chatConfigurationChangeRules = [
  (olds: Record<string, unknown>, news: Record<string, unknown>): CheckFailure[] => {
    const hadRole = typeof olds.ramRole === 'string' && olds.ramRole !== '';
    const dropsRole = news.ramRole === undefined || news.ramRole === '';
    const replaced = ['name', 'regionId', 'type'].some(
      (field) => isUnknown(news[field]) || news[field] !== olds[field],
    );
    if (!hadRole || !dropsRole || replaced) return [];
    return [
      {
        property: 'ramRole',
        reason:
          `ramRole: cannot be removed from an existing configuration (it is ${String(olds.ramRole)}): ` +
          'no Alibaba Cloud source documents how UpdateChatConfiguration clears a role. Keep ' +
          'the role or set another one, or replace the configuration (`pulumi up --replace ' +
          '<urn>`, or a new name) to create it without a role.',
      },
    ];
  },
];

/**
 * Name and region are the identity of a configuration and the type decides its settings:
 * OOS cannot change them in place. A type change keeps the name, and names are unique per
 * region, so the old configuration must go first.
 */
export const chatConfigurationDiffSpec: DiffSpec = {
  fields: {
    name: { replace: true },
    regionId: { replace: true },
    type: { replace: true },
    ramRole: {},
    resourceGroupId: { serverDefault: true },
    clientId: {},
    clientSecret: {},
    templateId: {},
    weComSettings: {},
  },
  deleteBeforeReplace: (replaces) => !replaces.includes('name') && !replaces.includes('regionId'),
};

/** Inputs after `check`: defaults applied (see `ChatConfigurationArgs` for the docs). */
export type ChatConfigurationInputs = z.output<ReturnType<typeof chatConfigurationInputSchema>>;

/** Outputs: every input plus what OOS computes. */
export type ChatConfigurationOutputs = ChatConfigurationInputs & z.output<typeof outputOnlySchema>;
