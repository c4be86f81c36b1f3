import type { ResourceLifecycle } from '../lifecycle/lifecycle';
import {
  CHAT_CONFIGURATION_TYPE,
  chatConfigurationLifecycle,
} from './chat-configuration-lifecycle';
import {
  SECURITY_CENTER_DINGTALK_NOTIFICATION_TYPE,
  securityCenterDingTalkNotificationLifecycle,
} from './security-center-dingtalk-notification-lifecycle';
import { ROBOT_PLUGIN_TYPE, robotPluginLifecycle } from './robot-plugin/lifecycle';
import { DINGTALK_GROUP_TYPE, dingTalkGroupLifecycle } from './dingtalk-group/lifecycle';

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
