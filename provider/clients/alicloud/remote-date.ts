/**
 * Parses a date as the Alibaba Cloud APIs write it. Most answers carry an offset
 * (`2025-12-26T09:53:02+00:00`), but one documented Update example has microseconds and no
 * offset (`2025-12-23T10:16:37.178097`, docs/wire-facts.md 1a). A date without an offset is
 * read as UTC, not as the local time of the machine.
 */
export function parseRemoteDate(text: string | undefined): Date | undefined {
  if (!text) return undefined;
  const match =
    /^(\d{4}-\d{2}-\d{2})[T ](\d{2}:\d{2}(?::\d{2})?)(\.\d+)?(Z|[+-]\d{2}:?\d{2})?$/.exec(
      text.trim(),
    );
  if (!match) {
    const fallback = Date.parse(text);
    return Number.isNaN(fallback) ? undefined : new Date(fallback);
  }
  const [, day, time, fraction = '', zone = 'Z'] = match;
  const millis = fraction ? fraction.slice(0, 4).padEnd(4, '0') : '';
  const parsed = Date.parse(`${day}T${time}${millis}${zone}`);
  return Number.isNaN(parsed) ? undefined : new Date(parsed);
}
