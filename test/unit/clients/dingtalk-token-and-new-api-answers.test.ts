import { accessTokenFetcher } from '../../../provider/clients/dingtalk/access-token';
import { DingTalkNewApiClient } from '../../../provider/clients/dingtalk/new-api';
import { TokenCache } from '../../../provider/clients/dingtalk/token-cache';
import { ChatOpsError } from '../../../provider/errors';
import { HttpLayer } from '../../../provider/http/http-layer';
import { SkippingClock } from '../helpers/clocks';
import { LocalServer, RecordedRequest, Reply, startLocalServer } from '../helpers/local-server';
import { SECRETS, localSettings } from '../helpers/settings';

let server: LocalServer;
let http: HttpLayer;
let clock: SkippingClock;

const TOKEN_PATH = '/v1.0/oauth2/accessToken';

/** Answers token requests with `token`, and other requests with `reply`. */
function serve(token: Reply, reply: (req: RecordedRequest) => Reply = () => ({ body: {} })) {
  server.handle((req) => (req.url === TOKEN_PATH ? token : reply(req)));
}

beforeEach(async () => {
  server = await startLocalServer();
  clock = new SkippingClock(Date.now());
  http = new HttpLayer({ clock, backoff: { baseMs: 1, capMs: 1 } });
});
afterEach(async () => {
  await http.close();
  await server.close();
});

const settings = () => localSettings(server.url, { maxAttempts: 2 });
const app = () => ({
  apiEndpoint: server.url,
  clientId: 'ding-test-app',
  clientSecret: SECRETS.dingtalkClientSecret,
});

describe('the DingTalk access token request', () => {
  it('posts the app key and secret as JSON and reads the token and its lifetime', async () => {
    serve({ body: { accessToken: SECRETS.accessToken, expireIn: 3600 } });
    const fetched = await accessTokenFetcher(http, settings)(app());
    expect(fetched).toEqual({ accessToken: SECRETS.accessToken, expiresInSeconds: 3600 });
    const [req] = server.requests;
    expect(req.method).toBe('POST');
    expect(req.headers['content-type']).toBe('application/json');
    expect(JSON.parse(req.body)).toEqual({
      appKey: 'ding-test-app',
      appSecret: SECRETS.dingtalkClientSecret,
    });
  });

  it('takes the documented two hours when the answer gives no lifetime', async () => {
    serve({ body: { accessToken: SECRETS.accessToken } });
    await expect(accessTokenFetcher(http, settings)(app())).resolves.toEqual({
      accessToken: SECRETS.accessToken,
      expiresInSeconds: 7200,
    });
  });

  it.each([
    ['without a token', { body: { expireIn: 7200 } }],
    ['with an empty token', { body: { accessToken: '' } }],
    ['that is not JSON', { body: '<html>portal</html>' }],
  ])(
    'fails with REMOTE_ERROR on a success %s, naming the endpoint setting',
    async (_what, reply) => {
      serve(reply as Reply);
      const error = (await accessTokenFetcher(
        http,
        settings,
      )(app()).catch((e: unknown) => e)) as ChatOpsError;
      expect(error).toBeInstanceOf(ChatOpsError);
      expect(error).toMatchObject({
        code: 'REMOTE_ERROR',
        httpStatus: 200,
        operation: 'dingtalk:oauth2/accessToken',
      });
      expect(error.message).toBe(
        `dingtalk:oauth2/accessToken: HTTP 200 without an accessToken. Check that ${server.url} is the DingTalk API endpoint (dingtalkApiEndpoint / DINGTALK_API_ENDPOINT).`,
      );
    },
  );

  it('keeps a server failure of the token call as it is, and retries it', async () => {
    let calls = 0;
    server.handle(() =>
      ++calls === 1
        ? { status: 503, body: { code: 'ServiceUnavailable', message: 'busy', requestid: 'r-1' } }
        : { body: { accessToken: SECRETS.accessToken, expireIn: 7200 } },
    );
    await expect(accessTokenFetcher(http, settings)(app())).resolves.toMatchObject({
      accessToken: SECRETS.accessToken,
    });
    expect(calls).toBe(2);
  });

  it('reports a refused secret as AUTH_FAILED that keeps the remote code and request id', async () => {
    serve({
      status: 400,
      body: { code: 'invalidClientSecret', message: 'bad secret', requestid: 'REQ-TOKEN-1' },
    });
    const error = (await accessTokenFetcher(
      http,
      settings,
    )(app()).catch((e: unknown) => e)) as ChatOpsError;
    expect(error).toMatchObject({
      code: 'AUTH_FAILED',
      remoteCode: 'invalidClientSecret',
      requestId: 'REQ-TOKEN-1',
      httpStatus: 400,
      operation: 'dingtalk:oauth2/accessToken',
    });
    expect(error.message).toMatch(
      /DingTalk refused to issue an access token: check dingtalk:clientId \/ DINGTALK_CLIENT_ID and dingtalk:clientSecret \/ DINGTALK_CLIENT_SECRET\.$/,
    );
  });
});

describe('answers of the DingTalk new API', () => {
  const client = () =>
    new DingTalkNewApiClient(
      http,
      new TokenCache(accessTokenFetcher(http, settings), clock),
      settings,
    );
  const post = () =>
    client().post({
      operation: 'dingtalk:robot/plugins/query',
      idempotent: true,
      path: '/v1.0/robot/plugins/query',
      body: { robotCode: 'ding-robot' },
    });
  const token: Reply = { body: { accessToken: SECRETS.accessToken, expireIn: 7200 } };

  it('sends the token in its header and the body as JSON', async () => {
    serve(token, () => ({ body: { pluginInfoList: [] } }));
    await expect(post()).resolves.toEqual({ pluginInfoList: [] });
    const req = server.requests[1];
    expect(req.url).toBe('/v1.0/robot/plugins/query');
    expect(req.headers['x-acs-dingtalk-access-token']).toBe(SECRETS.accessToken);
    expect(req.headers['content-type']).toBe('application/json');
    expect(JSON.parse(req.body)).toEqual({ robotCode: 'ding-robot' });
  });

  it('reads an empty success as an empty object', async () => {
    serve(token, () => ({ body: '  ' }));
    await expect(post()).resolves.toEqual({});
  });

  it('fails with REMOTE_ERROR on a success that is JSON but not an object', async () => {
    serve(token, () => ({ body: '["a"]' }));
    await expect(post()).rejects.toMatchObject({
      code: 'REMOTE_ERROR',
      httpStatus: 200,
      message: 'dingtalk:robot/plugins/query: HTTP 200 with a body that is not a JSON object.',
    });
  });

  it('fails on a success that is not JSON at all', async () => {
    serve(token, () => ({ body: '<html>maintenance</html>' }));
    const error = await post().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ChatOpsError);
    expect((error as ChatOpsError).operation).toBe('dingtalk:robot/plugins/query');
  });
});
