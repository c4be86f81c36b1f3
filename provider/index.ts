/**
 * Pulumi dynamic resources for ChatOps integrations on Alibaba Cloud OOS, Alibaba Cloud
 * Security Center and DingTalk.
 *
 * @packageDocumentation
 */
export { ChatConfiguration, type ChatConfigurationArgs } from './resources/chat-configuration';
export {
  SecurityCenterDingTalkNotification,
  type SecurityCenterDingTalkNotificationArgs,
  type NotificationConfigArgs,
  type NotificationConfigItemArgs,
} from './resources/security-center-dingtalk-notification';
export {
  getChatConfigurations,
  type GetChatConfigurationsArgs,
  type GetChatConfigurationsOptions,
  type GetChatConfigurationsResult,
  type ChatConfigurationSummary,
} from './resources/get-chat-configurations';
export {
  RobotPlugin,
  type RobotPluginArgs,
  type RobotPluginEntryArgs,
  type RobotPluginEntry,
} from './resources/robot-plugin/resource';
export {
  DingTalkGroup,
  type DingTalkGroupArgs,
  type DingTalkGroupMemberPolicy,
  type DingTalkGroupDeletionPolicy,
} from './resources/dingtalk-group/resource';
export type { ProviderSettings } from './config/settings';
