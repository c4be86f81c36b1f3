import { randomBytes } from 'node:crypto';

/**
 * Every object the suite creates is named with this prefix and a per-run random suffix: a
 * person can recognise it in a console, and two runs (or two people) never collide. Group
 * names must stay within DingTalk's 20 characters.
 */
export const NAME_PREFIX = 'chatops-acc-';
export const RUN_SUFFIX = randomBytes(3).toString('hex');

export function uniqueName(variant = ''): string {
  return `${NAME_PREFIX}${RUN_SUFFIX}${variant}`;
}
