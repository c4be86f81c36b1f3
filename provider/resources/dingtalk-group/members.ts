/**
 * Member-set arithmetic for DingTalk groups. Members are a set of user ids; the owner
 * always counts as one (DingTalk answers errcode 34009 when the owner is not in the list).
 */

import { MAX_USERS_PER_CALL } from '../../clients/dingtalk/group-chats';

/** A DingTalk group holds at most 1000 members, the owner included. */
export const MAX_GROUP_MEMBERS = 1000;

/** The declared members plus the owner, without duplicates, sorted for stable diffs. */
export function effectiveMembers(owner: string, members: readonly string[]): string[] {
  return sortedUnique([owner, ...members]);
}

export function sortedUnique(ids: readonly string[]): string[] {
  return [...new Set(ids)].sort();
}

/** Elements of `a` that are not in `b`, in `a`'s order. */
export function difference(a: readonly string[], b: readonly string[]): string[] {
  const exclude = new Set(b);
  return a.filter((id) => !exclude.has(id));
}

/** Elements of `a` that are also in `b`, in `a`'s order. */
export function intersection(a: readonly string[], b: readonly string[]): string[] {
  const keep = new Set(b);
  return a.filter((id) => keep.has(id));
}

export function sameMembers(a: readonly string[], b: readonly string[]): boolean {
  const left = new Set(a);
  const right = new Set(b);
  return left.size === right.size && [...left].every((id) => right.has(id));
}

/** Splits a list into consecutive batches of at most `size` ids. */
export function batches<T>(items: readonly T[], size = MAX_USERS_PER_CALL): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) {
    out.push(items.slice(i, i + size));
  }
  return out;
}
