import { z } from 'zod';
import { adoptSchema } from '../../lifecycle/adopt';
import { type CheckOutcome, checkInputs } from '../../lifecycle/check';
import type { DiffSpec } from '../../lifecycle/diff';
import { sortLocaleMap } from './plugin-name';
import { canonicalPlugins } from './wire';

/** The type name the stubs send; the type token is `pulumi-nodejs:dynamic/chatops:RobotPlugin`. */
export const ROBOT_PLUGIN_TYPE = 'RobotPlugin';

/** Nothing of a plugin list is secret. */
export const ROBOT_PLUGIN_SECRET_INPUTS = [] as const;
export const ROBOT_PLUGIN_SECRET_OUTPUTS: string[] = [];
/** The plugin list is all there is: no output beyond the inputs. */
export const ROBOT_PLUGIN_OUTPUT_ONLY: string[] = [];

/** Locale keys as DingTalk writes them: `en_US`, `zh_CN`, `zh_TW`, `ja_JP`. */
const LOCALE_KEY = /^[a-z]{2,3}(_[A-Za-z0-9]{2,8})*$/;

function isUrl(value: string): boolean {
  try {
    new URL(value);
    return true;
  } catch {
    return false;
  }
}

const localeMap = z
  .record(
    z.string().regex(LOCALE_KEY, { error: 'locale keys look like en_US or zh_CN' }),
    z.string({ error: 'must be a string' }).min(1, { error: 'must not be empty' }),
    { error: 'must be a string or a locale map such as { en_US: "...", zh_CN: "..." }' },
  )
  .refine((map) => Object.keys(map).length > 0, { error: 'needs at least one locale' })
  .transform(sortLocaleMap);

const url = z
  .string({ error: 'must be a URL string' })
  .refine(isUrl, { error: 'must be an absolute URL (scheme included)' });

const plugin = z.object(
  {
    name: z.union([z.string().min(1, { error: 'must not be empty' }), localeMap], {
      error: 'must be a non-empty string or a locale map such as { en_US: "...", zh_CN: "..." }',
    }),
    icon: z
      .string({ error: 'must be a DingTalk media id (a string such as @lALPDtXaDkO3j7hgYA)' })
      .min(1, { error: 'must be a non-empty DingTalk media id' }),
    pcUrl: url.optional(),
    mobileUrl: url.optional(),
  },
  { error: 'must be an object { name, icon, pcUrl?, mobileUrl? }' },
);

/**
 * Validates and normalises the inputs of a `RobotPlugin`: the plugin list keeps its order
 * (it is the order of the quick entries in the chat), locale maps get their keys sorted.
 */
const robotPluginInputs = z.object({
  robotCode: z
    .string({ error: 'must be the robot code (a string)' })
    .regex(/^\S+$/, { error: 'must be a non-empty robot code without whitespace' }),
  plugins: z.array(plugin, { error: 'must be a list of plugins' }).default([]),
  adopt: adoptSchema,
});

/** The input schema (no default depends on provider settings). */
export function robotPluginInputSchema() {
  return robotPluginInputs;
}

/** `check` of a `RobotPlugin`: offline validation and normalisation. */
export function checkRobotPluginInputs(news: unknown): CheckOutcome {
  return checkInputs(robotPluginInputs, news);
}

export const robotPluginDiffSpec: DiffSpec = {
  fields: {
    // Plugins belong to one robot: another robot is another object.
    robotCode: { replace: true },
    // Ordered: the order is the order of the entries in the chat. Compared in wire form, so
    // a locale map equals the same map in any key order, and an absent URL equals ''.
    plugins: { normalize: (value) => (Array.isArray(value) ? canonicalPlugins(value) : value) },
  },
};

/** Inputs after `check`. */
export type RobotPluginInputs = z.output<typeof robotPluginInputs>;

/** Outputs: the inputs, as applied or read. */
export type RobotPluginOutputs = RobotPluginInputs;
