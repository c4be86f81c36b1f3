import type { ResourceLifecycle } from '../lifecycle/lifecycle';
import { chatConfigurationLifecycle } from './chat-configuration/lifecycle';
import { CHAT_CONFIGURATION_TYPE } from './chat-configuration/schema';
import { dingTalkGroupLifecycle } from './dingtalk-group/lifecycle';
import { DINGTALK_GROUP_TYPE } from './dingtalk-group/schema';
import { robotPluginLifecycle } from './robot-plugin/lifecycle';
import { ROBOT_PLUGIN_TYPE } from './robot-plugin/schema';
import { securityCenterDingTalkNotificationLifecycle } from './security-center-notification/lifecycle';
import { SECURITY_CENTER_DINGTALK_NOTIFICATION_TYPE } from './security-center-notification/schema';

/**
 * Every resource type the provider runtime serves, by the type name the stubs send (the
 * last segment of the type token `pulumi-nodejs:dynamic/chatops:<name>`). A name, once
 * published, stays: state written by older versions refers to it.
 */
export const lifecycles: Record<string, ResourceLifecycle> = {
  [CHAT_CONFIGURATION_TYPE]: chatConfigurationLifecycle,
  [SECURITY_CENTER_DINGTALK_NOTIFICATION_TYPE]: securityCenterDingTalkNotificationLifecycle,
  [ROBOT_PLUGIN_TYPE]: robotPluginLifecycle,
  [DINGTALK_GROUP_TYPE]: dingTalkGroupLifecycle,
};
