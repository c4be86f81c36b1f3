import { OAUTH_CLIENT_IDS, startEmulator, type RunningEmulator } from '../../../emulator';
import { resolveOptions } from '../../../emulator/options';
import { alicloudClient, http, manualClock, rpc, type RawResponse } from './helpers';

/**
 * The OAuth service of the CLI's `OAuth` profiles: `/v1/token` renews the access token and
 * rotates the refresh token, `/v1/exchange` trades an access token for STS keys of the
 * sign-in's role, which then work on every other API as that role's account.
 */
let emu: RunningEmulator;
/** Every test starts at the same moment of the emulator's clock. */
const START = Date.now();
const clock = manualClock(START);

const STS_VERSION = '2015-04-01';
const SIGN_IN_ACCOUNT = '3000000000000003';
const ROLE = `acs:ram::${SIGN_IN_ACCOUNT}:role/oauth-deployer`;
const REFRESH_TOKEN = 'oauthRefreshToken0a1b2c3d4e';
const SECOND_REFRESH_TOKEN = 'oauthRefreshToken9z8y7x6w5v';
const START_ACCESS_TOKEN = 'oauthStartAccessToken5f6g7h';
const START_TOKEN_LIFETIME_MS = 10_000;
const TOKEN_LIFETIME_SECONDS = 600;

