import { startEmulator, type RunningEmulator } from '../../../emulator';
import { resolveOptions } from '../../../emulator/options';
import { alicloudClient, http, manualClock, rpc, type RawResponse } from './helpers';

/**
 * The CloudSSO portal of the CLI's `CloudSSO` profiles: `/cloud-credentials` trades the
 * sign-in's access token for STS keys of an account and access configuration assigned to
 * the person, acting as the role CloudSSO keeps in that account.
 */
let emu: RunningEmulator;
const START = Date.now();
const clock = manualClock(START);

const STS_VERSION = '2015-04-01';
const SSO_ACCOUNT = '5000000000000005';
const SECOND_ACCOUNT = '6000000000000006';
const ACCESS_TOKEN = 'cloudSsoAccessToken1q2w3e4r5t';
const SHORT_TOKEN = 'cloudSsoShortAccessToken6y7u8i';
const SHORT_LIFETIME_MS = 5_000;
const STS_LIFETIME_SECONDS = 900;

beforeAll(async () => {
  emu = await startEmulator({
    clock: clock.now,
    stsLifetimeSeconds: STS_LIFETIME_SECONDS,
    cloudSsoSignIns: [
      // One person with two assignments.
      { accessToken: ACCESS_TOKEN, accountId: SSO_ACCOUNT, accessConfigurationId: 'ac-admin' },
      { accessToken: ACCESS_TOKEN, accountId: SECOND_ACCOUNT, accessConfigurationId: 'ac-read' },
      {
        accessToken: SHORT_TOKEN,
        accessTokenExpiresAt: START + SHORT_LIFETIME_MS,
        accountId: SSO_ACCOUNT,
        accessConfigurationId: 'ac-read',
      },
    ],
  });
});

beforeEach(() => {
  clock.advance(START - clock.now());
  emu.reset();
  emu.clearRequests();
  emu.clearFaults();
});

afterAll(async () => {
  await emu.stop();
});

function cloudCredentials(
  accessToken: string | undefined,
  body: unknown,
  options: { rawBody?: string } = {},
): Promise<RawResponse> {
  return http(emu, 'POST', '/cloud-credentials', {
    body: options.rawBody === undefined ? body : undefined,
    rawBody: options.rawBody,
    headers: {
      'content-type': 'application/json',
      ...(accessToken === undefined ? {} : { authorization: `Bearer ${accessToken}` }),
    },
  });
}

const ADMIN = { AccountId: SSO_ACCOUNT, AccessConfigurationId: 'ac-admin' };

function ssoError(res: RawResponse, status: number, code: string): void {
  expect(res.status).toBe(status);
  expect(res.json).toEqual({
    ErrorCode: code,
    ErrorMessage: expect.any(String),
    RequestId: res.headers['x-acs-request-id'],
  });
}

