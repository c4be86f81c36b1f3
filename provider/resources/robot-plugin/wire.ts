/**
 * Conversion between the plugin list of a `RobotPlugin` and the `pluginInfoList` of
 * `robot/plugins/set` and `robot/plugins/query`.
 */
import {
  type PluginName,
  canonicalPluginName,
  pluginNameFromWire,
  pluginNameToWire,
  samePluginName,
} from './plugin-name';

/** One entry of `pluginInfoList`, as the client sends and receives it. */
export interface RobotPluginWireEntry {
  name: string;
  icon: string;
  pcUrl?: string;
  mobileUrl?: string;
}

/** One plugin as the resource stores it. */
export interface RobotPluginItem {
  name: PluginName;
  icon: string;
  pcUrl?: string;
  mobileUrl?: string;
}

/** Absent and empty URLs mean the same to DingTalk; state keeps neither. */
function presentUrl(value: string | undefined | null): string | undefined {
  return value === undefined || value === null || value === '' ? undefined : value;
}

export function pluginsToWire(plugins: readonly RobotPluginItem[]): RobotPluginWireEntry[] {
  return plugins.map((plugin) => {
    const pcUrl = presentUrl(plugin.pcUrl);
    const mobileUrl = presentUrl(plugin.mobileUrl);
    return {
      name: pluginNameToWire(plugin.name),
      icon: plugin.icon,
      ...(pcUrl !== undefined ? { pcUrl } : {}),
      ...(mobileUrl !== undefined ? { mobileUrl } : {}),
    };
  });
}

/**
 * The live list in the resource's terms. `previous` (the declared list) only chooses the
 * form of each name, position by position, so a map the program declared reads back as
 * that map and a string as that string.
 */
export function pluginsFromWire(
  entries: readonly RobotPluginWireEntry[],
  previous: readonly RobotPluginItem[] = [],
): RobotPluginItem[] {
  return entries.map((entry, index) => {
    const pcUrl = presentUrl(entry.pcUrl);
    const mobileUrl = presentUrl(entry.mobileUrl);
    return {
      name: pluginNameFromWire(entry.name, previous[index]?.name),
      icon: entry.icon,
      ...(pcUrl !== undefined ? { pcUrl } : {}),
      ...(mobileUrl !== undefined ? { mobileUrl } : {}),
    };
  });
}

/** Ordered comparison: a reordering is a change (it is the order users see). */
export function samePlugins(a: readonly RobotPluginItem[], b: readonly RobotPluginItem[]): boolean {
  return (
    a.length === b.length &&
    a.every((left, index) => {
      const right = b[index];
      return (
        samePluginName(left.name, right.name) &&
        left.icon === right.icon &&
        presentUrl(left.pcUrl) === presentUrl(right.pcUrl) &&
        presentUrl(left.mobileUrl) === presentUrl(right.mobileUrl)
      );
    })
  );
}

/**
 * The form `diff` compares: wire entries whose names are canonical, so a locale map, the
 * same map in another key order and the same i18n JSON written as a string compare equal.
 */
export function canonicalPlugins(plugins: readonly RobotPluginItem[]): RobotPluginWireEntry[] {
  return pluginsToWire(plugins).map((entry) => ({
    ...entry,
    name: canonicalPluginName(entry.name),
  }));
}
