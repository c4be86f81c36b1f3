/**
 * Plugin names: either one string or a locale map such as `{ en_US, zh_CN }`, which
 * DingTalk takes as an i18n JSON string in the same `name` field
 * (https://open.dingtalk.com/document/orgapp/set-the-single-chat-robot-plugin).
 *
 * The wire form of a locale map is its JSON with keys in sorted order, so the same map
 * always produces the same string and a read-back compares equal whatever order the
 * program wrote the keys in.
 */

export type LocaleMap = Record<string, string>;
export type PluginName = string | LocaleMap;

/** The same map with its keys sorted: the one form stored in state. */
export function sortLocaleMap(map: LocaleMap): LocaleMap {
  const sorted: LocaleMap = {};
  for (const key of Object.keys(map).sort()) {
    sorted[key] = map[key];
  }
  return sorted;
}

/** A JSON object of string values, parsed; `undefined` for anything else. */
export function parseLocaleMap(text: string): LocaleMap | undefined {
  if (!text.trimStart().startsWith('{')) {
    return undefined;
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    return undefined;
  }
  if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) {
    return undefined;
  }
  const entries = Object.entries(parsed as Record<string, unknown>);
  if (entries.length === 0 || entries.some(([, value]) => typeof value !== 'string')) {
    return undefined;
  }
  return sortLocaleMap(Object.fromEntries(entries) as LocaleMap);
}

/** The string sent as `name`. */
export function pluginNameToWire(name: PluginName): string {
  return typeof name === 'string' ? name : JSON.stringify(sortLocaleMap(name));
}

/**
 * A canonical text for comparing two names: a string that already carries an i18n JSON
 * object compares equal to the same map, whatever its key order or spacing.
 */
export function canonicalPluginName(name: PluginName): string {
  if (typeof name !== 'string') {
    return pluginNameToWire(name);
  }
  const map = parseLocaleMap(name);
  return map === undefined ? name : JSON.stringify(map);
}

export function samePluginName(a: PluginName, b: PluginName): boolean {
  return canonicalPluginName(a) === canonicalPluginName(b);
}

/**
 * The name read back from DingTalk, in the form the program used when it means the same
 * (so a string stays a string and a map stays a map); otherwise a map when the wire text
 * is an i18n JSON object, else the plain string.
 */
export function pluginNameFromWire(wire: string, previous?: PluginName): PluginName {
  if (previous !== undefined && samePluginName(previous, wire)) {
    return typeof previous === 'string' ? previous : sortLocaleMap(previous);
  }
  return parseLocaleMap(wire) ?? wire;
}
