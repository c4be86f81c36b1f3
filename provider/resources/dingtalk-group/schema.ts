import { z } from 'zod';
import { adoptSchema } from '../../lifecycle/adopt';
import {
  type CheckFailure,
  type CheckOutcome,
  type CrossFieldRule,
  checkInputs,
} from '../../lifecycle/check';
import type { DiffSpec } from '../../lifecycle/diff';
import type { PropertyBag } from '../../lifecycle/lifecycle';
import { containsUnknown } from '../../lifecycle/unknown';
import { MAX_GROUP_MEMBERS, effectiveMembers, sortedUnique } from './members';
import { type GroupSettings, defaultGroupSettings, groupSettingNames } from './settings';

/** The type name the stubs send; the type token is `pulumi-nodejs:dynamic/chatops:DingTalkGroup`. */
export const DINGTALK_GROUP_TYPE = 'DingTalkGroup';

/** Nothing of a group is secret. */
export const DINGTALK_GROUP_SECRET_INPUTS = [] as const;
export const DINGTALK_GROUP_SECRET_OUTPUTS: string[] = [];

/** `chat/create` accepts a group name of 1 to 20 characters. */
export const GROUP_NAME_MAX_CHARACTERS = 20;

export const memberPolicies = ['authoritative', 'additive'] as const;
/**
 * `authoritative` (the declared members are the whole group) or `additive` (people who joined
 * on their own stay).
 *
 * @inline
 */
export type MemberPolicy = (typeof memberPolicies)[number];

export const deletionPolicies = ['retain', 'removeMembers'] as const;
/**
 * `retain` (leave the group as it is) or `removeMembers` (remove everyone but the owner).
 *
 * @inline
 */
export type DeletionPolicy = (typeof deletionPolicies)[number];

/** Characters as a person counts them (code points), not UTF-16 units. */
function characterCount(text: string): number {
  return Array.from(text).length;
}

const userId = z.string({ error: 'must be a DingTalk user id (a string)' }).regex(/^\S{1,64}$/, {
  error: 'must be a DingTalk user id: 1 to 64 characters, no whitespace',
});

const chatId = z
  .string({ error: 'must be a DingTalk chatId (a string)' })
  .regex(/^\S+$/, { error: 'must be a non-empty DingTalk chatId without whitespace' });

const groupName = z
  .string({ error: `must be a string of 1 to ${GROUP_NAME_MAX_CHARACTERS} characters` })
  .refine(
    (name) => characterCount(name) >= 1 && characterCount(name) <= GROUP_NAME_MAX_CHARACTERS,
    { error: `must be 1 to ${GROUP_NAME_MAX_CHARACTERS} characters long` },
  )
  .refine((name) => name.length === 0 || name.trim().length > 0, { error: 'must not be blank' });

const flag = (name: keyof GroupSettings) =>
  z.boolean({ error: 'must be true or false' }).default(defaultGroupSettings[name]);

/**
 * The inputs of a `DingTalkGroup`, field by field, defaults included. `members` comes out
 * sorted and without duplicates; {@link withOwnerAsMember} then adds the owner, a rule
 * that spans two fields.
 */
const dingTalkGroupInputs = z.object({
  name: groupName,
  owner: userId,
  members: z
    .array(userId, { error: 'must be a list of DingTalk user ids' })
    .default([])
    .transform((ids) => sortedUnique(ids)),
  memberPolicy: z
    .enum(memberPolicies, { error: "must be 'authoritative' or 'additive'" })
    .default('authoritative'),
  newMembersSeeHistory: flag('newMembersSeeHistory'),
  searchable: flag('searchable'),
  joinRequiresApproval: flag('joinRequiresApproval'),
  mentionAllOwnerOnly: flag('mentionAllOwnerOnly'),
  managementOwnerOnly: flag('managementOwnerOnly'),
  allMuted: flag('allMuted'),
  deletionPolicy: z
    .enum(deletionPolicies, { error: "must be 'retain' or 'removeMembers'" })
    .default('retain'),
  chatId: chatId.optional(),
  adopt: adoptSchema,
});

