import {
  jsonObjectBody,
  ok,
  requireApiToken,
  type DingTalkCall,
  type DingTalkHandler,
} from '../dingtalk/dingtalk-call';
import { dingtalkApiErrors } from '../dingtalk/errors';
import type { RobotPluginRecord } from '../state';

/**
 * Quick entries of a single-chat robot, DingTalk new API `robot_1.0` (docs/wire-facts.md 2b and the
 * vendor's set-plugins page): set replaces the list, query reads it, clear empties it.
 */

interface RobotRequest {
  robotCode: string;
  body: Record<string, unknown>;
}

/** Token, JSON body and robot checks shared by the three calls, in the vendor's order. */
function robotRequest(call: DingTalkCall): RobotRequest {
  const appKey = requireApiToken(call);
  const body = jsonObjectBody(call);
  if (body === undefined) throw dingtalkApiErrors.paramIllegal('request body is required');
  if (body === null) throw dingtalkApiErrors.badJson();
  const { robotCode } = body;
  if (typeof robotCode !== 'string' || robotCode === '') {
    throw dingtalkApiErrors.paramIllegal('robotCode is required');
  }
  const robot = call.store.directory.robot(robotCode);
  if (!robot) throw dingtalkApiErrors.robotNotExist();
  if (robot.appKey !== undefined && robot.appKey !== appKey) {
    throw dingtalkApiErrors.robotCodeNotMatch();
  }
  if (robot.stopped) throw dingtalkApiErrors.robotIsStop();
  return { robotCode, body };
}

function optionalText(item: Record<string, unknown>, field: string): string | undefined {
  const value = item[field];
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'string') throw dingtalkApiErrors.paramIllegal(`${field} must be a string`);
  return value;
}

function pluginList(body: Record<string, unknown>, max: number): RobotPluginRecord[] {
  const list = body.pluginInfoList;
  if (!Array.isArray(list)) throw dingtalkApiErrors.paramIllegal('pluginInfoList is required');
  const plugins = list.map((raw, index) => {
    if (typeof raw !== 'object' || raw === null) {
      throw dingtalkApiErrors.paramIllegal(`pluginInfoList[${index}] must be an object`);
    }
    const item = raw as Record<string, unknown>;
    const name = optionalText(item, 'name');
    const icon = optionalText(item, 'icon');
    // Per item, name and icon are required (docs/wire-facts.md 2b).
    if (!name) throw dingtalkApiErrors.paramIllegal(`pluginInfoList[${index}].name is required`);
    if (!icon) throw dingtalkApiErrors.paramIllegal(`pluginInfoList[${index}].icon is required`);
    const plugin: RobotPluginRecord = { name, icon };
    const pcUrl = optionalText(item, 'pcUrl');
    const mobileUrl = optionalText(item, 'mobileUrl');
    if (pcUrl !== undefined) plugin.pcUrl = pcUrl;
    if (mobileUrl !== undefined) plugin.mobileUrl = mobileUrl;
    return plugin;
  });
  if (plugins.length > max) throw dingtalkApiErrors.tooManyPlugins(max);
  return plugins;
}

const setPlugins: DingTalkHandler = (call) => {
  const { robotCode, body } = robotRequest(call);
  call.store.state.robotPlugins[robotCode] = pluginList(body, call.options.maxRobotPlugins);
  call.store.changed();
  return ok({ result: true });
};

const queryPlugins: DingTalkHandler = (call) => {
  const { robotCode } = robotRequest(call);
  const plugins = call.store.state.robotPlugins[robotCode] ?? [];
  return ok({ pluginInfoList: plugins.map((p) => ({ ...p })) });
};

const clearPlugins: DingTalkHandler = (call) => {
  const { robotCode } = robotRequest(call);
  if (call.store.state.robotPlugins[robotCode] !== undefined) {
    delete call.store.state.robotPlugins[robotCode];
    call.store.changed();
  }
  return ok({ result: true });
};

/** By path under `/v1.0/`. */
export const robotPluginActions: Record<string, DingTalkHandler> = {
  'robot/plugins/set': setPlugins,
  'robot/plugins/query': queryPlugins,
  'robot/plugins/clear': clearPlugins,
};
