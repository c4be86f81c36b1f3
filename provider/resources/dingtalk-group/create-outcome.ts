import { isAmbiguousFailure } from '../shared/ambiguous-failure';

/**
 * `chat/create` is not idempotent and DingTalk has no API that lists groups (nor one that
 * dismisses them), so when the answer to a create is lost (a reset, a timeout, a 5xx other
 * than 503) nobody can tell from here whether the group exists. Creating again could make a
 * second group; so the create fails, and the message tells the user how to find out and
 * how to take the group over if it is there.
 */
export class GroupCreateOutcomeUnknown extends Error {
  constructor(name: string, owner: string, cause: Error) {
    super(
      `DingTalk group "${name}" may have been created: the answer to chat/create was lost ` +
        `(${cause.message.replace(/\.$/, '')}). DingTalk has no API that lists groups, so this cannot be checked ` +
        `automatically. Look in DingTalk for a group named "${name}" owned by ${owner}: if it ` +
        'is there, set chatId to its chatid and adopt: true on this resource, then run pulumi ' +
        'up again; if it is not, just run pulumi up again.',
    );
    this.name = 'GroupCreateOutcomeUnknown';
  }
}

/** The error to report for a failed `chat/create`. */
export function groupCreateError(name: string, owner: string, error: unknown): unknown {
  return isAmbiguousFailure(error) && error instanceof Error
    ? new GroupCreateOutcomeUnknown(name, owner, error)
    : error;
}
