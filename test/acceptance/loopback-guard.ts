/**
 * Refuses any non-loopback endpoint unless the run opted in to real accounts. Two layers use
 * it: the settings of a run (every endpoint must be set and local) and every single request
 * (a missing setting would otherwise fall back to the vendors' real hosts).
 */
const LOOPBACK_HOSTS = new Set(['127.0.0.1', 'localhost', '[::1]', '::1']);

export function isLoopback(url: string): boolean {
  try {
    return LOOPBACK_HOSTS.has(new URL(url).hostname);
  } catch {
    return false;
  }
}

export class RealEndpointRefused extends Error {
  constructor(what: string) {
    super(
      `acceptance suite: ${what} is not a loopback address and CHATOPS_ACCEPTANCE=real is not set; ` +
        'refusing to contact a real service',
    );
    this.name = 'RealEndpointRefused';
  }
}

/** Throws unless `url` is loopback or the run opted in. Only the origin is named. */
export function assertAllowedOrigin(url: string, optedIn: boolean): void {
  if (optedIn || isLoopback(url)) return;
  let origin = 'an endpoint';
  try {
    origin = new URL(url).origin;
  } catch {
    // An unparsable URL is refused all the same, without echoing it.
  }
  throw new RealEndpointRefused(origin);
}

export const ENDPOINT_SETTINGS = [
  'oosEndpoint',
  'sasEndpoint',
  'dingtalkApiEndpoint',
  'dingtalkOapiEndpoint',
] as const;

/** Without the opt-in, every endpoint must be set (no default host) and loopback. */
export function assertLoopbackSettings(
  settings: Partial<Record<(typeof ENDPOINT_SETTINGS)[number], string>>,
  optedIn: boolean,
): void {
  if (optedIn) return;
  for (const key of ENDPOINT_SETTINGS) {
    const value = settings[key];
    if (value === undefined) throw new RealEndpointRefused(`${key} (unset: the real default)`);
    assertAllowedOrigin(value, false);
  }
}
