import { SECURITY_CENTER_DINGTALK_NOTIFICATION_TYPE } from '../../../provider/resources/security-center-notification/schema';
import { ALICLOUD_KEY_VARIABLES, variable } from '../environment';
import { EMULATOR_WEBHOOK_URL } from '../emulator-fixture';
import { runDeletedBehindTheBack, runLifecycle } from '../lifecycle-steps';
import { uniqueName } from '../names';
import { definePart } from '../part';

interface Fixture {
  regionId: string;
  webhookUrl: string;
}

/** The vendor's own ConfigList example, so the nested filter shapes travel both ways. */
const CONFIG = [
  {
    type: 'sas_analysis_online-sas-operation-log-sas-event-suspicious',
    items: [
      { key: 'item_level', values: ['all'] },
      { key: 'event_type', values: ['all'] },
    ],
  },
];

/**
 * A Security Center DingTalk notification: created, read, switched to English with an
 * interval, read, deleted; then a second one deleted behind Pulumi's back, refreshed and
 * destroyed. It stays enabled throughout: ModifyDingTalkStatus is an
 * Enterprise-edition feature, and creating a notification sends no message (only
 * DingTalkOnlineTest does, which the suite never calls).
 */
export const securityCenterNotificationPart = definePart<Fixture, undefined>({
  name: 'SecurityCenterDingTalkNotification',
  variables: [...ALICLOUD_KEY_VARIABLES, 'CHATOPS_ACCEPTANCE_SAS_WEBHOOK_URL'],
  fromEnvironment: (env) => ({
    regionId: env.ALIBABA_CLOUD_REGION || 'cn-hangzhou',
    webhookUrl: variable(env, 'CHATOPS_ACCEPTANCE_SAS_WEBHOOK_URL'),
  }),
  seed: async () => ({ regionId: 'cn-hangzhou', webhookUrl: EMULATOR_WEBHOOK_URL }),
  async scenario(session, fixture, cleanup) {
    const create = { name: uniqueName(), ...fixture, language: 'zh', config: CONFIG };
    await runLifecycle(
      session,
      {
        type: SECURITY_CENTER_DINGTALK_NOTIFICATION_TYPE,
        create,
        update: { ...create, language: 'en', intervalTime: 60 },
        afterDelete: 'gone',
      },
      cleanup,
    );
    await runDeletedBehindTheBack(
      session,
      {
        type: SECURITY_CENTER_DINGTALK_NOTIFICATION_TYPE,
        create: { ...create, name: uniqueName() },
      },
      async ({ id, outs }) => {
        await session.clients.securityCenter.deleteDingTalk(String(outs.regionId), [Number(id)]);
      },
      cleanup,
    );
    return undefined;
  },
});