describe('POST /cloud-credentials', () => {
  it('issues STS keys of the access configuration role in the account', async () => {
    const answer = await cloudCredentials(ACCESS_TOKEN, ADMIN);
    expect(answer.status).toBe(200);
    expect(answer.json).toEqual({
      RequestId: answer.headers['x-acs-request-id'],
      CloudCredential: {
        AccessKeyId: expect.stringMatching(/^STS\./),
        AccessKeySecret: expect.any(String),
        SecurityToken: expect.stringMatching(/^CAIS/),
        // stsLifetimeSeconds rules, as for the keys STS issues.
        Expiration: new Date(START + STS_LIFETIME_SECONDS * 1000)
          .toISOString()
          .replace(/\.\d{3}Z$/, 'Z'),
      },
    });
    const credential = answer.json.CloudCredential as Record<string, string>;
    const roleClient = alicloudClient(emu, {
      accessKeyId: credential.AccessKeyId,
      accessKeySecret: credential.AccessKeySecret,
      securityToken: credential.SecurityToken,
    });
    const identity = await rpc(roleClient, 'GetCallerIdentity', {}, STS_VERSION);
    expect(identity).toMatchObject({
      AccountId: SSO_ACCOUNT,
      Arn: `acs:ram::${SSO_ACCOUNT}:assumed-role/AliyunReservedSSO-ac-admin/cloudsso`,
      IdentityType: 'AssumedRoleUser',
    });
    const role = `acs:ram::${SSO_ACCOUNT}:role/AliyunReservedSSO-ac-admin`;
    const log = emu.requests();
    expect(log.counts).toMatchObject({
      'sign-in:cloudsso/cloud-credentials': 1,
      'sts:GetCallerIdentity': 1,
    });
    expect(log.requests.map((r) => ({ account: r.account, role: r.role }))).toEqual([
      { account: SSO_ACCOUNT, role },
      { account: SSO_ACCOUNT, role },
    ]);
    expect(log.requests[0]).toMatchObject({
      family: 'sign-in',
      params: ADMIN,
      principal: undefined,
    });
  });

  it("serves each of the person's assignments and refuses the others with 403", async () => {
    const second = await cloudCredentials(ACCESS_TOKEN, {
      AccountId: SECOND_ACCOUNT,
      AccessConfigurationId: 'ac-read',
    });
    expect(second.status).toBe(200);
    const secondKeys = second.json.CloudCredential as Record<string, string>;
    const identity = await rpc(
      alicloudClient(emu, {
        accessKeyId: secondKeys.AccessKeyId,
        accessKeySecret: secondKeys.AccessKeySecret,
        securityToken: secondKeys.SecurityToken,
      }),
      'GetCallerIdentity',
      {},
      STS_VERSION,
    );
    expect(identity.AccountId).toBe(SECOND_ACCOUNT);

    const otherConfiguration = { AccountId: SSO_ACCOUNT, AccessConfigurationId: 'ac-read' };
    ssoError(
      await cloudCredentials(ACCESS_TOKEN, otherConfiguration),
      403,
      'NoPermission.AccessConfiguration',
    );
    ssoError(
      await cloudCredentials(ACCESS_TOKEN, { ...ADMIN, AccountId: SECOND_ACCOUNT }),
      403,
      'NoPermission.AccessConfiguration',
    );
    // The other sign-in holds exactly that one.
    expect((await cloudCredentials(SHORT_TOKEN, otherConfiguration)).status).toBe(200);
  });

  it('refuses a missing, unknown or expired access token with 401', async () => {
    ssoError(await cloudCredentials(undefined, ADMIN), 401, 'InvalidAccessToken');
    ssoError(await cloudCredentials('neverIssuedToken', ADMIN), 401, 'InvalidAccessToken');
    const read = { AccountId: SSO_ACCOUNT, AccessConfigurationId: 'ac-read' };
    clock.advance(SHORT_LIFETIME_MS - 1);
    expect((await cloudCredentials(SHORT_TOKEN, read)).status).toBe(200);
    clock.advance(1);
    ssoError(await cloudCredentials(SHORT_TOKEN, read), 401, 'AccessTokenExpired');
  });

  it('refuses a body without the fields, not JSON, or another method', async () => {
    ssoError(
      await cloudCredentials(ACCESS_TOKEN, { AccessConfigurationId: 'ac-admin' }),
      400,
      'MissingParameter.AccountId',
    );
    ssoError(
      await cloudCredentials(ACCESS_TOKEN, { AccountId: SSO_ACCOUNT }),
      400,
      'MissingParameter.AccessConfigurationId',
    );
    ssoError(
      await cloudCredentials(ACCESS_TOKEN, { ...ADMIN, AccountId: 5000000000000005 }),
      400,
      'InvalidParameter.AccountId',
    );
    ssoError(
      await cloudCredentials(ACCESS_TOKEN, undefined, { rawBody: 'AccountId=1' }),
      400,
      'InvalidParameter',
    );
    const get = await http(emu, 'GET', '/cloud-credentials', {
      headers: { authorization: `Bearer ${ACCESS_TOKEN}` },
    });
    ssoError(get, 405, 'MethodNotAllowed');
  });
});

describe('faults, reset and the request log', () => {
  it('expire-tokens ends the sign-in; a reset restores it', async () => {
    emu.addFault({ family: 'sign-in', kind: 'expire-tokens', times: 1 });
    ssoError(await cloudCredentials(ACCESS_TOKEN, ADMIN), 401, 'AccessTokenExpired');
    ssoError(await cloudCredentials(ACCESS_TOKEN, ADMIN), 401, 'AccessTokenExpired');
    expect(emu.signIns().cloudSso[0].expiresAt).toBe(new Date(START).toISOString());

    expect((await http(emu, 'DELETE', '/_emulator/state')).status).toBe(200);
    expect((await cloudCredentials(ACCESS_TOKEN, ADMIN)).status).toBe(200);
    expect((await http(emu, 'GET', '/_emulator/sign-in')).json.cloudSso[0]).toEqual({
      accessToken: ACCESS_TOKEN,
      accountId: SSO_ACCOUNT,
      accessConfigurationId: 'ac-admin',
    });
  });

  it('an injected error answers in the portal error form', async () => {
    emu.addFault({ family: 'sign-in', kind: 'error', status: 500, code: 'InternalError' });
    ssoError(await cloudCredentials(ACCESS_TOKEN, ADMIN), 500, 'InternalError');
  });

  it('never shows a token or a secret', async () => {
    const answer = await cloudCredentials(ACCESS_TOKEN, ADMIN);
    await cloudCredentials(SHORT_TOKEN, ADMIN);
    await http(emu, 'POST', `/cloud-credentials?access_token=${ACCESS_TOKEN}`, {
      body: { ...ADMIN, AccessToken: SHORT_TOKEN },
    });
    const res = await http(emu, 'GET', '/_emulator/requests');
    expect(res.json.total).toBe(3);
    const credential = answer.json.CloudCredential as Record<string, string>;
    for (const secret of [
      ACCESS_TOKEN,
      SHORT_TOKEN,
      credential.AccessKeySecret,
      credential.SecurityToken,
    ]) {
      expect(res.text).not.toContain(secret);
    }
  });
});

describe('options', () => {
  it('are checked', () => {
    expect(() =>
      resolveOptions({
        cloudSsoSignIns: [
          { accessToken: 't', accountId: '1', accessConfigurationId: 'a' },
          { accessToken: 't', accountId: '2', accessConfigurationId: 'b', accessTokenExpiresAt: 1 },
        ],
      }),
    ).toThrow('cloudSsoSignIns[1]: entries with the same access token');
    expect(() =>
      resolveOptions({
        cloudSsoSignIns: [{ accessToken: 't', accountId: '', accessConfigurationId: 'a' }],
      }),
    ).toThrow('cloudSsoSignIns[0].accountId must be a non-empty string');
  });
});
