/**
 * How the remote APIs show a secret they hold: OOS GetChatConfiguration answers
 * `"DingTalkClientSecret": "******"` (see the "Get masks secrets" fact in
 * docs/wire-facts.md, section 1a). A masked value says nothing about the real one.
 */
export const MASK = '******';

/** True for a value the remote side masked (fully, or a masked part inside a URL). */
export function isMasked(value: unknown): boolean {
  return typeof value === 'string' && value.includes(MASK);
}

/**
 * The value to record for a secret read back from the remote side: the live value when it
 * is readable, otherwise the value last applied (drift of a masked secret cannot be seen).
 */
export function liveOrLastApplied<T>(live: T, lastApplied: T | undefined): T | undefined {
  return isMasked(live) ? lastApplied : live;
}

/**
 * A string map read back with some values masked: masked entries keep the value last
 * applied for the same key, readable entries are taken as they are.
 */
export function mergeMaskedMap(
  live: Record<string, string>,
  lastApplied: Record<string, string> | undefined,
): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [key, value] of Object.entries(live)) {
    const kept = isMasked(value) ? lastApplied?.[key] : value;
    if (kept !== undefined) out[key] = kept;
  }
  return out;
}

/** A copy of `props` without the given keys, for anything that may be logged or thrown. */
export function withoutKeys(
  props: Record<string, unknown>,
  keys: ReadonlyArray<string>,
): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(props)) {
    if (!keys.includes(key)) out[key] = value;
  }
  return out;
}
