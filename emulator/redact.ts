/**
 * Removes secrets from what the request log keeps: parameters whose names say secret,
 * token, signature, password or key material, also inside JSON strings (`Configuration`)
 * and inside URLs (`SendUrl=https://...?access_token=...`).
 */
export const REDACTED = '[REDACTED]';

const SECRET_NAME = /secret|token|signature|password|aeskey|authorization|credential/i;

function redactUrl(value: string): string {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return value;
  }
  let touched = false;
  for (const name of [...url.searchParams.keys()]) {
    if (SECRET_NAME.test(name)) {
      url.searchParams.set(name, REDACTED);
      touched = true;
    }
  }
  if (url.password) {
    url.password = REDACTED;
    touched = true;
  }
  return touched ? url.toString() : value;
}

export function redactValue(name: string, value: unknown): unknown {
  if (SECRET_NAME.test(name)) return REDACTED;
  if (typeof value === 'string') {
    const trimmed = value.trim();
    if (trimmed.startsWith('{') || trimmed.startsWith('[')) {
      try {
        return JSON.stringify(redactValue('', JSON.parse(trimmed)));
      } catch {
        return value;
      }
    }
    return /^[a-z][a-z0-9+.-]*:\/\//i.test(trimmed) ? redactUrl(trimmed) : value;
  }
  if (Array.isArray(value)) return value.map((item) => redactValue('', item));
  if (typeof value === 'object' && value !== null) {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, redactValue(k, v)]));
  }
  return value;
}

export function redactRecord(record: Record<string, unknown>): Record<string, unknown> {
  return redactValue('', record) as Record<string, unknown>;
}
