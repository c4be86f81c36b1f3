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
 * The longest value the detector examines, in characters. Credentials, webhook URLs and the
 * settings a person types into the OOS console are far shorter (a DingTalk webhook URL is
 * about 120 characters, an STS security token about 1,000); a longer value counts as secret
 * without being read, so a remote value of any size is judged at once, and the program reads
 * it from secret stack config rather than printing something nobody could review.
 */
export const MAX_EXAMINED_LENGTH = 4096;

/**
 * `name=value` or `name: value` in free text. A name is a whole run of word characters, dots
 * and dashes, less its leading digits, dots and dashes. The lookbehind lets a match start only
 * where such a run starts: without it every position inside a long run started a match that
 * ran to the run's end and failed, which made the scan quadratic (7 s for 80 KB of letters).
 * Now each run is walked a bounded number of times, so the scan is linear. The value is only
 * looked ahead at, so the next name may start right after the separator (`a=token=x`).
 */
const NAMED_VALUE = /(?<![\w.-])[\d.-]*([A-Za-z_][\w.-]*)\s*[=:](?=\s*\S)/g;

/** True when `text` holds `name=value` or `name: value` with a credential's name. */
export function namesACredential(text: string): boolean {
  for (const match of text.matchAll(NAMED_VALUE)) {
    if (SECRET_KEY.test(match[1]) || SECRET_QUERY_NAME.test(match[1])) return true;
  }
  return false;
}

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
 * its path (an OOS webhook); `name=value` text naming a credential; a long random string;
 * anything longer than {@link MAX_EXAMINED_LENGTH}.
 */
export function looksSecret(value: string): boolean {
  if (value.length > MAX_EXAMINED_LENGTH) return true;
  const text = value.trim();
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(text)) {
    try {
      return urlHoldsSecret(new URL(text));
    } catch {
      // Not a URL after all: judged as text below.
    }
  }
  return namesACredential(text) || looksRandom(text);
}
