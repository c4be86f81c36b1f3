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

/**
 * What a registered value is, which decides how long it stays registered.
 *
 * - `credential`: opens an account or an app (an AccessKey secret, an STS security token, an
 *   OIDC token, OAuth and CloudSSO tokens, a DingTalk app secret and its access token). Kept
 *   for the life of the process: evicting one would print it in clear the next time a remote
 *   echoes it, and a process holds few of them (a new pair per credential refresh).
 * - `object`: belongs to one managed object and arrives in bulk with every listing (a
 *   webhook URL and its token, a WeCom AES key). Kept in a bounded cache of the most
 *   recently registered, so a long run over many objects does not grow without end.
 */
export type SecretKind = 'credential' | 'object';

/**
 * Bound on the per-object cache, in registered forms (a value has up to four). The objects a
 * run is working on are re-registered at each call, so they stay among the most recent.
 */
const MAX_OBJECT_FORMS = 2000;

/** Never evicted: see {@link SecretKind}. */
const credentialForms = new Set<string>();
/** Insertion order is recency order: the first entry is the one evicted next. */
const objectForms = new Set<string>();
/** Every registered form, longest first; rebuilt on the next redaction after a change. */
let registeredSorted: string[] = [];
let registeredChanged = false;

/**
 * Hides `value` (and its URL- and JSON-encoded forms) from every later redaction. `kind`
 * says whether it may ever be forgotten: a credential never is.
 */
export function registerSecret(value: string | undefined | null, kind: SecretKind): void {
  if (typeof value !== 'string' || value.length < MIN_REGISTERED_LENGTH) return;
  const forms = new Set([value, encodeURIComponent(value), rfc3986(value), jsonInner(value)]);
  for (const form of forms) {
    if (kind === 'credential') {
      if (!credentialForms.has(form)) {
        credentialForms.add(form);
        registeredChanged = true;
      }
    } else {
      // Re-registering moves the form to the recent end, away from eviction.
      if (!objectForms.delete(form)) registeredChanged = true;
      objectForms.add(form);
    }
  }
  while (objectForms.size > MAX_OBJECT_FORMS) {
    const oldest = objectForms.values().next().value as string;
    objectForms.delete(oldest);
    registeredChanged = true;
  }
}

/** Every registered form, longest first, so a secret that contains another is replaced whole. */
function registeredLongestFirst(): string[] {
  if (registeredChanged) {
    registeredSorted = [...new Set([...credentialForms, ...objectForms])].sort(
      (a, b) => b.length - a.length,
    );
    registeredChanged = false;
  }
  return registeredSorted;
}

/** Returns `text` with every recognised or registered credential replaced by `***`. */
export function redact(text: string): string {
  let out = text;
  for (const secret of registeredLongestFirst()) {
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
