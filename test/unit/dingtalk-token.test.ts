import { createClients, Clients } from '../../provider/clients';
import { DingTalkApp } from '../../provider/clients/dingtalk/app';
import { FetchedToken, TokenCache } from '../../provider/clients/dingtalk/token-cache';
import { ChatOpsError, isChatOpsError } from '../../provider/errors';
import { ManualClock, SkippingClock } from './helpers/clocks';
import { LocalServer, RecordedRequest, Reply, startLocalServer } from './helpers/local-server';
import { FAST_BACKOFF, SECRETS, localSettings } from './helpers/settings';

const app: DingTalkApp = {
  apiEndpoint: 'https://api.example',
  clientId: 'app',
  clientSecret: 'secret-value',
};

function countingFetcher(tokens: string[], lifetimeSeconds = 7200) {
  let calls = 0;
  const fetcher = async (): Promise<FetchedToken> => {
    const accessToken = tokens[Math.min(calls, tokens.length - 1)];
    calls++;
    await Promise.resolve();
    return { accessToken, expiresInSeconds: lifetimeSeconds };
  };
  return { fetcher, calls: () => calls };
}

describe('TokenCache', () => {
  it('shares one fetch among concurrent callers', async () => {
    const f = countingFetcher(['tok-1']);
    const cache = new TokenCache(f.fetcher, new ManualClock(0));
    const tokens = await Promise.all(Array.from({ length: 10 }, () => cache.getToken(app)));
    expect(new Set(tokens)).toEqual(new Set(['tok-1']));
    expect(f.calls()).toBe(1);
  });

  it('refreshes only when less than 60 seconds of life remain', async () => {
    const clock = new ManualClock(0);
    const f = countingFetcher(['tok-1', 'tok-2']);
    const cache = new TokenCache(f.fetcher, clock);
    await cache.getToken(app);
    await clock.advanceTo(7_139_000);
    await expect(cache.getToken(app)).resolves.toBe('tok-1');
    await clock.advanceTo(7_141_000);
    await expect(cache.getToken(app)).resolves.toBe('tok-2');
    expect(f.calls()).toBe(2);
  });

  it('keeps separate tokens per application', async () => {
    const f = countingFetcher(['tok-a', 'tok-b']);
    const cache = new TokenCache(f.fetcher, new ManualClock(0));
    await cache.getToken(app);
    await cache.getToken({ ...app, clientId: 'other' });
    expect(f.calls()).toBe(2);
  });

  it('does not cache a failed fetch', async () => {
    let calls = 0;
    const cache = new TokenCache(async () => {
      calls++;
      if (calls === 1) throw new ChatOpsError({ code: 'TRANSPORT_ERROR', message: 'down' });
      return { accessToken: 'tok-ok', expiresInSeconds: 7200 };
    });
    await expect(cache.getToken(app)).rejects.toMatchObject({ code: 'TRANSPORT_ERROR' });
    await expect(cache.getToken(app)).resolves.toBe('tok-ok');
  });

  it('ignores an invalidation for a token that was already replaced', async () => {
    const f = countingFetcher(['tok-1', 'tok-2', 'tok-3']);
    const cache = new TokenCache(f.fetcher, new ManualClock(0));
    await cache.getToken(app);
    cache.invalidate(app, 'tok-1');
    await expect(cache.getToken(app)).resolves.toBe('tok-2');
    cache.invalidate(app, 'tok-1');
    await expect(cache.getToken(app)).resolves.toBe('tok-2');
    expect(f.calls()).toBe(2);
  });
});

