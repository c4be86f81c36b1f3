import { z } from 'zod';
import { WireError } from './wire-error';

/**
 * Answers that no vendor document settles, selectable per action: how a missing object is
 * answered, how DescribeDingTalk treats a large PageSize and whether it counts, whether
 * ListChatConfigurations pages, when a new notification shows up in listings. The defaults are
 * the emulator's own reading (README, "Where the vendors are silent"); a test picks another to
 * prove a client copes with every answer the real service might give. Set with the
 * `wireVariants` option, `emulator.setWireVariants(...)` or `PUT /_emulator/wire-variants`.
 */
export type NotFoundAction =
  | 'GetChatConfiguration'
  | 'UpdateChatConfiguration'
  | 'DeleteChatConfiguration'
  | 'DeleteDingTalk'
  | 'ModifyDingTalkStatus'
  | 'DingTalkOnlineTest'
  | 'CreateOrUpdateDingTalk';

/** `{status, code}`: that error (message "... does not exist."); 'ignore': success as if done (DeleteDingTalk's default). */
export type NotFoundAnswer = { status: number; code: string } | 'ignore';

export interface WireVariants {
  /** How each action answers for an object that does not exist. */
  notFound?: Partial<Record<NotFoundAction, NotFoundAnswer>>;
  /** DescribeDingTalk with a PageSize above `limit`: served as `limit` ('clamp', and PageInfo.PageSize says `limit`) or refused with 400 InvalidParam ('refuse'). */
  describeDingTalkPageSize?: { limit: number; mode: 'clamp' | 'refuse' };
  /** DescribeDingTalk leaves TotalCount out of PageInfo. */
  describeDingTalkOmitTotalCount?: boolean;
  /** ListChatConfigurations serves at most `cap` items a page (or MaxResults when smaller), with a NextToken to the rest when `nextToken` is true, or silently truncated when false. */
  listChatConfigurationsPage?: { cap: number; nextToken: boolean };
  /** GetChatConfiguration of a missing name answers HTTP 200 with no ChatConfiguration object (only RequestId). */
  getChatConfigurationEmptyWhenMissing?: boolean;
  /** A notification created by CreateOrUpdateDingTalk appears in DescribeDingTalk only this many milliseconds (emulator clock) after its creation. */
  notificationListingDelayMs?: number;
}

export const NOT_FOUND_ACTIONS = [
  'GetChatConfiguration',
  'UpdateChatConfiguration',
  'DeleteChatConfiguration',
  'DeleteDingTalk',
  'ModifyDingTalkStatus',
  'DingTalkOnlineTest',
  'CreateOrUpdateDingTalk',
] as const satisfies readonly NotFoundAction[];

const OOS_NOT_FOUND: NotFoundAnswer = { status: 404, code: 'EntityNotExists.ChatConfiguration' };
const SAS_NOT_FOUND: NotFoundAnswer = { status: 400, code: 'DingTalkNotExist' };

/** What the emulator answered before these were selectable (docs/wire-facts.md decisions). */
export const DEFAULT_NOT_FOUND: Readonly<Record<NotFoundAction, NotFoundAnswer>> = {
  GetChatConfiguration: OOS_NOT_FOUND,
  UpdateChatConfiguration: OOS_NOT_FOUND,
  DeleteChatConfiguration: OOS_NOT_FOUND,
  // Deleting is idempotent: unknown Ids are ignored.
  DeleteDingTalk: 'ignore',
  ModifyDingTalkStatus: SAS_NOT_FOUND,
  DingTalkOnlineTest: SAS_NOT_FOUND,
  CreateOrUpdateDingTalk: SAS_NOT_FOUND,
};

/** DescribeDingTalk's documented maximum PageSize, refused above. */
export const DEFAULT_DESCRIBE_DINGTALK_PAGE_SIZE = { limit: 100, mode: 'refuse' } as const;

const positiveInteger = z.number().int().positive();

const notFoundAnswerSchema = z.union([
  z.literal('ignore'),
  // An error answer: a client or server error status, never a success.
  z.object({ status: z.number().int().min(400).max(599), code: z.string().min(1) }).strict(),
]);

export const wireVariantsSchema = z
  .object({
    notFound: z.partialRecord(z.enum(NOT_FOUND_ACTIONS), notFoundAnswerSchema).optional(),
    describeDingTalkPageSize: z
      .object({ limit: positiveInteger, mode: z.enum(['clamp', 'refuse']) })
      .strict()
      .optional(),
    describeDingTalkOmitTotalCount: z.boolean().optional(),
    listChatConfigurationsPage: z
      .object({ cap: positiveInteger, nextToken: z.boolean() })
      .strict()
      .optional(),
    getChatConfigurationEmptyWhenMissing: z.boolean().optional(),
    notificationListingDelayMs: z.number().int().min(0).optional(),
  })
  .strict() satisfies z.ZodType<WireVariants>;

/** The variants in force: those of the options until replaced, and again after a reset. */
export class WireVariantSettings {
  private variants: WireVariants;

  constructor(private readonly initial: WireVariants = {}) {
    this.variants = wireVariantsSchema.parse(initial);
  }

  get current(): Readonly<WireVariants> {
    return this.variants;
  }

  snapshot(): WireVariants {
    return structuredClone(this.variants);
  }

  /** Replaces every variant (the control API's PUT); throws when the input is not valid. */
  replace(input: unknown): WireVariants {
    this.variants = wireVariantsSchema.parse(input);
    return this.snapshot();
  }

  /** Back to the variants of the options (`DELETE /_emulator/state`). */
  reset(): void {
    this.variants = wireVariantsSchema.parse(this.initial);
  }

  notFoundAnswer(action: NotFoundAction): NotFoundAnswer {
    return this.variants.notFound?.[action] ?? DEFAULT_NOT_FOUND[action];
  }

  /**
   * For an object that does not exist: throws the selected error with `message`, or returns
   * when the action is to succeed as if done (the caller then answers success, changing nothing).
   */
  answerMissing(action: NotFoundAction, message: string): void {
    const answer = this.notFoundAnswer(action);
    if (answer !== 'ignore') throw new WireError(answer.status, answer.code, message);
  }

  describeDingTalkPageSize(): { limit: number; mode: 'clamp' | 'refuse' } {
    return this.variants.describeDingTalkPageSize ?? DEFAULT_DESCRIBE_DINGTALK_PAGE_SIZE;
  }
}