beforeAll(async () => {
  emu = await startEmulator({
    clock: clock.now,
    oauthTokenLifetimeSeconds: TOKEN_LIFETIME_SECONDS,
    oauthSignIns: [
      {
        refreshToken: REFRESH_TOKEN,
        roleArn: ROLE,
        accessToken: START_ACCESS_TOKEN,
        accessTokenExpiresAt: START + START_TOKEN_LIFETIME_MS,
      },
      { refreshToken: SECOND_REFRESH_TOKEN, roleArn: 'acs:ram::4000000000000004:role/other' },
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

function renew(
  refreshToken: string,
  fields: Record<string, string> = {},
  target: RunningEmulator = emu,
): Promise<RawResponse> {
  const form = new URLSearchParams({
    grant_type: 'refresh_token',
    refresh_token: refreshToken,
    client_id: OAUTH_CLIENT_IDS.CN,
    ...fields,
  });
  return http(target, 'POST', '/v1/token', {
    rawBody: form.toString(),
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
  });
}

function exchange(accessToken?: string): Promise<RawResponse> {
  return http(emu, 'POST', '/v1/exchange', {
    headers: {
      'content-type': 'application/json',
      ...(accessToken === undefined ? {} : { authorization: `Bearer ${accessToken}` }),
    },
  });
}

function oauthError(res: RawResponse, status: number, code: string): void {
  expect(res.status).toBe(status);
  expect(res.json).toEqual({
    error: code,
    error_description: expect.any(String),
    requestId: res.headers['x-acs-request-id'],
  });
}

describe('POST /v1/token', () => {
  it('renews the access token and rotates the refresh token', async () => {
    const first = await renew(REFRESH_TOKEN);
    expect(first.status).toBe(200);
    expect(first.json).toEqual({
      access_token: expect.any(String),
      refresh_token: expect.any(String),
      expires_in: TOKEN_LIFETIME_SECONDS,
      token_type: 'Bearer',
    });
    expect(first.json.refresh_token).not.toBe(REFRESH_TOKEN);

    // The refresh token used is dead; the one answered works, once.
    oauthError(await renew(REFRESH_TOKEN), 400, 'invalid_grant');
    const second = await renew(first.json.refresh_token as string, {
      client_id: OAUTH_CLIENT_IDS.INTL,
    });
    expect(second.status).toBe(200);
    expect(second.json.refresh_token).not.toBe(first.json.refresh_token);
    expect(second.json.access_token).not.toBe(first.json.access_token);
    oauthError(await renew(first.json.refresh_token as string), 400, 'invalid_grant');

    // Another sign-in's refresh token is untouched by this one's rotation.
    expect((await renew(SECOND_REFRESH_TOKEN)).status).toBe(200);
    expect(emu.signIns().oauth[0].refreshToken).toBe(second.json.refresh_token);
  });

  it('refuses another grant, another client and an unknown refresh token', async () => {
    oauthError(
      await renew(REFRESH_TOKEN, { grant_type: 'password' }),
      400,
      'unsupported_grant_type',
    );
    oauthError(await renew(REFRESH_TOKEN, { client_id: '1234' }), 400, 'invalid_client');
    oauthError(await renew('neverIssuedRefreshToken'), 400, 'invalid_grant');
    oauthError(await renew(''), 400, 'invalid_request');
    // None of these used the refresh token up.
    expect((await renew(REFRESH_TOKEN)).status).toBe(200);
  });

  it('issues access tokens that expire after oauthTokenLifetimeSeconds', async () => {
    const renewed = await renew(REFRESH_TOKEN);
    const accessToken = renewed.json.access_token as string;
    clock.advance(TOKEN_LIFETIME_SECONDS * 1000 - 1);
    expect((await exchange(accessToken)).status).toBe(200);
    clock.advance(1);
    oauthError(await exchange(accessToken), 401, 'expired_token');
    expect((await exchange(accessToken)).json.error_description).toBe(
      'The access token is expired.',
    );
  });
});

describe('POST /v1/exchange', () => {
  it("issues STS keys that act as the sign-in's role in its account", async () => {
    const renewed = await renew(REFRESH_TOKEN);
    const answer = await exchange(renewed.json.access_token as string);
    expect(answer.status).toBe(200);
    expect(answer.json).toEqual({
      requestId: answer.headers['x-acs-request-id'],
      accessKeyId: expect.stringMatching(/^STS\./),
      accessKeySecret: expect.any(String),
      securityToken: expect.stringMatching(/^CAIS/),
      expiration: new Date(clock.now() + 3600_000).toISOString().replace(/\.\d{3}Z$/, 'Z'),
    });

    const roleClient = alicloudClient(emu, {
      accessKeyId: answer.json.accessKeyId as string,
      accessKeySecret: answer.json.accessKeySecret as string,
      securityToken: answer.json.securityToken as string,
    });
    const identity = await rpc(roleClient, 'GetCallerIdentity', {}, STS_VERSION);
    expect(identity).toMatchObject({
      AccountId: SIGN_IN_ACCOUNT,
      Arn: `acs:ram::${SIGN_IN_ACCOUNT}:assumed-role/oauth-deployer/oauth`,
      IdentityType: 'AssumedRoleUser',
    });
    await rpc(roleClient, 'ListChatConfigurations', { RegionId: 'cn-hangzhou' });

    const log = emu.requests();
    expect(log.counts).toMatchObject({
      'sign-in:oauth/token': 1,
      'sign-in:oauth/exchange': 1,
      'sts:GetCallerIdentity': 1,
      'oos:ListChatConfigurations': 1,
    });
    const list = log.requests.find((r) => r.action === 'ListChatConfigurations');
    expect(list).toMatchObject({
      principal: answer.json.accessKeyId,
      account: SIGN_IN_ACCOUNT,
      role: ROLE,
    });
    const exchanged = log.requests.find((r) => r.action === 'oauth/exchange');
    expect(exchanged).toMatchObject({
      family: 'sign-in',
      status: 200,
      account: SIGN_IN_ACCOUNT,
      role: ROLE,
    });
  });

  it('takes the access token a sign-in starts with until it expires', async () => {
    expect((await exchange(START_ACCESS_TOKEN)).status).toBe(200);
    clock.advance(START_TOKEN_LIFETIME_MS);
    oauthError(await exchange(START_ACCESS_TOKEN), 401, 'expired_token');
  });

  it('refuses an unknown token (invalid_token) and a request without one', async () => {
    oauthError(await exchange('neverIssuedAccessToken'), 401, 'invalid_token');
    oauthError(await exchange(), 400, 'invalid_request');
    const get = await http(emu, 'GET', '/v1/exchange', {
      headers: { authorization: `Bearer ${START_ACCESS_TOKEN}` },
    });
    oauthError(get, 405, 'invalid_request');
  });

  it('meets faults like every family: an injected error, expire-tokens', async () => {
    emu.addFault({ family: 'sign-in', kind: 'error', status: 503, code: 'server_error', times: 1 });
    oauthError(await exchange(START_ACCESS_TOKEN), 503, 'server_error');
    emu.addFault({ action: 'oauth/exchange', kind: 'expire-tokens', times: 1 });
    oauthError(await exchange(START_ACCESS_TOKEN), 401, 'expired_token');
    expect(emu.requests().requests.map((r) => r.fault)).toEqual(['error', 'expire-tokens']);
  });
});

describe('reset and the request log', () => {
  it('DELETE /_emulator/state restores the initial tokens', async () => {
    const renewed = await renew(REFRESH_TOKEN);
    const rotated = renewed.json.refresh_token as string;
    emu.addFault({ family: 'sign-in', kind: 'expire-tokens', times: 1 });
    await renew(rotated);
    oauthError(await exchange(START_ACCESS_TOKEN), 401, 'expired_token');

    const reset = await http(emu, 'DELETE', '/_emulator/state');
    expect(reset.status).toBe(200);
    expect((await exchange(START_ACCESS_TOKEN)).status).toBe(200);
    oauthError(await renew(rotated), 400, 'invalid_grant');
    expect((await renew(REFRESH_TOKEN)).status).toBe(200);
  });

  it('never shows a token, a secret or the authorization header', async () => {
    const renewed = await renew(REFRESH_TOKEN);
    await renew(REFRESH_TOKEN); // refused: the used token is in the form again
    const answer = await exchange(renewed.json.access_token as string);
    await exchange(START_ACCESS_TOKEN);
    await http(emu, 'POST', `/v1/exchange?access_token=${START_ACCESS_TOKEN}`);
    await http(emu, 'POST', '/v1/token', {
      body: { grant_type: 'refresh_token', refresh_token: SECOND_REFRESH_TOKEN },
    });

    const res = await http(emu, 'GET', '/_emulator/requests');
    expect(res.json.total).toBe(6);
    const secrets = [
      REFRESH_TOKEN,
      SECOND_REFRESH_TOKEN,
      START_ACCESS_TOKEN,
      renewed.json.refresh_token as string,
      renewed.json.access_token as string,
      answer.json.accessKeySecret as string,
      answer.json.securityToken as string,
    ];
    for (const secret of secrets) expect(res.text).not.toContain(secret);
    const token = res.json.requests[0];
    expect(token.params).toEqual({
      grant_type: 'refresh_token',
      refresh_token: '[REDACTED]',
      client_id: OAUTH_CLIENT_IDS.CN,
    });
  });
});

describe('rate limit', () => {
  it('answers 429 too_many_requests above the limit of the sign-in family', async () => {
    const fixed = manualClock();
    const limited = await startEmulator({
      clock: fixed.now,
      rateLimits: { 'sign-in': 1 },
      oauthSignIns: [{ refreshToken: REFRESH_TOKEN, roleArn: ROLE }],
    });
    try {
      expect((await renew(REFRESH_TOKEN, {}, limited)).status).toBe(200);
      const throttled = await renew('anyRefreshToken', {}, limited);
      expect(throttled.status).toBe(429);
      expect(throttled.json.error).toBe('too_many_requests');
      expect(limited.requests().requests[1]).toMatchObject({ throttled: true });
    } finally {
      await limited.stop();
    }
  });
});

describe('options', () => {
  it('are checked', () => {
    expect(resolveOptions().oauthTokenLifetimeSeconds).toBe(3600);
    expect(() => resolveOptions({ oauthTokenLifetimeSeconds: 0 })).toThrow(
      'oauthTokenLifetimeSeconds must be a positive number',
    );
    expect(() =>
      resolveOptions({
        oauthSignIns: [
          { refreshToken: 'same', roleArn: ROLE },
          { refreshToken: 'same', roleArn: ROLE },
        ],
      }),
    ).toThrow("oauthSignIns[1]: the refresh token is another sign-in's");
    expect(() => resolveOptions({ oauthSignIns: [{ refreshToken: '', roleArn: ROLE }] })).toThrow(
      'oauthSignIns[0].refreshToken must be a non-empty string',
    );
  });
});
