import { parseRemoteDate } from '../../clients/alicloud/remote-date';

/**
 * How long before a create operation began an object of the same identity and settings may
 * have been created and still count as this resource's own create whose answer was lost: by
 * an earlier attempt of the same operation, or by a run that was killed moments before its
 * state was saved (docs/recovery.md). It also absorbs a remote clock running behind ours.
 * Older objects belong to someone else until the program says `adopt: true`.
 */
export const OWN_CREATE_WINDOW_MS = 5 * 60_000;

/** Whether a remote creation date falls within {@link OWN_CREATE_WINDOW_MS} of `startedAt` or later. */
export function createdRecently(created: string | undefined, startedAt: Date): boolean {
  const date = parseRemoteDate(created);
  return date !== undefined && date.getTime() >= startedAt.getTime() - OWN_CREATE_WINDOW_MS;
}
