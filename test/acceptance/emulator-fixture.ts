import { accessKey } from '../support/ram-identities';

/**
 * What the emulator runs use instead of a user's accounts. The secrets are distinctive so a
 * leak into the report or the output is unmistakable (the report test searches for them).
 */
export const EMULATOR_ALICLOUD_KEY = accessKey(
  'LTAI-acceptance-emulator',
  'ACC-ALIYUN-SECRET-7d2e9b4c1a6f3e8d',
);
export const EMULATOR_DINGTALK_APP = {
  appKey: 'dingacceptanceemulator',
  appSecret: 'ACC-DINGTALK-SECRET-5b8e1f0c7a2d4e6b',
};
export const EMULATOR_WEBHOOK_URL =
  'https://oapi.dingtalk.com/robot/send?access_token=ACC-WEBHOOK-TOKEN-3c9a7e1d5f2b8c4a';
export const EMULATOR_TEMPLATE_ID = '0b7c6a1e-5d2f-4c3b-9a8e-acceptance00.schema';
/** A robot of the suite's app (added to the emulator's directory), and the vendor's media id. */
export const EMULATOR_ROBOT_CODE = 'dingacceptancerobot';
export const EMULATOR_ROBOT_ICON = '@lALPDtXaDkO3j7hgYA';
/** A user of the emulator's default directory, the owner of the seeded group. */
export const EMULATOR_GROUP_OWNER = 'manager4220';

export const EMULATOR_SECRETS = [
  EMULATOR_ALICLOUD_KEY.accessKeySecret,
  EMULATOR_DINGTALK_APP.appSecret,
  EMULATOR_WEBHOOK_URL,
  'ACC-WEBHOOK-TOKEN-3c9a7e1d5f2b8c4a',
];