describe('DingTalk token use over HTTP', () => {
  let server: LocalServer;
  let clients: Clients;
  let issued: string[];
  let tokenReply: (index: number) => Reply;
  let apiReply: (req: RecordedRequest) => Reply;

  const tokenRequests = () => server.requests.filter((r) => r.url === '/v1.0/oauth2/accessToken');
  const apiRequests = () => server.requests.filter((r) => r.url !== '/v1.0/oauth2/accessToken');

  beforeAll(async () => {
    server = await startLocalServer((req) => {
      if (req.url === '/v1.0/oauth2/accessToken') return tokenReply(tokenRequests().length - 1);
      return apiReply(req);
    });
  });
  afterAll(async () => {
    await server.close();
  });
  beforeEach(() => {
    server.requests.length = 0;
    issued = [];
    tokenReply = (i) => {
      const accessToken = `${SECRETS.accessToken}-${i + 1}`;
      issued.push(accessToken);
      return { body: { accessToken, expireIn: 7200 } };
    };
    apiReply = () => ({ body: { pluginInfoList: [], errcode: 0, chat_info: { name: 'g' } } });
    clients = createClients(() => localSettings(server.url), {
      clock: new SkippingClock(Date.now()),
      backoff: FAST_BACKOFF,
    });
  });
  afterEach(async () => {
    await clients.close();
  });

  it('makes exactly one token request for 10 concurrent calls', async () => {
    await Promise.all(
      Array.from({ length: 10 }, (_, i) => clients.robotPlugins.queryPlugins(`robot-${i}`)),
    );
    expect(tokenRequests()).toHaveLength(1);
    expect(JSON.parse(tokenRequests()[0].body)).toEqual({
      appKey: 'ding-test-app',
      appSecret: SECRETS.dingtalkClientSecret,
    });
    expect(apiRequests()).toHaveLength(10);
    expect(apiRequests().every((r) => r.headers['x-acs-dingtalk-access-token'] === issued[0])).toBe(
      true,
    );
  });

  it('uses the same token for the old API, as access_token', async () => {
    await clients.robotPlugins.queryPlugins('robot');
    await clients.groupChats.getChat('chat-1');
    expect(tokenRequests()).toHaveLength(1);
    const old = apiRequests().find((r) => r.url.startsWith('/chat/get'));
    expect(new URL(old!.url, 'http://x').searchParams.get('access_token')).toBe(issued[0]);
  });

  it('refetches an expired token once and retries the call once (new API)', async () => {
    apiReply = (req) =>
      req.headers['x-acs-dingtalk-access-token'] === issued[0]
        ? {
            status: 400,
            body: { code: 'InvalidAuthentication', message: 'token expired', requestid: 'r' },
          }
        : { body: { pluginInfoList: [{ name: 'n', icon: '@i' }] } };
    await expect(clients.robotPlugins.queryPlugins('robot')).resolves.toEqual([
      { name: 'n', icon: '@i' },
    ]);
    expect(tokenRequests()).toHaveLength(2);
    expect(apiRequests().map((r) => r.headers['x-acs-dingtalk-access-token'])).toEqual([
      issued[0],
      issued[1],
    ]);
  });

  it('refetches an expired token once and retries the call once (old API, errcode 40014)', async () => {
    apiReply = (req) =>
      new URL(req.url, 'http://x').searchParams.get('access_token') === issued[0]
        ? { body: { errcode: 40014, errmsg: 'invalid access_token' } }
        : {
            body: {
              errcode: 0,
              chat_info: { name: 'g', owner: 'u1', useridlist: ['u1'], status: 1 },
            },
          };
    await expect(clients.groupChats.getChat('chat-1')).resolves.toMatchObject({ name: 'g' });
    expect(tokenRequests()).toHaveLength(2);
    expect(apiRequests()).toHaveLength(2);
  });

  /** A DingTalk new API refusal: status 400 with this code and message. */
  const refusal = (code: string, message: string) => () => ({
    status: 400,
    body: { code, message, requestid: 'r' },
  });
  const queryPluginsError = () =>
    clients.robotPlugins.queryPlugins('robot').catch((x: unknown) => x);

  it('gives up with AUTH_FAILED when the fresh token is rejected too', async () => {
    apiReply = refusal('InvalidAuthentication', 'no');
    const e = await queryPluginsError();
    expect(isChatOpsError(e, 'AUTH_FAILED')).toBe(true);
    expect(tokenRequests()).toHaveLength(2);
    expect(apiRequests()).toHaveLength(2);
  });

  it('reports a refused app secret as AUTH_FAILED with advice, without retrying', async () => {
    tokenReply = refusal('invalidClientSecret', 'bad secret');
    const e = await queryPluginsError();
    expect(e).toMatchObject({ code: 'AUTH_FAILED', operation: 'dingtalk:oauth2/accessToken' });
    expect((e as Error).message).toContain('DINGTALK_CLIENT_SECRET');
    expect(tokenRequests()).toHaveLength(1);
    expect(apiRequests()).toHaveLength(0);
  });
});
