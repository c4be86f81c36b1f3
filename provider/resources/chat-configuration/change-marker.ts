import { parseRemoteDate } from '../../clients/alicloud/remote-date';

/**
 * OOS masks every secret setting on Get (`******`), so a secret changed in the console cannot
 * be seen by reading it. But OOS stamps every write with `UpdatedDate`, also in
 * ListChatConfigurations: the stamp of the provider's own last write, kept in state, tells
 * whether anyone wrote since.
 *
 * OOS writes the stamp two ways: with seconds and an offset on Get and List
 * (`2025-12-26T09:53:02+00:00`), with microseconds and no offset on Update
 * (`2025-12-23T10:16:37.178097`). Compared at the second, as Get and List give it.
 */
export type MarkerVerdict =
  /** Nobody wrote since the provider's own write. */
  | 'unchanged'
  /** Someone wrote after the provider's own write (and after LATE_COPY_WINDOW_MS). */
  | 'moved'
  /**
   * Cannot tell: no marker, an unreadable date, or a remote stamp in the very second of the
   * provider's own write (known to the sub-second), when another write in the rest of that
   * second would carry the same stamp. The configuration is then read in full.
   */
  | 'unknown';

/**
 * How long after the provider's own write a later stamp may still be that write's own late
 * copy: a request that timed out on the client and was sent again can still land afterwards,
 * as a second write of the same values. The default request timeout is 10 s. A stamp that
 * moved by less than this is read in full, but not taken as a change of what OOS masks.
 */
export const LATE_COPY_WINDOW_MS = 10_000;

export function compareMarker(
  ownWrite: string | undefined,
  remote: string | undefined,
): MarkerVerdict {
  const own = parseRemoteDate(ownWrite);
  const seen = parseRemoteDate(remote);
  if (!own || !seen) return 'unknown';
  const ownSecond = Math.floor(own.getTime() / 1000);
  const seenSecond = Math.floor(seen.getTime() / 1000);
  if (seenSecond > ownSecond) {
    return seen.getTime() - own.getTime() > LATE_COPY_WINDOW_MS ? 'moved' : 'unknown';
  }
  if (seenSecond < ownSecond) return 'unknown';
  return own.getTime() % 1000 === 0 ? 'unchanged' : 'unknown';
}
