import * as pulumi from '@pulumi/pulumi';
import { withOutputSlots } from '../../program/resource-options';
import { providerFor } from '../../program/stub-provider';
import { ROBOT_PLUGIN_OUTPUT_ONLY, ROBOT_PLUGIN_TYPE } from './schema';

/** One quick entry of a robot's single chat. */
export interface RobotPluginEntryArgs {
  /**
   * Label of the entry: a string, or a locale map such as
   * `{ en_US: "Deploy", zh_CN: "部署" }`, which is sent as DingTalk's i18n JSON string
   * (keys sorted, so the order you write them in never shows as a change).
   */
  name: pulumi.Input<string | Record<string, pulumi.Input<string>>>;
  /** Icon: a DingTalk media id from the media upload API (such as `@lALPDtXaDkO3j7hgYA`), not a URL. */
  icon: pulumi.Input<string>;
  /** Page opened by the entry in the desktop client (an absolute URL). Default: none. */
  pcUrl?: pulumi.Input<string>;
  /** Page opened by the entry in the mobile client (an absolute URL). Default: none. */
  mobileUrl?: pulumi.Input<string>;
}

/** Inputs of a {@link RobotPlugin}. */
export interface RobotPluginArgs {
  /** The robot's code (`robotCode`, such as `dingxxxxxxxx`). Changing it replaces the resource. */
  robotCode: pulumi.Input<string>;
  /**
   * The robot's whole list of quick entries, in the order the chat shows them. A new
   * order is an update. DingTalk caps the number of entries per robot (the value is not
   * published); a longer list fails with an error that says so. Default: `[]` (no entries).
   */
  plugins?: pulumi.Input<pulumi.Input<RobotPluginEntryArgs>[]>;
  /**
   * Take over a robot that already has plugins (they are replaced with `plugins`).
   * Without it, a robot with plugins fails the create. Default: `false`.
   */
  adopt?: pulumi.Input<boolean>;
  /**
   * The DingTalk app to call as: a name of the stack config `chatops:dingtalkApps` (only the
   * name; the credentials stay in stack config). Default: the stack's own app
   * (`dingtalk:clientId`). Changing it is an update that calls with the new app.
   */
  app?: pulumi.Input<string>;
}

/** One quick entry as stored in the outputs. */
export interface RobotPluginEntry {
  /** The label: a string, or a locale map with its keys sorted. */
  name: string | Record<string, string>;
  /** The icon's DingTalk media id. */
  icon: string;
  /** Desktop page, if any. */
  pcUrl?: string;
  /** Mobile page, if any. */
  mobileUrl?: string;
}

/**
 * The quick entries ("plugins") of a DingTalk single-chat robot. The id is the robot code;
 * deleting the resource clears the robot's list.
 *
 * API operations (DingTalk `robot_1.0`): `POST /v1.0/robot/plugins/query` then
 * `/v1.0/robot/plugins/set` (create), `query` (refresh), `set` (update; `clear` for an
 * empty list), `clear` (delete). DingTalk permission: `Robot.SingleChat.ReadWrite`
 * (internal apps only).
 *
 * Credentials: stack config `dingtalk:clientId` and `dingtalk:clientSecret` (secret), or
 * `DINGTALK_CLIENT_ID` / `DINGTALK_CLIENT_SECRET`, or the app named by `app`; endpoint
 * override `chatops:dingtalkApiEndpoint`.
 */
export class RobotPlugin extends pulumi.dynamic.Resource {
  /** The robot's code. */
  declare public readonly robotCode: pulumi.Output<string>;
  /** The robot's quick entries, in order, as last applied or read. */
  declare public readonly plugins: pulumi.Output<RobotPluginEntry[]>;
  /** Whether the create could take over existing plugins. */
  declare public readonly adopt: pulumi.Output<boolean>;

  constructor(name: string, args: RobotPluginArgs, opts?: pulumi.CustomResourceOptions) {
    super(
      providerFor(ROBOT_PLUGIN_TYPE),
      name,
      withOutputSlots(args, ROBOT_PLUGIN_OUTPUT_ONLY),
      opts,
      'chatops',
      ROBOT_PLUGIN_TYPE,
    );
  }
}
