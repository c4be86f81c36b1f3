import { ChatOpsError } from '../../errors';
import type { LifecycleContext } from '../../lifecycle/context';

/**
 * The account guard of the Alibaba Cloud resources. Each records the account it lives in (the
 * `accountId` output); a read, update or delete made with credentials of another account
 * fails before anything is read or trusted, because another account's empty listing proves
 * nothing about this one's objects (a switched profile, a wrong CI secret).
 *
 * Resolves with the account of this call's credentials, to be recorded in the outputs. State
 * without a record (an earlier release) passes: the operation records the account when it
 * finds the object, and never concludes "gone" meanwhile (gone-proof.ts).
 */
export async function guardAccount(
  ctx: LifecycleContext,
  recorded: unknown,
  subject: { what: string; id: string },
): Promise<string> {
  const current = await ctx.clients().alicloudIdentity.accountId();
  if (typeof recorded === 'string' && recorded !== '' && recorded !== current) {
    throw new ChatOpsError({
      code: 'WRONG_ACCOUNT',
      message:
        `${subject.what} ${subject.id} lives in Alibaba Cloud account ${recorded}, but the ` +
        `credentials of this run belong to account ${current}. Nothing was read or changed. ` +
        `Run with credentials of account ${recorded}: alicloud:accessKey and alicloud:secretKey ` +
        '(or ALIBABA_CLOUD_ACCESS_KEY_ID and ALIBABA_CLOUD_ACCESS_KEY_SECRET, alicloud:profile, ' +
        "the other credential settings), or the resource's `account` set of " +
        'chatops:alicloudAccounts.',
    });
  }
  return current;
}
