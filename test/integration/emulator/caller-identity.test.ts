import type { RunningEmulator } from '../../../emulator';
import { alicloudClient, rpc, useAlicloudEmulator } from './helpers';

/** STS GetCallerIdentity: the account and identity of each key, issued ones included. */
let emu: RunningEmulator;
let client: ReturnType<typeof alicloudClient>;

const STS_VERSION = '2015-04-01';
const DEFAULT_ACCOUNT = '1234567890123456';
const OTHER_ACCOUNT = '2000000000000001';
const OTHER_KEY = { accessKeyId: 'other', accessKeySecret: 'other-secret' };
const OTHER_ROLE = `acs:ram::${OTHER_ACCOUNT}:role/deployer`;

useAlicloudEmulator(
  {
    accounts: [{ accountId: OTHER_ACCOUNT, accessKeys: [OTHER_KEY] }],
    ramRoles: [{ roleArn: OTHER_ROLE }],
  },
  (started, startedClient) => {
    emu = started;
    client = startedClient;
  },
);

const whoAmI = (caller: ReturnType<typeof alicloudClient>) =>
  rpc(caller, 'GetCallerIdentity', {}, STS_VERSION);

describe('GetCallerIdentity', () => {
  it('answers a plain key as a RAM user of its account, with stable ids', async () => {
    const identity = await whoAmI(client);
    expect(identity).toEqual({
      RequestId: expect.any(String),
      AccountId: DEFAULT_ACCOUNT,
      Arn: `acs:ram::${DEFAULT_ACCOUNT}:user/test`,
      IdentityType: 'RAMUser',
      PrincipalId: expect.stringMatching(/^2\d{15}$/),
      UserId: identity.PrincipalId,
    });
    expect((await whoAmI(client)).UserId).toBe(identity.UserId);

    const other = await whoAmI(alicloudClient(emu, OTHER_KEY));
    expect(other).toMatchObject({
      AccountId: OTHER_ACCOUNT,
      Arn: `acs:ram::${OTHER_ACCOUNT}:user/other`,
      IdentityType: 'RAMUser',
    });
    expect(other.UserId).not.toBe(identity.UserId);
  });

  it("answers keys STS issued as the assumed role of the role's account", async () => {
    const assumed = await rpc(
      client,
      'AssumeRole',
      { RoleArn: OTHER_ROLE, RoleSessionName: 'ci-run-7' },
      STS_VERSION,
    );
    expect(assumed.AssumedRoleUser.Arn).toBe(
      `acs:ram::${OTHER_ACCOUNT}:assumed-role/deployer/ci-run-7`,
    );
    const credentials = assumed.Credentials as Record<string, string>;
    const roleClient = alicloudClient(emu, {
      accessKeyId: credentials.AccessKeyId,
      accessKeySecret: credentials.AccessKeySecret,
      securityToken: credentials.SecurityToken,
    });
    const identity = await whoAmI(roleClient);
    expect(identity).toEqual({
      RequestId: expect.any(String),
      AccountId: OTHER_ACCOUNT,
      Arn: `acs:ram::${OTHER_ACCOUNT}:assumed-role/deployer/ci-run-7`,
      IdentityType: 'AssumedRoleUser',
      RoleId: expect.stringMatching(/^3\d{17}$/),
      PrincipalId: `${identity.RoleId}:ci-run-7`,
      UserId: `${identity.RoleId}:ci-run-7`,
    });
    expect(assumed.AssumedRoleUser.AssumedRoleId).toBe(identity.PrincipalId);

    // The issued keys act for the role's account: its objects are theirs.
    await rpc(roleClient, 'CreateOrUpdateDingTalk', {
      RuleActionName: 'from-role',
      SendUrl: 'https://oapi.dingtalk.com/robot/send?access_token=abc',
    });
    expect(emu.state().securityCenter.notifications.map((n) => n.accountId)).toEqual([
      OTHER_ACCOUNT,
    ]);
    const logged = emu.requests().requests.find((r) => r.action === 'CreateOrUpdateDingTalk');
    expect(logged).toMatchObject({
      principal: credentials.AccessKeyId,
      account: OTHER_ACCOUNT,
      role: OTHER_ROLE,
    });
  });
});
