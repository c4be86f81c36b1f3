import { accessTokenFetcher } from '../../../provider/clients/dingtalk/access-token';
import { DingTalkNewApiClient } from '../../../provider/clients/dingtalk/new-api';
import { DingTalkOldApiClient } from '../../../provider/clients/dingtalk/old-api';
import { RobotPluginClient } from '../../../provider/clients/dingtalk/robot-plugins';
import { TokenCache } from '../../../provider/clients/dingtalk/token-cache';
import { ChatOpsError } from '../../../provider/errors';
import { HttpLayer } from '../../../provider/http/http-layer';
import { SkippingClock } from '../helpers/clocks';
import { LocalServer, RecordedRequest, Reply, startLocalServer } from '../helpers/local-server';
import { SECRETS, localSettings } from '../helpers/settings';

let server: LocalServer;
let http: HttpLayer;
let tokens: TokenCache;

function serve(reply: (req: RecordedRequest) => Reply) {
  server.handle((req) =>
    req.url === '/v1.0/oauth2/accessToken'
      ? { body: { accessToken: SECRETS.accessToken, expireIn: 7200 } }
      : reply(req),
  );
}

const settings = () => localSettings(server.url, { maxAttempts: 2 });

beforeEach(async () => {
  server = await startLocalServer();
  const clock = new SkippingClock(Date.now());
  http = new HttpLayer({ clock, backoff: { baseMs: 1, capMs: 1 } });
  tokens = new TokenCache(accessTokenFetcher(http, settings), clock);
});
afterEach(async () => {
  await http.close();
  await server.close();
});

describe('the DingTalk old API', () => {
  const oldApi = () => new DingTalkOldApiClient(http, tokens, settings);
  const getChat = (query?: Record<string, string>) =>
    oldApi().call({
      operation: 'dingtalk:chat/get',
      idempotent: true,
      method: 'GET',
      path: '/chat/get',
      ...(query ? { query } : {}),
    });

  it('sends the token and the query in the URL, and a body only when there is one', async () => {
    serve(() => ({ body: { errcode: 0, chatid: 'c1' } }));
    await expect(getChat({ chatid: 'c1' })).resolves.toEqual({ errcode: 0, chatid: 'c1' });
    const req = server.requests[1];
    expect(req.method).toBe('GET');
    const url = new URL(req.url, server.url);
    expect(url.pathname).toBe('/chat/get');
    expect(url.searchParams.get('access_token')).toBe(SECRETS.accessToken);
    expect(url.searchParams.get('chatid')).toBe('c1');
    expect(req.headers['content-type']).toBeUndefined();
    expect(req.body).toBe('');

    await oldApi().call({
      operation: 'dingtalk:chat/update',
      idempotent: true,
      method: 'POST',
      path: '/chat/update',
      body: { chatid: 'c1', name: 'ops' },
    });
    const post = server.requests[2];
    expect(post.headers['content-type']).toBe('application/json');
    expect(JSON.parse(post.body)).toEqual({ chatid: 'c1', name: 'ops' });
  });

  it('takes an answer without errcode as success', async () => {
    serve(() => ({ body: { chatid: 'c1' } }));
    await expect(getChat()).resolves.toEqual({ chatid: 'c1' });
  });

  it('fails on a nonzero errcode in a 200, and on an HTTP error with errcode 0', async () => {
    serve(() => ({ body: { errcode: 33012, errmsg: 'invalid user' } }));
    await expect(
      oldApi().call({
        operation: 'dingtalk:chat/create',
        idempotent: false,
        method: 'POST',
        path: '/chat/create',
        body: {},
      }),
    ).rejects.toMatchObject({ remoteCode: '33012' });

    serve(() => ({ status: 400, body: { errcode: 0, errmsg: 'ok?' } }));
    await expect(getChat()).rejects.toBeInstanceOf(ChatOpsError);
  });
});

describe('robot plugins as read back', () => {
  const plugins = () => new RobotPluginClient(new DingTalkNewApiClient(http, tokens, settings));

  it('reads each entry, dropping empty URLs and entries that are not objects', async () => {
    serve(() => ({
      body: {
        pluginInfoList: [
          { name: 'Deploy', icon: '@media1', pcUrl: 'https://x/pc', mobileUrl: '' },
          'garbage',
          { icon: 42 },
        ],
      },
    }));
    await expect(plugins().queryPlugins('ding-robot')).resolves.toEqual([
      { name: 'Deploy', icon: '@media1', pcUrl: 'https://x/pc' },
      { name: '', icon: '42' },
    ]);
  });

  it('reads a missing list as no entries', async () => {
    serve(() => ({ body: {} }));
    await expect(plugins().queryPlugins('ding-robot')).resolves.toEqual([]);
  });

  it('sends only the URLs an entry has', async () => {
    serve(() => ({ body: { result: true } }));
    await plugins().setPlugins('ding-robot', [
      { name: 'Deploy', icon: '@m1' },
      { name: 'Logs', icon: '@m2', mobileUrl: 'https://x/m' },
    ]);
    expect(JSON.parse(server.requests[1].body)).toEqual({
      robotCode: 'ding-robot',
      pluginInfoList: [
        { name: 'Deploy', icon: '@m1' },
        { name: 'Logs', icon: '@m2', mobileUrl: 'https://x/m' },
      ],
    });
  });

  it('fails a clear that DingTalk answered with result=false, saying what to check', async () => {
    serve(() => ({ body: { result: false } }));
    await expect(plugins().clearPlugins('ding-robot')).rejects.toMatchObject({
      code: 'REMOTE_ERROR',
      operation: 'dingtalk:robot/plugins/clear',
      message:
        'dingtalk:robot/plugins/clear: DingTalk answered result=false without an error code. Check the robot in the DingTalk developer console and retry.',
    });
  });
});
