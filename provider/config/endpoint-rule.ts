import { ChatOpsError } from '../errors';

/**
 * The one rule every outbound URL of the package obeys (endpoint settings, credentials URIs,
 * sign-in URLs): they receive signed requests, app secrets, OIDC and OAuth tokens, and hand
 * back keys the provider then trusts with the DingTalk secrets. So:
 *
 * - `https://`, or plain `http://` to loopback (the emulator, tests, the demo);
 * - no user name or password in the URL (it would travel along and end up in logs);
 * - by default only loopback and the vendors' domains ({@link VENDOR_DOMAINS});
 * - any other host only when the environment allows it by name
 *   (`PULUMI_CHATOPS_ALLOWED_HOSTS`), which stack config cannot do: a one-line stack config
 *   change in a pull request must not be able to send the app secret elsewhere. Entries are
 *   host names (`https://` to them) or `http://host[:port]` (plain http to exactly that, for an
 *   emulator run as a CI service container). Each use prints a warning naming the host.
 *
 * Messages name the setting and what is wrong, never the value, which may hold credentials.
 */

/** The vendors' domains: VPC and PrivateLink endpoints are under aliyuncs.com too. */
export const VENDOR_DOMAINS = [
  'aliyuncs.com',
  'aliyun.com',
  'alibabacloud.com',
  'alibabacloudsso.com',
  'dingtalk.com',
  'dingtalk.io',
] as const;

/** The variable naming other hosts an endpoint may reach. */
export const ALLOWED_HOSTS_VARIABLE = 'PULUMI_CHATOPS_ALLOWED_HOSTS';

/** Hosts already warned about in this process: one warning per host is enough. */
const warned = new Set<string>();

export interface OutboundUrlCheck {
  /** Names the value in messages: `Setting chatops:oosEndpoint (or ALIBABA_CLOUD_OOS_ENDPOINT)`. */
  where: string;
  /** Ends the advice: `or unset it to use the default`. */
  otherwise: string;
  env?: NodeJS.ProcessEnv;
  /** Where the warning about an allowed other host goes. */
  warn?: (line: string) => void;
}

/** The URL, without trailing slashes, or a CONFIGURATION_ERROR naming `where`. */
export function checkOutboundUrl(value: string, check: OutboundUrlCheck): string {
  const env = check.env ?? process.env;
  let url: URL | undefined;
  try {
    url = new URL(value);
  } catch {
    url = undefined;
  }
  const refuse = (problem: string): never => {
    throw new ChatOpsError({
      code: 'CONFIGURATION_ERROR',
      message:
        `${check.where} ${problem}. Set it to an https:// URL such as ` +
        `https://host, or http://127.0.0.1:PORT for the emulator, ${check.otherwise}.`,
    });
  };
  if (!url || (url.protocol !== 'http:' && url.protocol !== 'https:')) {
    return refuse('is not a full http(s) URL');
  }
  if (url.username !== '' || url.password !== '') {
    return refuse('holds a user name or password; give credentials through their own settings');
  }
  const host = url.hostname.toLowerCase();
  if (isLoopbackHost(host)) return value.replace(/\/+$/, '');
  const allowed = allowedHosts(env);
  const plainAllowed = allowed.plain.has(url.host.toLowerCase());
  if (url.protocol === 'http:' && !plainAllowed) {
    return refuse(
      `uses plain http:// to a host that is not loopback; use https://, or allow exactly this host and port with ${ALLOWED_HOSTS_VARIABLE}=http://HOST:PORT in the environment`,
    );
  }
  if (isVendorHost(host)) return value.replace(/\/+$/, '');
  if (!allowed.https.has(host) && !plainAllowed) {
    return refuse(
      `names a host outside the vendors' domains (${VENDOR_DOMAINS.join(', ')}); if that host is yours on purpose, allow it with ${ALLOWED_HOSTS_VARIABLE}=HOST in the environment of the pulumi command (stack config cannot)`,
    );
  }
  if (!warned.has(url.host)) {
    warned.add(url.host);
    (check.warn ?? ((line: string) => console.log(`warning: ${line}`)))(
      `${check.where} reaches ${url.host}, outside the vendors' domains, because ${ALLOWED_HOSTS_VARIABLE} allows it.`,
    );
  }
  return value.replace(/\/+$/, '');
}

/**
 * Loopback hosts, the only ones plain http may reach unasked. The URL parser has already
 * normalised the host (`127.1` is `127.0.0.1`, IPv6 is bracketed).
 */
export function isLoopbackHost(hostname: string): boolean {
  return hostname === 'localhost' || hostname === '[::1]' || /^127\.\d+\.\d+\.\d+$/.test(hostname);
}

function isVendorHost(host: string): boolean {
  return VENDOR_DOMAINS.some((domain) => host === domain || host.endsWith(`.${domain}`));
}

/** `PULUMI_CHATOPS_ALLOWED_HOSTS`, comma or space separated: `host`, or `http://host[:port]`. */
function allowedHosts(env: NodeJS.ProcessEnv): { https: Set<string>; plain: Set<string> } {
  const https = new Set<string>();
  const plain = new Set<string>();
  for (const entry of (env[ALLOWED_HOSTS_VARIABLE] ?? '').split(/[\s,]+/)) {
    const text = entry.trim().toLowerCase();
    if (text === '') continue;
    if (text.startsWith('http://')) {
      try {
        plain.add(new URL(text).host);
      } catch {
        // Not a URL: allows nothing.
      }
    } else {
      https.add(
        text
          .replace(/^https:\/\//, '')
          .replace(/\/.*$/, '')
          .replace(/:\d+$/, ''),
      );
    }
  }
  return { https, plain };
}

/** Forgets which hosts were warned about (tests). */
export function resetOutboundWarnings(): void {
  warned.clear();
}
