import { inspect } from 'util';
import { createClients, Clients } from '../../provider/clients';
import { ProviderSettings } from '../../provider/config/settings';
import { SkippingClock } from './helpers/clocks';
import { LocalServer, RecordedRequest, Reply, startLocalServer } from './helpers/local-server';
import { FAST_BACKOFF, SECRETS, localSettings } from './helpers/settings';

/**
 * A hostile remote: every error it returns quotes the whole request back (URL with
 * query, every header, body) in its message, code and request id. Whatever the client
 * layer throws or logs must still carry none of the secrets.
 */
let server: LocalServer;
let tokenFails = false;
const logLines: string[] = [];

function echo(req: RecordedRequest): string {
  return `received ${req.method} ${req.url} headers=${JSON.stringify(req.headers)} body=${req.body}`;
}

function hostile(req: RecordedRequest): Reply {
  const path = new URL(req.url, 'http://x').pathname;
  if (path === '/v1.0/oauth2/accessToken') {
    return tokenFails
      ? {
          status: 400,
          body: {
            code: `invalidClientSecret ${req.body}`,
            message: echo(req),
            requestid: req.body,
          },
        }
      : { body: { accessToken: SECRETS.accessToken, expireIn: 7200 } };
  }
  if (path.startsWith('/v1.0/')) {
    return {
      status: 400,
      body: {
        code: 'param.illegal',
        message: echo(req),
        requestid: String(req.headers['x-acs-dingtalk-access-token']),
      },
    };
  }
  if (path.startsWith('/chat/')) {
    return { body: { errcode: 40035, errmsg: echo(req), sub_code: req.url, request_id: req.url } };
  }
  const throttled = req.headers['x-acs-action'] === 'UpdateChatConfiguration';
  return {
    status: 400,
    body: {
      Code: `${throttled ? 'Throttling.User' : 'InvalidParameter'}.${req.url}`,
      Message: echo(req),
      RequestId: String(req.headers.authorization),
      HostId: String(req.headers['x-acs-security-token']),
    },
  };
}

function clientsFor(extra: ProviderSettings = {}): Clients {
  return createClients(
    () =>
      localSettings(server.url, { securityToken: SECRETS.securityToken, maxAttempts: 3, ...extra }),
    {
      clock: new SkippingClock(Date.now()),
      backoff: FAST_BACKOFF,
      log: (_level, line) => logLines.push(line),
    },
  );
}

/** Every way an error can be looked at: message, stack, own properties, JSON, inspect. */
function everyViewOf(e: unknown): string {
  const views = [String(e), JSON.stringify(e), inspect(e, { depth: 10, showHidden: true })];
  if (e instanceof Error) {
    views.push(e.message, e.stack ?? '');
    for (const key of Object.getOwnPropertyNames(e)) {
      views.push(String((e as unknown as Record<string, unknown>)[key]));
    }
  }
  return views.join('\n');
}

/** The secrets, plus every request signature the server saw. */
function secretsToFind(): string[] {
  const signatures = server.requests
    .map((r) => /Signature=([0-9a-f]{64})/.exec(String(r.headers.authorization ?? ''))?.[1])
    .filter((s): s is string => s !== undefined);
  return [...Object.values(SECRETS), ...signatures];
}

function expectNoSecret(e: unknown): void {
  expect(e).toBeInstanceOf(Error);
  const text = everyViewOf(e);
  // The remote did echo the secrets; the point is that none survived.
  expect(text.length).toBeGreaterThan(0);
  for (const secret of secretsToFind()) expect(text).not.toContain(secret);
}

const webhook = `https://oapi.dingtalk.com/robot/send?access_token=${SECRETS.webhookToken}`;
const oosSpec = {
  regionId: 'cn-hangzhou',
  name: 'ops-bot',
  type: 'DingTalk' as const,
  configuration: { DingTalkClientId: 'ding', DingTalkClientSecret: SECRETS.oosClientSecret },
};

beforeAll(async () => {
  server = await startLocalServer(hostile);
});
afterAll(async () => {
  await server.close();
});
beforeEach(() => {
  tokenFails = false;
  server.requests.length = 0;
});

