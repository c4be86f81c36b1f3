/**
 * Everything the emulated services remember. Plain JSON so that it can be written to the
 * state file as is and served by `GET /_emulator/state` (secrets included: that endpoint
 * exists to let tests see what a console would show to its owner).
 */

export type ChatType = 'DingTalk' | 'WeChat';

export interface ChatConfigurationRecord {
  /** The owning Alibaba Cloud account; absent = the default account (older state files). */
  accountId?: string;
  regionId: string;
  name: string;
  type: ChatType;
  ramRole?: string;
  resourceGroupId?: string;
  /** As sent, secrets in clear; Get masks them on the way out. */
  configuration: Record<string, string>;
  /** `URL`, plus `AesKey` for WeCom. Fixed at creation. */
  outputs: Record<string, string>;
  createdAt: number;
  updatedAt: number;
}

export interface DingTalkNotificationRecord {
  /** The owning Alibaba Cloud account; absent = the default account (older state files). */
  accountId?: string;
  /** Unique across accounts, as the service numbers them. */
  id: number;
  ruleActionName: string;
  sendUrl: string;
  /** 0 disabled, 1 enabled. */
  status: 0 | 1;
  intervalTime: number;
  /** JSON strings kept verbatim: the API round-trips them as text. */
  configList: string;
  groupIdList: string;
  language: string;
  gmtCreate: number;
  gmtModified: number;
}

export interface RobotPluginRecord {
  name: string;
  icon: string;
  pcUrl?: string;
  mobileUrl?: string;
}

export interface GroupChatRecord {
  /** The corp of the app that created the group; absent = the default corp (older state files). */
  corpId?: string;
  chatId: string;
  openConversationId: string;
  name: string;
  owner: string;
  userIds: string[];
  icon: string;
  conversationTag: number;
  showHistoryType: 0 | 1;
  searchable: 0 | 1;
  validationType: 0 | 1;
  mentionAllAuthority: 0 | 1;
  managementType: 0 | 1;
  chatBannedType: 0 | 1;
  /** 1 normal, 2 dismissed (only through the console, i.e. the control API). */
  status: 1 | 2;
}

export interface TokenRecord {
  appKey: string;
  expiresAt: number;
}

export interface RobotEntry {
  robotCode: string;
  name?: string;
  /** The app that owns the robot; absent means any app may manage it. */
  appKey?: string;
  /** A robot disabled by its organisation answers `invalidRequest.robotIsStop`. */
  stopped?: boolean;
}

export interface UserEntry {
  userId: string;
  name?: string;
}

export interface DirectoryExtension {
  robots: RobotEntry[];
  users: UserEntry[];
}

export interface EmulatorState {
  version: 1;
  oos: { chatConfigurations: ChatConfigurationRecord[] };
  securityCenter: {
    notifications: DingTalkNotificationRecord[];
    nextId: number;
    /** One entry per DingTalkOnlineTest call: the message the robot would have posted. */
    testMessages: { id: number; at: number }[];
  };
  robotPlugins: Record<string, RobotPluginRecord[]>;
  groupChats: Record<string, GroupChatRecord>;
  /** Access tokens by token value. */
  tokens: Record<string, TokenRecord>;
  /** Robots and users added at run time (control API); defaults and options live in code. */
  directory: DirectoryExtension;
}

export function emptyState(): EmulatorState {
  return {
    version: 1,
    oos: { chatConfigurations: [] },
    securityCenter: { notifications: [], nextId: 1, testMessages: [] },
    robotPlugins: {},
    groupChats: {},
    tokens: {},
    directory: { robots: [], users: [] },
  };
}
