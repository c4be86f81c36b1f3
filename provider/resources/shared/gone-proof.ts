import { ChatOpsError, isChatOpsError } from '../../errors';

/** What a listing of the object's account and region said of the object. */
export interface ListingVerdict {
  /** The listing shows the object. */
  listed: boolean;
  /** The walk ended on the service's own word (see the clients' listings): only then does absence prove anything. */
  complete: boolean;
  requestId?: string;
}

/** The object a claim is about, as messages name it. */
export interface ClaimSubject {
  /** e.g. `OOS chat configuration`. */
  what: string;
  /** The resource id. */
  id: string;
  /** The listing that decides, e.g. `oos:ListChatConfigurations of cn-hangzhou`. */
  listing: string;
  /**
   * Whether state records the account the object lives in. Without a record (state written by
   * an earlier release) no listing proves anything: it may be another account's.
   */
  accountRecorded: boolean;
}

/** `oos:GetChatConfiguration answered HTTP 404 EntityNotExists.ChatConfiguration (RequestId …)`. */
export function describeClaim(claim: ChatOpsError): string {
  const parts = [
    claim.httpStatus !== undefined ? `HTTP ${claim.httpStatus}` : undefined,
    claim.remoteCode,
    claim.requestId !== undefined ? `(RequestId ${claim.requestId})` : undefined,
  ].filter((part): part is string => part !== undefined);
  return `${claim.operation ?? 'the service'} answered ${parts.length > 0 ? parts.join(' ') : 'that it does not exist'}`;
}

/**
 * Confirms a "does not exist" claim (a not-found answer in any spelling) with a listing of the
 * same account and region, the only sound proof of absence: no source publishes the code the
 * services answer for these objects, and look-alike answers (a wrong endpoint, a product not
 * offered) must never lose an object that exists. Resolves with the listing's RequestId when
 * the object is absent from a complete listing; otherwise fails with GONE_UNPROVEN, carrying
 * the claim's remote code and RequestId, so that the operation fails and state is kept.
 */
export async function proveGone(
  subject: ClaimSubject,
  claim: ChatOpsError,
  list: () => Promise<ListingVerdict>,
): Promise<string | undefined> {
  const said = `${subject.what} ${subject.id}: ${describeClaim(claim)}`;
  const unproven = (why: string) =>
    new ChatOpsError({
      code: 'GONE_UNPROVEN',
      message: `${said}, ${why} The stack keeps the resource and nothing was changed.`,
      ...(claim.remoteCode !== undefined ? { remoteCode: claim.remoteCode } : {}),
      ...(claim.requestId !== undefined ? { requestId: claim.requestId } : {}),
      ...(claim.operation !== undefined ? { operation: claim.operation } : {}),
      ...(claim.httpStatus !== undefined ? { httpStatus: claim.httpStatus } : {}),
    });
  if (!subject.accountRecorded) {
    throw unproven(
      'but the stack does not record which account the object lives in (it was written by an ' +
        'earlier release), so no listing can prove it gone. Run `pulumi refresh` with the ' +
        "credentials of the object's account while it exists, which records the account; if it " +
        'is gone for certain, remove it with `pulumi state delete <urn>`.',
    );
  }
  let verdict: ListingVerdict;
  try {
    verdict = await list();
  } catch (error) {
    const reason = isChatOpsError(error) || error instanceof Error ? error.message : String(error);
    throw unproven(`and ${subject.listing}, which would confirm it, failed: ${reason}`);
  }
  const listingId = verdict.requestId !== undefined ? ` (RequestId ${verdict.requestId})` : '';
  if (verdict.listed) {
    throw unproven(
      `but ${subject.listing}${listingId} still lists it: it exists. Check the region and ` +
        'endpoint settings; if they are right, report the answer.',
    );
  }
  if (!verdict.complete) {
    throw unproven(
      `and ${subject.listing}${listingId} lacks it, but that listing may be incomplete (a ` +
        'full page without a NextToken or TotalCount, or objects that moved during the walk). ' +
        'Run the operation again.',
    );
  }
  return verdict.requestId;
}

/**
 * What an update makes of a not-found claim: proven by the listing, it fails NOT_FOUND with the
 * advice to refresh (an update never creates the object again); unproven, GONE_UNPROVEN.
 */
export async function failUpdateOfGone(
  subject: ClaimSubject,
  claim: ChatOpsError,
  list: () => Promise<ListingVerdict>,
): Promise<never> {
  await proveGone(subject, claim, list);
  throw new ChatOpsError({
    code: 'NOT_FOUND',
    message:
      `${subject.what} ${subject.id} no longer exists (a complete listing lacks it); an update ` +
      'does not create it again. Run `pulumi refresh` to drop it from the stack, then ' +
      '`pulumi up` to create it anew.',
    ...(claim.remoteCode !== undefined ? { remoteCode: claim.remoteCode } : {}),
    ...(claim.requestId !== undefined ? { requestId: claim.requestId } : {}),
  });
}

/** The line printed when a refresh drops a resource, naming the proof. */
export function goneNotice(subject: ClaimSubject, how: string, listingRequestId?: string): string {
  return (
    `${subject.what} ${subject.id} no longer exists: ${how}, and ${subject.listing}` +
    `${listingRequestId !== undefined ? ` (RequestId ${listingRequestId})` : ''} does not ` +
    'list it. It leaves the stack.'
  );
}
