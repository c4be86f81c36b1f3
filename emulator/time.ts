/** Milliseconds since the epoch; injectable so that tests can move time. */
export type Clock = () => number;

export const systemClock: Clock = () => Date.now();

function pad(n: number, width = 2): string {
  return String(n).padStart(width, '0');
}

/** OOS dates: `2025-12-26T09:53:02+00:00` (GetChatConfiguration doc example). */
export function oosDate(ms: number): string {
  const d = new Date(ms);
  return (
    `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}` +
    `T${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}+00:00`
  );
}

/**
 * The other OOS date shape: one UpdateChatConfiguration example shows
 * `2025-12-23T10:16:37.178097` (microseconds, no offset). Update answers in it so that
 * clients prove they parse dates leniently.
 */
export function oosMicrosecondDate(ms: number): string {
  const d = new Date(ms);
  return (
    `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}` +
    `T${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}` +
    `.${pad(d.getUTCMilliseconds(), 3)}000`
  );
}

/** Alibaba Cloud request timestamps: exactly `YYYY-MM-DDThh:mm:ssZ`, UTC. */
const ACS_TIMESTAMP = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})Z$/;

export function parseAcsTimestamp(value: string): number | undefined {
  const m = ACS_TIMESTAMP.exec(value);
  if (!m) return undefined;
  const [, y, mo, d, h, mi, s] = m.map(Number);
  const ms = Date.UTC(y, mo - 1, d, h, mi, s);
  const back = new Date(ms);
  // Reject dates that Date.UTC silently rolled over (2023-02-30 and the like).
  if (back.getUTCMonth() !== mo - 1 || back.getUTCDate() !== d) return undefined;
  return ms;
}
