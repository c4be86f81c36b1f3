import { GONE_ANSWERS } from '../gone-answers';
import { ChatOpsError } from '../../errors';
import { JsonObject, asArray, asString, isObject, optional } from '../parse';
import { DingTalkNewApiClient } from './new-api';

/**
 * Quick entries ("plugins") of a single-chat robot, `robot_1.0`
 * (docs/wire-facts.md section 2b). Needs the permission
 * `Robot.SingleChat.ReadWrite`; internal apps only.
 */

export interface RobotPluginEntry {
  /** Plain text or an i18n JSON string such as `{"en_US":"..","zh_CN":".."}`. */
  name: string;
  /** A media id from the media upload API, not a URL. */
  icon: string;
  pcUrl?: string;
  mobileUrl?: string;
}

const PERMISSION = 'Robot.SingleChat.ReadWrite';

export class RobotPluginClient {
  constructor(private readonly api: DingTalkNewApiClient) {}

  /** Replaces the robot's whole list. */
  async setPlugins(robotCode: string, plugins: RobotPluginEntry[]): Promise<void> {
    const body = await this.api.post({
      path: '/v1.0/robot/plugins/set',
      body: { robotCode, pluginInfoList: plugins.map(pluginToWire) },
      operation: 'dingtalk:robot/plugins/set',
      idempotent: true,
      permission: PERMISSION,
    });
    checkResult(body, 'dingtalk:robot/plugins/set');
  }

  /** Fails with NOT_FOUND for an unknown robot (`invalidRequest.robotNotExist`) only. */
  async queryPlugins(robotCode: string): Promise<RobotPluginEntry[]> {
    const body = await this.api.post({
      path: '/v1.0/robot/plugins/query',
      body: { robotCode },
      operation: 'dingtalk:robot/plugins/query',
      idempotent: true,
      permission: PERMISSION,
      goneCodes: GONE_ANSWERS.robotPlugins,
    });
    return asArray(body.pluginInfoList)
      .filter(isObject)
      .map((raw) => ({
        name: asString(raw.name) ?? '',
        icon: asString(raw.icon) ?? '',
        ...optional('pcUrl', nonEmpty(raw.pcUrl)),
        ...optional('mobileUrl', nonEmpty(raw.mobileUrl)),
      }));
  }

  async clearPlugins(robotCode: string): Promise<void> {
    const body = await this.api.post({
      path: '/v1.0/robot/plugins/clear',
      body: { robotCode },
      operation: 'dingtalk:robot/plugins/clear',
      idempotent: true,
      permission: PERMISSION,
      goneCodes: GONE_ANSWERS.robotPlugins,
    });
    checkResult(body, 'dingtalk:robot/plugins/clear');
  }
}

function pluginToWire(plugin: RobotPluginEntry): JsonObject {
  return {
    name: plugin.name,
    icon: plugin.icon,
    ...optional('pcUrl', plugin.pcUrl),
    ...optional('mobileUrl', plugin.mobileUrl),
  };
}

function nonEmpty(value: unknown): string | undefined {
  const s = asString(value);
  return s === undefined || s === '' ? undefined : s;
}

/** `{result: false}` on a 200 means DingTalk did not apply the change. */
function checkResult(body: JsonObject, operation: string): void {
  if (body.result === false) {
    throw new ChatOpsError({
      code: 'REMOTE_ERROR',
      message: `${operation}: DingTalk answered result=false without an error code. Check the robot in the DingTalk developer console and retry.`,
      operation,
    });
  }
}