/** The input schema (no default depends on provider settings). */
export function dingTalkGroupInputSchema() {
  return dingTalkGroupInputs;
}

/** Inputs after `check`: every default applied, `members` sorted, unique, owner included. */
export type DingTalkGroupInputs = z.output<typeof dingTalkGroupInputs>;

/** What DingTalk decides: outputs that are not inputs. */
const outputOnlySchema = z.object({
  chatId: z.string(),
  /** `chat/create` returns it; `chat/get` does not, so an adopted group has none. */
  openConversationId: z.string().nullable(),
  memberCount: z.number(),
  /** The clientId of the DingTalk app whose "gone" answers this group trusts. */
  appClientId: z.string().optional(),
});
export const DINGTALK_GROUP_OUTPUT_ONLY = Object.keys(outputOnlySchema.shape);

/** Outputs: every input plus what DingTalk decides. */
export type DingTalkGroupOutputs = DingTalkGroupInputs & z.output<typeof outputOnlySchema>;

export const dingTalkGroupDiffSpec: DiffSpec = {
  fields: {
    name: {},
    owner: {},
    members: { set: true },
    memberPolicy: {},
    ...Object.fromEntries(groupSettingNames.map((name) => [name, {}])),
    deletionPolicy: {},
    // Set only to adopt a group: unset means "whichever group DingTalk created"; another
    // chatId is another group.
    chatId: { replace: true, serverDefault: true },
  },
};

function knownStrings(value: unknown): string[] | undefined {
  if (!Array.isArray(value)) return undefined;
  return value.filter((item): item is string => typeof item === 'string' && !containsUnknown(item));
}

/** A group holds at most 1000 members, the owner included (DingTalk errcode 34014). */
const memberLimit: CrossFieldRule = (inputs) => {
  const members = knownStrings(inputs.members);
  if (members === undefined) return [];
  const owner =
    typeof inputs.owner === 'string' && !containsUnknown(inputs.owner) ? inputs.owner : undefined;
  const count =
    owner === undefined ? sortedUnique(members).length : effectiveMembers(owner, members).length;
  if (count <= MAX_GROUP_MEMBERS) return [];
  return [
    {
      property: 'members',
      reason: `members: a DingTalk group holds at most ${MAX_GROUP_MEMBERS} members, the owner included; got ${count}`,
    },
  ];
};

/** Groups have no unique name: the only identity DingTalk offers for adoption is chatId. */
const adoptionNeedsChatId: CrossFieldRule = (inputs): CheckFailure[] =>
  inputs.adopt === true && inputs.chatId === undefined
    ? [
        {
          property: 'chatId',
          reason:
            'chatId: is required with adopt: true (a group can only be adopted by its chatId)',
        },
      ]
    : [];

export const dingTalkGroupCrossFieldRules: CrossFieldRule[] = [memberLimit, adoptionNeedsChatId];

/**
 * The owner always counts as a member: checked inputs list it in `members`, so the stored
 * inputs, the live member list and the diff all speak of the same set. Left alone while
 * either field is still unknown (preview).
 */
export function withOwnerAsMember(inputs: PropertyBag): PropertyBag {
  const { owner, members } = inputs;
  if (typeof owner !== 'string' || containsUnknown(owner) || !Array.isArray(members)) return inputs;
  // Members that failed validation (not all strings) are left for the failures to report.
  if (containsUnknown(members) || !members.every((m) => typeof m === 'string')) return inputs;
  return { ...inputs, members: effectiveMembers(owner, members as string[]) };
}

/** `check` of a `DingTalkGroup`: offline validation, defaults, the owner counted as a member. */
export function checkDingTalkGroupInputs(news: unknown): CheckOutcome {
  const outcome = checkInputs(dingTalkGroupInputs, news, dingTalkGroupCrossFieldRules);
  return { ...outcome, inputs: withOwnerAsMember(outcome.inputs) };
}