describe('no secret leaks through errors or logs', () => {
  let clients: Clients;
  beforeEach(() => {
    clients = clientsFor();
  });
  afterEach(async () => {
    await clients.close();
  });

  it('OOS: access key secret, STS token, signature and client secret', async () => {
    const e = await clients.oos.createChatConfiguration(oosSpec).catch((x: unknown) => x);
    expect(e).toMatchObject({ code: 'INVALID_INPUT' });
    // The remote really did echo them.
    expect(JSON.stringify(server.requests[0])).toContain(SECRETS.securityToken);
    expectNoSecret(e);
  });

  it('one request carrying every kind of secret at once', async () => {
    const e = await clients.oos
      .createChatConfiguration({
        ...oosSpec,
        configuration: {
          DingTalkClientSecret: SECRETS.oosClientSecret,
          Note: `appSecret=${SECRETS.dingtalkClientSecret}`,
          Webhook: webhook,
          Header: `x-acs-dingtalk-access-token: ${SECRETS.accessToken}`,
        },
      })
      .catch((x: unknown) => x);
    const received = JSON.stringify(server.requests[0]);
    expect(received).toContain(SECRETS.webhookToken);
    expect(received).toContain(SECRETS.dingtalkClientSecret);
    expectNoSecret(e);
  });

  it('OOS: retries that are logged and then given up on', async () => {
    const e = await clients.oos.updateChatConfiguration(oosSpec).catch((x: unknown) => x);
    expect(e).toMatchObject({ code: 'THROTTLED' });
    expect(server.requests).toHaveLength(3);
    expectNoSecret(e);
    expect(logLines.length).toBeGreaterThan(0);
    for (const secret of secretsToFind()) expect(logLines.join('\n')).not.toContain(secret);
  });

  it('Security Center: the webhook token in SendUrl', async () => {
    const e = await clients.securityCenter
      .createOrUpdateDingTalk('cn-hangzhou', {
        ruleActionName: 'alerts',
        sendUrl: webhook,
        intervalTime: 0,
        language: 'en',
        groupIds: [],
        config: [],
      })
      .catch((x: unknown) => x);
    expect(JSON.stringify(server.requests[0])).toContain(SECRETS.webhookToken);
    expectNoSecret(e);
  });

  it('DingTalk new API: the access token header and the plugin call', async () => {
    const e = await clients.robotPlugins
      .setPlugins('robot', [{ name: 'n', icon: 'i' }])
      .catch((x: unknown) => x);
    expect(e).toMatchObject({ code: 'INVALID_INPUT' });
    expectNoSecret(e);
  });

  it('DingTalk token call: the app secret', async () => {
    tokenFails = true;
    const e = await clients.robotPlugins.queryPlugins('robot').catch((x: unknown) => x);
    expect(e).toMatchObject({ code: 'AUTH_FAILED' });
    expect(server.requests[0].body).toContain(SECRETS.dingtalkClientSecret);
    expectNoSecret(e);
  });

  it('DingTalk old API: access_token in the URL', async () => {
    const e = await clients.groupChats.getChat('chat-1').catch((x: unknown) => x);
    expect(e).toMatchObject({ code: 'INVALID_INPUT' });
    expect(server.requests.some((r) => r.url.includes(SECRETS.accessToken))).toBe(true);
    expectNoSecret(e);
  });
});

describe('no secret leaks through transport errors', () => {
  it('a refused connection to a URL that carries access_token', async () => {
    const dead = await startLocalServer();
    const deadUrl = dead.url;
    await dead.close();
    const clients = clientsFor({ dingtalkOapiEndpoint: deadUrl });
    try {
      const e = await clients.groupChats
        .updateChat({ chatId: 'c', name: 'n' })
        .catch((x: unknown) => x);
      expect(e).toMatchObject({ code: 'TRANSPORT_ERROR' });
      expectNoSecret(e);
    } finally {
      await clients.close();
    }
  });

  it('a timeout', async () => {
    const clients = clientsFor({ requestTimeoutMs: 50, maxAttempts: 1 });
    server.handle(() => ({ hang: true }));
    try {
      const e = await clients.securityCenter
        .deleteDingTalk('cn-hangzhou', [1])
        .catch((x: unknown) => x);
      expect(e).toMatchObject({ code: 'TIMEOUT' });
      expectNoSecret(e);
    } finally {
      server.handle(hostile);
      await clients.close();
    }
  });
});
