/**
 * Pulumi dynamic resources for ChatOps integrations on Alibaba Cloud OOS, Alibaba Cloud
 * Security Center and DingTalk.
 *
 * @packageDocumentation
 */
export {
  ChatConfiguration,
  type ChatConfigurationArgs,
} from './resources/chat-configuration/resource';
export {
  SecurityCenterDingTalkNotification,
  type SecurityCenterDingTalkNotificationArgs,
  type NotificationConfigArgs,
  type NotificationConfigItemArgs,
} from './resources/security-center-notification/resource';
export {
  getChatConfigurations,
  type GetChatConfigurationsArgs,
  type GetChatConfigurationsOptions,
  type GetChatConfigurationsResult,
  type ChatConfigurationSummary,
} from './resources/chat-configuration/get-chat-configurations';
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
export type {
  AlicloudAccountSettings,
  AssumeRoleSettings,
  AssumeRoleWithOidcSettings,
  DingTalkAppSettings,
} from './credentials/config-input';
