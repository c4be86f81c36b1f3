import * as pulumi from '@pulumi/pulumi';
import { providerFor } from '../../program/stub-provider';
import { secretInputs, withOutputSlots, withSecretOutputs } from '../../program/resource-options';
import {
  SECURITY_CENTER_DINGTALK_NOTIFICATION_TYPE,
  NOTIFICATION_OUTPUT_ONLY,
  NOTIFICATION_SECRET_INPUTS,
  NOTIFICATION_SECRET_OUTPUTS,
} from './schema';

/** One filter of a notification rule, such as `{ key: 'item_level', values: ['all'] }`. */
export interface NotificationConfigItemArgs {
  /** Filter key, such as `item_level` or `event_type`. */
  key: pulumi.Input<string>;
  /** Accepted values (at least one), such as `['all']`. Order does not matter. */
  values: pulumi.Input<pulumi.Input<string>[]>;
}

/** One entry of the `ConfigList`: which kind of event notifies, and its filters. */
export interface NotificationConfigArgs {
  /** Event type, such as `sas_analysis_online-sas-operation-log-sas-event-suspicious`. */
  type: pulumi.Input<string>;
  /** Filters of this event type. Default: none. */
  items?: pulumi.Input<pulumi.Input<NotificationConfigItemArgs>[]>;
}

/** Inputs of a {@link SecurityCenterDingTalkNotification}. */
export interface SecurityCenterDingTalkNotificationArgs {
  /** Name of the notification (`RuleActionName`): 2 to 64 characters. */
  name: pulumi.Input<string>;
  /**
   * The DingTalk robot webhook that receives the alerts (`SendUrl`): an https URL on a
   * DingTalk host with its `access_token`. Always stored as a secret.
   */
  webhookUrl: pulumi.Input<string>;
  /**
   * Minimum interval between two notifications (`IntervalTime`), as Security Center counts
   * it; 0 means no minimum. Default: `0`.
   */
  intervalTime?: pulumi.Input<number>;
  /** Message language, `zh` or `en`. Default: `zh`. */
  language?: pulumi.Input<'zh' | 'en'>;
  /** Asset group ids whose alerts are sent (a set; numeric strings). Default: none. */
  groupIds?: pulumi.Input<pulumi.Input<string>[]>;
  /** Which events notify (`ConfigList`); entries and their items form sets. Default: none. */
  config?: pulumi.Input<pulumi.Input<NotificationConfigArgs>[]>;
  /** Whether notifications are sent (`ModifyDingTalkStatus`). Default: `true`. */
  enabled?: pulumi.Input<boolean>;
  /**
   * Region whose Security Center endpoint holds the notification (mainland China regions use
   * `tds.cn-shanghai`, all others `tds.ap-southeast-1`). Default: the stack config
   * `alicloud:region`, else `ALIBABA_CLOUD_REGION`, else `cn-shanghai`. Changing it replaces
   * the notification.
   */
  regionId?: pulumi.Input<string>;
  /**
   * Take over an existing notification of the same name (the one with the lowest Id; its
   * settings are overwritten). Without it, an existing name fails the create. Default: `false`.
   */
  adopt?: pulumi.Input<boolean>;
  /**
   * The Alibaba Cloud account to call as: a name of the stack config
   * `chatops:alicloudAccounts` (only the name; the credentials stay in stack config). Default:
   * the stack's own credentials (see "Credentials" in the README). Changing it replaces the
   * resource: another account holds other objects.
   */
  account?: pulumi.Input<string>;
}

/**
 * An Alibaba Cloud Security Center DingTalk notification: alerts sent to a DingTalk robot.
 * The id is the numeric Security Center Id.
 *
 * API operations: `DescribeDingTalk` (name lookup, Id discovery, refresh),
 * `CreateOrUpdateDingTalk` (create, update), `ModifyDingTalkStatus` (enable/disable),
 * `DeleteDingTalk` (delete; also removes duplicates a retried create may leave). RAM actions:
 * `yundun-sas:DescribeDingTalk`, `yundun-sas:CreateOrUpdateDingTalk`,
 * `yundun-sas:ModifyDingTalkStatus` (Enterprise edition), `yundun-sas:DeleteDingTalk`.
 *
 * Credentials as for {@link ChatConfiguration}; endpoint override `chatops:sasEndpoint`.
 */
export class SecurityCenterDingTalkNotification extends pulumi.dynamic.Resource {
  /** Name of the notification. */
  declare public readonly name: pulumi.Output<string>;
  /** Robot webhook (secret). */
  declare public readonly webhookUrl: pulumi.Output<string>;
  /** Minimum interval between notifications. */
  declare public readonly intervalTime: pulumi.Output<number>;
  /** Message language. */
  declare public readonly language: pulumi.Output<'zh' | 'en'>;
  /** Asset group ids. */
  declare public readonly groupIds: pulumi.Output<string[]>;
  /** Event configuration. */
  declare public readonly config: pulumi.Output<
    {
      /** Event type. */
      type: string;
      /** Filters of the event type. */
      items: {
        /** Filter key. */
        key: string;
        /** Accepted values. */
        values: string[];
      }[];
    }[]
  >;
  /** Whether notifications are sent. */
  declare public readonly enabled: pulumi.Output<boolean>;
  /** Region whose endpoint holds the notification. */
  declare public readonly regionId: pulumi.Output<string>;
  /** Whether the create may take over an existing notification. */
  declare public readonly adopt: pulumi.Output<boolean>;
  /** The numeric Security Center Id. */
  declare public readonly notificationId: pulumi.Output<number>;
  /** Creation time (`GmtCreate`). */
  declare public readonly createdDate: pulumi.Output<string | undefined>;
  /** Modification time (`GmtModified`) as last read. */
  declare public readonly updatedDate: pulumi.Output<string | undefined>;
  /**
   * The Alibaba Cloud account the notification lives in. Operations with credentials of
   * another account fail before they read or change anything.
   */
  declare public readonly accountId: pulumi.Output<string | undefined>;

  constructor(
    name: string,
    args: SecurityCenterDingTalkNotificationArgs,
    opts?: pulumi.CustomResourceOptions,
  ) {
    super(
      providerFor(SECURITY_CENTER_DINGTALK_NOTIFICATION_TYPE),
      name,
      withOutputSlots(secretInputs(args, NOTIFICATION_SECRET_INPUTS), NOTIFICATION_OUTPUT_ONLY),
      withSecretOutputs(opts, NOTIFICATION_SECRET_OUTPUTS),
      'chatops',
      SECURITY_CENTER_DINGTALK_NOTIFICATION_TYPE,
    );
  }
}
