import fc from 'fast-check';
import { type InputModel, notString } from './input-model';

/** A DingTalk user id as the group resource accepts it. */
export const userId = fc.stringMatching(/^[A-Za-z0-9_-]{1,16}$/);
/** The group's six boolean settings. */
export const FLAGS = [
  'newMembersSeeHistory',
  'searchable',
  'joinRequiresApproval',
  'mentionAllOwnerOnly',
  'managementOwnerOnly',
  'allMuted',
] as const;

const valid = fc.record(
  {
    name: fc.string({ minLength: 1, maxLength: 20 }).filter((s) => s.trim().length > 0),
    owner: userId,
    members: fc.array(userId, { maxLength: 60 }),
    memberPolicy: fc.constantFrom('authoritative', 'additive'),
    ...Object.fromEntries(FLAGS.map((flag) => [flag, fc.boolean()])),
    deletionPolicy: fc.constantFrom('retain', 'removeMembers'),
    chatId: fc.stringMatching(/^chat[a-f0-9]{8,32}$/),
    // Adopting needs a chatId (a rule across fields): the valid bags never adopt.
    adopt: fc.constant(false),
  },
  { requiredKeys: ['name', 'owner'] },
);

const flagField = { absent: 'optional' as const, invalid: fc.oneof(fc.integer(), fc.string()) };

/** `DingTalkGroup`: name, owner, members, policies and the six settings. */
export const dingTalkGroupModel: InputModel = {
  type: 'DingTalkGroup',
  valid,
  fields: {
    name: {
      absent: 'required',
      invalid: fc.oneof(
        fc.constant(''),
        fc.string({ minLength: 21, maxLength: 40 }).filter((s) => Array.from(s).length > 20),
        fc.constantFrom('  ', '\t', '\n'),
        notString,
      ),
    },
    owner: {
      absent: 'required',
      invalid: fc.oneof(fc.constantFrom('', 'a b', ' x', 'x'.repeat(65)), notString),
    },
    members: {
      absent: 'optional',
      invalid: fc.oneof(
        fc.string(),
        fc.integer(),
        fc.constantFrom([1], ['ok', ''], ['ok', 'with space'], [null]),
      ),
    },
    memberPolicy: {
      absent: 'optional',
      invalid: fc.oneof(
        fc.string().filter((s) => s !== 'authoritative' && s !== 'additive'),
        fc.integer(),
      ),
    },
    ...Object.fromEntries(FLAGS.map((flag) => [flag, flagField])),
    deletionPolicy: {
      absent: 'optional',
      invalid: fc.string().filter((s) => s !== 'retain' && s !== 'removeMembers'),
    },
    chatId: { absent: 'optional', invalid: fc.oneof(fc.constantFrom('', 'has space'), notString) },
    adopt: { absent: 'optional', invalid: fc.oneof(fc.string(), fc.integer()) },
  },
  crossFieldViolations: fc.oneof(
    // More than 1000 members, the owner included (DingTalk errcode 34014).
    fc.tuple(valid, fc.integer({ min: 1001, max: 1100 })).map(([news, count]) => ({
      news: { ...news, members: Array.from({ length: count }, (_, i) => `member${i}`) },
      blamed: 'members',
    })),
    // Adopting without a chatId: a group has no other identity.
    valid.map((news) => {
      const copy: Record<string, unknown> = { ...news, adopt: true };
      delete copy.chatId;
      return { news: copy, blamed: 'chatId' };
    }),
  ),
};
