import type { RobotPluginEntry } from '../../../provider/clients';
import { ROBOT_PLUGIN_TYPE } from '../../../provider/resources/robot-plugin/schema';
import { DINGTALK_APP_VARIABLES, variable } from '../environment';
import { EMULATOR_ROBOT_CODE, EMULATOR_ROBOT_ICON } from '../emulator-fixture';
import { runLifecycle } from '../lifecycle-steps';
import { uniqueName } from '../names';
import { definePart } from '../part';

interface Fixture {
  robotCode: string;
  icon: string;
}

/** Which optional fields each original plugin had: enough to mirror, no value kept. */
type OriginalPlugins = Array<{ pcUrl: boolean; mobileUrl: boolean }>;

const ENTRY_URL = 'https://example.com/chatops-acc';

/**
 * The quick entries of the user's robot. Its original list is read first and put back at
 * the end (the lifecycle's delete clears the list), whatever happens in between.
 */
export const robotPluginPart = definePart<Fixture, OriginalPlugins>({
  name: 'RobotPlugin',
  variables: [
    ...DINGTALK_APP_VARIABLES,
    'CHATOPS_ACCEPTANCE_ROBOT_CODE',
    'CHATOPS_ACCEPTANCE_ROBOT_ICON',
  ],
  fromEnvironment: (env) => ({
    robotCode: variable(env, 'CHATOPS_ACCEPTANCE_ROBOT_CODE'),
    icon: variable(env, 'CHATOPS_ACCEPTANCE_ROBOT_ICON'),
  }),
  async seed(direct, like) {
    // Without a target to mirror, one entry, so that restoring a list is exercised too.
    const original = like ?? [{ pcUrl: true, mobileUrl: false }];
    const entries = original.map((fields, i): RobotPluginEntry => ({
      name: `Original entry ${i + 1}`,
      icon: EMULATOR_ROBOT_ICON,
      ...(fields.pcUrl ? { pcUrl: ENTRY_URL } : {}),
      ...(fields.mobileUrl ? { mobileUrl: ENTRY_URL } : {}),
    }));
    if (entries.length > 0) await direct.robotPlugins.setPlugins(EMULATOR_ROBOT_CODE, entries);
    else await direct.robotPlugins.clearPlugins(EMULATOR_ROBOT_CODE);
    return { robotCode: EMULATOR_ROBOT_CODE, icon: EMULATOR_ROBOT_ICON };
  },
  async scenario(session, { robotCode, icon }, cleanup) {
    const client = session.clients.robotPlugins;
    const original = await client.queryPlugins(robotCode);
    cleanup.add('restore the robot plugins', () =>
      original.length > 0 ? client.setPlugins(robotCode, original) : client.clearPlugins(robotCode),
    );
    const create = {
      robotCode,
      adopt: true,
      plugins: [{ name: uniqueName(), icon, pcUrl: ENTRY_URL }],
    };
    const update = {
      ...create,
      plugins: [
        { name: { en_US: uniqueName('-en'), zh_CN: uniqueName('-zh') }, icon, pcUrl: ENTRY_URL },
        { name: uniqueName('-2'), icon, mobileUrl: ENTRY_URL },
      ],
    };
    await runLifecycle(
      session,
      { type: ROBOT_PLUGIN_TYPE, create, update, afterDelete: 'emptied', emptiedField: 'plugins' },
      cleanup,
    );
    return original.map((p) => ({ pcUrl: !!p.pcUrl, mobileUrl: !!p.mobileUrl }));
  },
});
