import { CHAT_CONFIGURATION_TYPE } from '../../../provider/resources/chat-configuration/schema';
import { ALICLOUD_KEY_VARIABLES, DINGTALK_APP_VARIABLES, variable } from '../environment';
import { EMULATOR_DINGTALK_APP, EMULATOR_TEMPLATE_ID } from '../emulator-fixture';
import { runDeletedBehindTheBack, runLifecycle } from '../lifecycle-steps';
import { uniqueName } from '../names';
import { definePart } from '../part';

interface Fixture {
  regionId: string;
  clientId: string;
  clientSecret: string;
  templateId: string;
  ramRole: string;
}

/** OOS documents this role for its own service; any existing role name does. */
const DEFAULT_RAM_ROLE = 'OOSServiceRole';

/**
 * An OOS chat configuration of a DingTalk app: created, read, given a RAM role, read, then
 * deleted; then a second one deleted behind Pulumi's back, refreshed and destroyed. The
 * configurations point at the user's DingTalk app and template.
 */
export const chatConfigurationPart = definePart<Fixture, undefined>({
  name: 'ChatConfiguration',
  variables: [
    ...ALICLOUD_KEY_VARIABLES,
    ...DINGTALK_APP_VARIABLES,
    'CHATOPS_ACCEPTANCE_OOS_TEMPLATE_ID',
  ],
  fromEnvironment: (env) => ({
    regionId: env.ALIBABA_CLOUD_REGION || 'cn-hangzhou',
    clientId: variable(env, 'DINGTALK_CLIENT_ID'),
    clientSecret: variable(env, 'DINGTALK_CLIENT_SECRET'),
    templateId: variable(env, 'CHATOPS_ACCEPTANCE_OOS_TEMPLATE_ID'),
    ramRole: env.CHATOPS_ACCEPTANCE_OOS_RAM_ROLE || DEFAULT_RAM_ROLE,
  }),
  seed: async () => ({
    regionId: 'cn-hangzhou',
    clientId: EMULATOR_DINGTALK_APP.appKey,
    clientSecret: EMULATOR_DINGTALK_APP.appSecret,
    templateId: EMULATOR_TEMPLATE_ID,
    ramRole: DEFAULT_RAM_ROLE,
  }),
  async scenario(session, fixture, cleanup) {
    const { ramRole, ...dingTalk } = fixture;
    const create = { name: uniqueName(), type: 'DingTalk', ...dingTalk };
    await runLifecycle(
      session,
      {
        type: CHAT_CONFIGURATION_TYPE,
        create,
        update: { ...create, ramRole },
        afterDelete: 'gone',
      },
      cleanup,
    );
    await runDeletedBehindTheBack(
      session,
      { type: CHAT_CONFIGURATION_TYPE, create: { ...create, name: uniqueName() } },
      async ({ outs }) => {
        await session.clients.oos.deleteChatConfiguration({
          regionId: String(outs.regionId),
          name: String(outs.name),
        });
      },
      cleanup,
    );
    return undefined;
  },
});
