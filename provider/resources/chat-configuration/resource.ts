import * as pulumi from '@pulumi/pulumi';
import { providerFor } from '../../program/stub-provider';
import { secretInputs, withOutputSlots, withSecretOutputs } from '../../program/resource-options';
import {
  CHAT_CONFIGURATION_TYPE,
  CHAT_CONFIGURATION_OUTPUT_ONLY,
  CHAT_CONFIGURATION_SECRET_INPUTS,
  CHAT_CONFIGURATION_SECRET_OUTPUTS,
} from './schema';

/** Inputs of a {@link ChatConfiguration}. */
export interface ChatConfigurationArgs {
  /**
   * Name of the chat configuration: 1 to 200 printable characters. Unique per account and
   * region; changing it replaces the configuration.
   */
  name: pulumi.Input<string>;
  /**
   * `DingTalk` (a DingTalk bot) or `WeChat` (a WeCom bot). Default: `DingTalk`. Changing it
   * replaces the configuration (the old one is deleted first, since the name stays).
   */
  type?: pulumi.Input<'DingTalk' | 'WeChat'>;
  /**
   * Region of the configuration, such as `cn-hangzhou`. Default: the stack config
   * `alicloud:region`, else the `ALIBABA_CLOUD_REGION` environment variable. Changing it
   * replaces the configuration.
   */
  regionId?: pulumi.Input<string>;
  /** RAM role OOS assumes for this configuration. Default: none. */
  ramRole?: pulumi.Input<string>;
  /** Resource group, such as `rg-acfmxxxxxxxxxxx`. Default: the account's default group. */
  resourceGroupId?: pulumi.Input<string>;
  /** DingTalk app client id (AppKey). Required when `type` is `DingTalk`. Default: none. */
  clientId?: pulumi.Input<string>;
  /**
   * DingTalk app client secret (AppSecret). Required when `type` is `DingTalk`; default:
   * none. Always stored as a secret. OOS never returns it, so a change made outside Pulumi is
   * not seen.
   */
  clientSecret?: pulumi.Input<string>;
  /**
   * DingTalk card template id, such as `<uuid>.schema`. Required when `type` is `DingTalk`;
   * default: none.
   */
  templateId?: pulumi.Input<string>;
  /**
   * WeCom settings as OOS expects them in `Configuration` (their keys are not documented).
   * Required when `type` is `WeChat`; default: none. Stored as a secret as a whole.
   */
  weComSettings?: pulumi.Input<Record<string, pulumi.Input<string>>>;
  /**
   * Take over a configuration of the same name that already exists (its settings are
   * overwritten with these). Without it, an existing name fails the create. Default: `false`.
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
 * An Alibaba Cloud OOS chat configuration: a DingTalk or WeCom bot that OOS uses for
 * ChatOps. The id is `<regionId>/<name>`.
 *
 * API operations: `CreateChatConfiguration` + `GetChatConfiguration` (create),
 * `GetChatConfiguration` (refresh), `UpdateChatConfiguration` (update),
 * `DeleteChatConfiguration` (delete). RAM actions: `oos:CreateChatConfiguration`,
 * `oos:GetChatConfiguration`, `oos:UpdateChatConfiguration`, `oos:DeleteChatConfiguration`.
 *
 * Credentials: the Alibaba Cloud credential chain (stack config `alicloud:accessKey` /
 * `alicloud:secretKey`, a CLI profile, an assumed role, OIDC, ...; see "Credentials" in the
 * README), or the account named by `account`; endpoint override `chatops:oosEndpoint`.
 */
export class ChatConfiguration extends pulumi.dynamic.Resource {
  /** Name of the configuration. */
  declare public readonly name: pulumi.Output<string>;
  /** `DingTalk` or `WeChat`. */
  declare public readonly type: pulumi.Output<'DingTalk' | 'WeChat'>;
  /** Region of the configuration. */
  declare public readonly regionId: pulumi.Output<string>;
  /** RAM role, if any. */
  declare public readonly ramRole: pulumi.Output<string | undefined>;
  /** Resource group. */
  declare public readonly resourceGroupId: pulumi.Output<string | undefined>;
  /** DingTalk client id. */
  declare public readonly clientId: pulumi.Output<string | undefined>;
  /** DingTalk client secret (secret; the value last applied). */
  declare public readonly clientSecret: pulumi.Output<string | undefined>;
  /** DingTalk template id. */
  declare public readonly templateId: pulumi.Output<string | undefined>;
  /** WeCom settings (secret). */
  declare public readonly weComSettings: pulumi.Output<Record<string, string> | undefined>;
  /** Whether the create may take over an existing configuration. */
  declare public readonly adopt: pulumi.Output<boolean>;
  /**
   * Webhook URL OOS gives the bot (`Outputs.URL`). Secret: whoever holds it can send
   * commands into the ChatOps flow. Read it with `pulumi.unsecret` or
   * `pulumi stack output --show-secrets`.
   */
  declare public readonly webhookUrl: pulumi.Output<string | undefined>;
  /** WeCom AES key (`Outputs.AesKey`, secret). */
  declare public readonly aesKey: pulumi.Output<string | undefined>;
  /** Creation time, as OOS reports it. */
  declare public readonly createdDate: pulumi.Output<string | undefined>;
  /** Last modification time, as OOS reports it. */
  declare public readonly updatedDate: pulumi.Output<string | undefined>;
  /**
   * The Alibaba Cloud account the configuration lives in. Operations with credentials of
   * another account fail before they read or change anything.
   */
  declare public readonly accountId: pulumi.Output<string | undefined>;

  constructor(name: string, args: ChatConfigurationArgs, opts?: pulumi.CustomResourceOptions) {
    super(
      providerFor(CHAT_CONFIGURATION_TYPE),
      name,
      withOutputSlots(
        secretInputs(args, CHAT_CONFIGURATION_SECRET_INPUTS),
        CHAT_CONFIGURATION_OUTPUT_ONLY,
      ),
      withSecretOutputs(opts, CHAT_CONFIGURATION_SECRET_OUTPUTS),
      'chatops',
      CHAT_CONFIGURATION_TYPE,
    );
  }
}
