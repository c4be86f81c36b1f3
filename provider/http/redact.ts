/**
 * Redaction of credentials from any text that leaves the client layer: error messages,
 * error properties and log lines. Two complementary mechanisms:
 *
 * - patterns that recognise where secrets sit on the wire (`access_token=` in URLs,
 *   `Authorization` and `x-acs-dingtalk-access-token` headers, JSON fields named like
 *   secrets, webhook paths), so a secret is hidden even if nobody registered it;
 * - literal values registered at runtime (access key secret, STS token, DingTalk app
 *   secret and access tokens, webhook tokens), hidden wherever a remote echoes them.
 */

export const REDACTED = '***';

/** Field names whose values are credentials, in any casing and with any prefix/suffix. */
const SENSITIVE_NAME = /secret|token|password|passwd|aeskey|authorization|signature/i;

type Replacer = (match: string, ...groups: string[]) => string;

/** Keeps `match` unless its field name (first group) is sensitive; then hides the value. */
const ifSensitive =
  (build: (name: string, ...rest: string[]) => string): Replacer =>
  (match, name, ...rest) =>
    SENSITIVE_NAME.test(name) ? build(name, ...rest) : match;

/*
 * Every pattern is linear in the input: a name-based match can only start where a name
 * starts (the lookbehinds), so a long run of word characters is scanned once, not once
 * per position. Remote bodies are untrusted and may be large.
 */
const PATTERNS: ReadonlyArray<[RegExp, string | Replacer]> = [
  // The V3 Authorization value as a whole: `ACS3-HMAC-SHA256 Credential=..,Signature=..`.
  [/ACS3-HMAC-SHA256\s+Credential=[^\s"'\\]+/g, `ACS3-HMAC-SHA256 ${REDACTED}`],
  [/\bBearer\s+[\w.~+/=-]+/gi, `Bearer ${REDACTED}`],
  // Header lines: `Authorization: ...`, `x-acs-dingtalk-access-token: ...`.
  [
    /\b(authorization|x-acs-dingtalk-access-token|x-acs-security-token)([ \t]*:[ \t]*)(?!["'\s])[^\r\n"']+/gi,
    `$1$2${REDACTED}`,
  ],
  // JSON fields: `"appSecret":"..."`.
  [
    /"([^"\\]*)"(\s*:\s*)"(?:[^"\\]|\\.)*"/g,
    ifSensitive((name, sep) => `"${name}"${sep}"${REDACTED}"`),
  ],
  // The same, escaped inside another JSON string: `\"DingTalkClientSecret\":\"...\"`.
  [
    /\\"([^"\\]*)\\"(\s*:\s*)\\"(?:[^"\\]|\\[^"])*?\\"/g,
    ifSensitive((name, sep) => `\\"${name}\\"${sep}\\"${REDACTED}\\"`),
  ],
  // Object dumps in the style of util.inspect: `clientSecret: 'value'`.
  [
    /(?<![\w.-])([\w.-]+)('?[ \t]*:[ \t]*)'(?:[^'\\]|\\.)*'/g,
    ifSensitive((name, sep) => `${name}${sep}'${REDACTED}'`),
  ],
  // Query strings and forms: `access_token=..`, `appsecret=..`, `Signature=..`.
  [/(?<![\w.-])([\w.-]+)=[^&\s"'#<>\\]+/g, ifSensitive((name) => `${name}=${REDACTED}`)],
  // The same two forms percent-encoded, as a remote echoes a query string back:
  // `access_token%3D..` and `%22appSecret%22%3A%22..%22`.
  [
    /(?<![\w.-])([\w.-]+)%3D(?:[\w.~-]|%(?!26)[0-9A-Fa-f]{2})+/gi,
    ifSensitive((name) => `${name}%3D${REDACTED}`),
  ],
  [
    /%22([\w.-]+)%22((?:%20)*%3A(?:%20)*)%22(?:[^%]|%(?!22)[0-9A-Fa-f]{2})*%22/gi,
    ifSensitive((name, sep) => `%22${name}%22${sep}%22${REDACTED}%22`),
  ],
  // Short names that are only credentials inside a URL query: WeCom `key=`, DingTalk `sign=`.
  [/([?&](?:key|sign))=[^&\s"'#<>\\]+/gi, `$1=${REDACTED}`],
  // Webhook URLs that carry their token in the path (OOS AppFlow `.../webhook/<token>`).
  [/(\/webhook\/)(?!send\b)[^\s"'?#<>\\]+/gi, `$1${REDACTED}`],
];

/**
 * Values shorter than this are not registered: hiding every occurrence of a short word
 * (the emulator's default secret is `test`) would garble messages without protecting a
 * real credential, which vendors issue at 30 characters and more.
 */
const MIN_REGISTERED_LENGTH = 6;
/** Bound on the registry so a long-lived process refreshing tokens does not grow forever. */
const MAX_REGISTERED = 2000;

const registered = new Set<string>();
let registeredSorted: string[] = [];

/** Hides `value` (and its URL- and JSON-encoded forms) from every later redaction. */
export function registerSecret(value: string | undefined | null): void {
  if (typeof value !== 'string' || value.length < MIN_REGISTERED_LENGTH) return;
  const forms = new Set([value, encodeURIComponent(value), rfc3986(value), jsonInner(value)]);
  let changed = false;
  for (const form of forms) {
    if (!registered.has(form)) {
      registered.add(form);
      changed = true;
    }
  }
  if (!changed) return;
  while (registered.size > MAX_REGISTERED) {
    const oldest = registered.values().next().value as string;
    registered.delete(oldest);
  }
  // Longest first, so a secret that contains another is replaced whole.
  registeredSorted = [...registered].sort((a, b) => b.length - a.length);
}

/** Returns `text` with every recognised or registered credential replaced by `***`. */
export function redact(text: string): string {
  let out = text;
  for (const secret of registeredSorted) {
    if (out.includes(secret)) out = out.split(secret).join(REDACTED);
  }
  for (const [pattern, replacement] of PATTERNS) {
    out =
      typeof replacement === 'string'
        ? out.replace(pattern, replacement)
        : out.replace(pattern, replacement as (substring: string, ...args: string[]) => string);
  }
  return out;
}

/** Redacts an optional string, keeping `undefined` as is. */
export function redactOptional(text: string | undefined): string | undefined {
  return text === undefined ? undefined : redact(text);
}

function rfc3986(value: string): string {
  return encodeURIComponent(value).replace(
    /[!'()*]/g,
    (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`,
  );
}

function jsonInner(value: string): string {
  return JSON.stringify(value).slice(1, -1);
}
