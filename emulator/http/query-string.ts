/**
 * Query strings and form bodies as ordered name/value pairs. `+` reads as a space, as
 * servlet-style servers do, so a client that form-encodes spaces still verifies.
 */
export type ParamPairs = [string, string][];

export function parseParamPairs(raw: string): ParamPairs | undefined {
  const pairs: ParamPairs = [];
  if (raw === '') return pairs;
  for (const part of raw.split('&')) {
    if (part === '') continue;
    const eq = part.indexOf('=');
    const name = eq < 0 ? part : part.slice(0, eq);
    const value = eq < 0 ? '' : part.slice(eq + 1);
    try {
      pairs.push([
        decodeURIComponent(name.replace(/\+/g, ' ')),
        decodeURIComponent(value.replace(/\+/g, ' ')),
      ]);
    } catch {
      return undefined; // malformed percent-encoding
    }
  }
  return pairs;
}

/** Last value wins, like most servers' parameter maps. */
export function pairsToRecord(pairs: ParamPairs): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of pairs) out[name] = value;
  return out;
}
