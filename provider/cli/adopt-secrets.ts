/**
 * Which remote values the adoption program must read from secret stack config instead of
 * printing them. OOS masks only the settings it knows to be secret, and WeCom keys are not
 * documented, so a credential can come back in clear under any key: a value counts as secret
 * when its key names a credential or when the value itself looks like one.
 */

import { SECRET_CONFIGURATION_KEY } from '../clients/alicloud/oos';

/**
 * Key names of credentials: `Secret`, `Token`, `AESKey`, `EncodingAESKey`, `Password`, ...
 * The same words mark a credential in a query parameter's name.
 */
const SECRET_KEY = SECRET_CONFIGURATION_KEY;

/** Query parameter names that carry a credential in a URL (WeCom `key=`, DingTalk `sign=`). */
const SECRET_QUERY_NAME = /^(key|sign)$/i;

/**
 * Path segments that hold a credential: the token after an OOS AppFlow `/webhook/` (a
 * DingTalk robot's `/robot/send` carries its token in the query instead).
 */
const TOKEN_AFTER = new Set(['webhook', 'hook', 'hooks']);

/**
 * Random-looking strings: 24 or more characters of a token alphabet (hex, base64, base64url)
 * with letters and digits, or 16 or more mixing lower case, upper case and digits. Names,
 * ids such as `wwcorp0001` or `1000002` and words stay readable.
 */
function looksRandom(text: string): boolean {
  if (!/^[A-Za-z0-9+/=_-]+$/.test(text)) return false;
  const hasDigit = /[0-9]/.test(text);
  const hasLetter = /[A-Za-z]/.test(text);
  if (text.length >= 24 && hasDigit && hasLetter) return true;
  return text.length >= 16 && hasDigit && /[a-z]/.test(text) && /[A-Z]/.test(text);
}

/** True for a key whose value is a credential whatever it holds. */
export function isSecretKey(key: string): boolean {
  return SECRET_KEY.test(key);
}

function urlHoldsSecret(url: URL): boolean {
  if (url.username !== '' || url.password !== '') return true;
  for (const [name, value] of url.searchParams) {
    if (SECRET_KEY.test(name) || SECRET_QUERY_NAME.test(name) || looksRandom(value)) return true;
  }
  const segments = url.pathname.split('/').filter((segment) => segment !== '');
  return segments.some(
    (segment, i) =>
      (i > 0 && TOKEN_AFTER.has(segments[i - 1].toLowerCase())) || looksRandom(segment),
  );
}

/**
 * True for a value that looks like a credential: a URL with a user or password, with a query
 * parameter such as `access_token`, `key`, `token`, `secret` or `sign`, or with a token in
 * its path (an OOS webhook); `name=value` text naming a credential; a long random string.
 */
export function looksSecret(value: string): boolean {
  const text = value.trim();
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(text)) {
    try {
      return urlHoldsSecret(new URL(text));
    } catch {
      // Not a URL after all: judged as text below.
    }
  }
  for (const match of text.matchAll(/([A-Za-z_][\w.-]*)\s*[=:]\s*\S/g)) {
    if (SECRET_KEY.test(match[1]) || SECRET_QUERY_NAME.test(match[1])) return true;
  }
  return looksRandom(text);
}
