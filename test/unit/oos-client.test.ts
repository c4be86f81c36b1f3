import { createHash } from 'crypto';
import { createClients } from '../../provider/clients';
import { isChatOpsError } from '../../provider/errors';
import { openapiOracle } from './helpers/alicloud-oracle';
import { useLocalClients } from './helpers/local-clients';
import { RecordedRequest, Reply, rpcParamsOf } from './helpers/local-server';
import { FAST_BACKOFF, SECRETS } from './helpers/settings';

const local = useLocalClients();

const action = (req: RecordedRequest) => req.headers['x-acs-action'];
const error = (status: number, Code: string, headers: Record<string, string> = {}): Reply => ({
  status,
  headers,
  body: {
    Code,
    Message: `${Code} happened`,
    RequestId: `req-${Code}`,
    HostId: 'oos',
    Recommend: '',
  },
});
const spec = {
  regionId: 'cn-hangzhou',
  name: 'ops-bot',
  type: 'DingTalk' as const,
  ramRole: 'OOSServiceRole',
  configuration: {
    DingTalkClientId: 'dingabc',
    DingTalkClientSecret: SECRETS.oosClientSecret,
    DingTalkTemplateId: 'a1b2.schema',
  },
};

describe('OosClient wire format', () => {
  it('sends a signed POST / with every parameter in the form body, none in the URL', async () => {
    local.server.handle(() => ({
      body: {
        RequestId: 'r1',
        ChatConfiguration: {
          Name: 'ops-bot',
          CreatedDate: '2025-12-26T09:53:02+00:00',
          UpdatedDate: '2025-12-23T10:16:37.178097',
        },
      },
    }));
    const stamp = await local.clients.oos.createChatConfiguration(spec);
    expect(stamp).toEqual({
      name: 'ops-bot',
      createdDate: '2025-12-26T09:53:02.000Z',
      updatedDate: '2025-12-23T10:16:37.178Z',
    });
    const [req] = local.server.requests;
    expect(req.method).toBe('POST');
    // A client secret in a URL would show in proxy logs and NODE_DEBUG=undici output.
    expect(req.url).toBe('/');
    expect(req.headers['content-type']).toBe('application/x-www-form-urlencoded');
    expect(action(req)).toBe('CreateChatConfiguration');
    expect(req.headers['x-acs-version']).toBe('2019-06-01');
    expect(rpcParamsOf(req)).toEqual({
      RegionId: 'cn-hangzhou',
      Name: 'ops-bot',
      Type: 'DingTalk',
      RamRole: 'OOSServiceRole',
      Configuration: JSON.stringify(spec.configuration),
    });
    // The signature verifies with the official runtime's algorithm, over what arrived.
    const headers = Object.fromEntries(
      Object.entries(req.headers)
        .filter(([k]) => k !== 'authorization')
        .map(([k, v]) => [k, String(v)]),
    );
    const expected = openapiOracle.getAuthorization(
      { method: 'POST', pathname: '/', query: {}, headers },
      'ACS3-HMAC-SHA256',
      createHash('sha256').update(req.body).digest('hex'),
      'LTAI-test-key-id',
      SECRETS.accessKeySecret,
    );
    expect(req.headers.authorization).toBe(expected);
  });

  it('sends and signs the STS token when one is configured', async () => {
    local.connect({ securityToken: SECRETS.securityToken });
    local.server.handle(() => ({ body: { ChatConfiguration: { Name: 'x' } } }));
    await local.clients.oos.updateChatConfiguration(spec);
    expect(local.server.requests[0].headers['x-acs-security-token']).toBe(SECRETS.securityToken);
    expect(local.server.requests[0].headers.authorization).toContain('x-acs-security-token');
  });

  it('parses Get, with Configuration and Outputs given as JSON strings', async () => {
    local.server.handle(() => ({
      body: {
        ChatConfiguration: {
          Name: 'ops-bot',
          Type: 'DingTalk',
          RamRole: 'r',
          ResourceGroupId: 'rg-1',
          Configuration: '{"DingTalkClientId":"dingabc","DingTalkClientSecret":"******"}',
          Outputs: '{"URL":"https://1.appflow.aliyunnest.com/webhook/abc"}',
          CreatedDate: '2025-12-26T09:53:02+00:00',
        },
      },
    }));
    await expect(
      local.clients.oos.getChatConfiguration({ regionId: 'cn-hangzhou', name: 'ops-bot' }),
    ).resolves.toEqual({
      name: 'ops-bot',
      type: 'DingTalk',
      ramRole: 'r',
      resourceGroupId: 'rg-1',
      configuration: { DingTalkClientId: 'dingabc', DingTalkClientSecret: '******' },
      outputs: { URL: 'https://1.appflow.aliyunnest.com/webhook/abc' },
      createdDate: '2025-12-26T09:53:02.000Z',
    });
  });

  it('reads a missing configuration, and a delete of one, as a NOT_FOUND claim', async () => {
    local.server.handle(() => error(404, 'EntityNotExists.ChatConfiguration'));
    const claim = {
      code: 'NOT_FOUND',
      remoteCode: 'EntityNotExists.ChatConfiguration',
      requestId: 'req-EntityNotExists.ChatConfiguration',
    };
    await expect(
      local.clients.oos.getChatConfiguration({ regionId: 'cn-hangzhou', name: 'x' }),
    ).rejects.toMatchObject(claim);
    await expect(
      local.clients.oos.deleteChatConfiguration({ regionId: 'cn-hangzhou', name: 'x' }),
    ).rejects.toMatchObject(claim);
    local.server.handle(() => ({ body: { RequestId: 'r', Content: 'deleted' } }));
    await expect(
      local.clients.oos.deleteChatConfiguration({ regionId: 'cn-hangzhou', name: 'x' }),
    ).resolves.toBeUndefined();
  });

  it('reads a Get answered without a configuration as a NOT_FOUND claim, never as one', async () => {
    local.server.handle(() => ({ body: { RequestId: 'empty-get' } }));
    await expect(
      local.clients.oos.getChatConfiguration({ regionId: 'cn-hangzhou', name: 'x' }),
    ).rejects.toMatchObject({ code: 'NOT_FOUND', requestId: 'empty-get' });
  });

  it('walks a listing with MaxResults 100 and calls a full page without a token incomplete', async () => {
    const page = (count: number) =>
      Array.from({ length: count }, (_, i) => ({ Name: `c${i}`, Type: 'DingTalk' }));
    local.server.handle(() => ({ body: { RequestId: 'full', ChatConfigurations: page(100) } }));
    await expect(
      local.clients.oos.listAllChatConfigurations({ regionId: 'cn-hangzhou' }),
    ).resolves.toMatchObject({ complete: false, requestId: 'full' });
    expect(rpcParamsOf(local.server.requests[0]).MaxResults).toBe('100');
    // An empty NextToken says "no more pages", as Alibaba Cloud APIs commonly answer.
    local.server.handle(() => ({
      body: { RequestId: 'last', ChatConfigurations: page(3), NextToken: '' },
    }));
    await expect(
      local.clients.oos.listAllChatConfigurations({ regionId: 'cn-hangzhou' }),
    ).resolves.toMatchObject({ complete: true, items: page(3).map((c) => ({ name: c.Name })) });
    local.server.handle(() => ({ body: { RequestId: 'short', ChatConfigurations: page(99) } }));
    await expect(
      local.clients.oos.listAllChatConfigurations({ regionId: 'cn-hangzhou' }),
    ).resolves.toMatchObject({ complete: true, requestId: 'short' });
  });

  it('flattens list filters 1-based and follows a NextToken only if one appears', async () => {
    local.server.handle(() => ({
      body: {
        ChatConfigurations: [
          { Name: 'a', Type: 'WeChat', Outputs: '{"URL":"u","AesKey":"k"}' },
          { Name: 'b', Type: 'DingTalk' },
        ],
      },
    }));
    const page = await local.clients.oos.listChatConfigurations({
      regionId: 'cn-hangzhou',
      filters: [
        { name: 'type', value: 'DingTalk' },
        { name: 'status', value: 'enabled' },
      ],
      maxResults: 20,
    });
    expect(rpcParamsOf(local.server.requests[0])).toMatchObject({
      'Filters.1.Name': 'type',
      'Filters.1.Value': 'DingTalk',
      'Filters.2.Name': 'status',
      'Filters.2.Value': 'enabled',
      MaxResults: '20',
    });
    expect(page).toEqual({
      items: [
        { name: 'a', type: 'WeChat', outputs: { URL: 'u', AesKey: 'k' } },
        { name: 'b', type: 'DingTalk', outputs: {} },
      ],
    });
    local.server.handle(() => ({ body: { ChatConfigurations: [], NextToken: 'next-1' } }));
    await expect(
      local.clients.oos.listChatConfigurations({ regionId: 'cn-hangzhou' }),
    ).resolves.toEqual({
      items: [],
      nextToken: 'next-1',
    });
  });

  it('maps a duplicate name to ALREADY_EXISTS', async () => {
    local.server.handle(() => error(400, 'EntityAlreadyExists.ChatConfiguration'));
    const e = await local.clients.oos.createChatConfiguration(spec).catch((x: unknown) => x);
    expect(e).toMatchObject({
      code: 'ALREADY_EXISTS',
      remoteCode: 'EntityAlreadyExists.ChatConfiguration',
      requestId: 'req-EntityAlreadyExists.ChatConfiguration',
      httpStatus: 400,
    });
  });
});

describe('OosClient retries', () => {
  it('retries a throttled call and succeeds, signing each attempt afresh', async () => {
    local.server.handle((_req, i) =>
      i === 0
        ? error(400, 'Throttling.User')
        : { body: { ChatConfiguration: { Name: 'ops-bot' } } },
    );
    await expect(local.clients.oos.createChatConfiguration(spec)).resolves.toEqual({
      name: 'ops-bot',
    });
    expect(local.server.requests).toHaveLength(2);
    const [a, b] = local.server.requests;
    expect(a.headers['x-acs-signature-nonce']).not.toBe(b.headers['x-acs-signature-nonce']);
  });

  it('fails a validation error at once, without retrying', async () => {
    local.server.handle(() => error(400, 'InvalidParameter.Name'));
    const e = await local.clients.oos.updateChatConfiguration(spec).catch((x: unknown) => x);
    expect(isChatOpsError(e, 'INVALID_INPUT')).toBe(true);
    expect(local.server.requests).toHaveLength(1);
  });

  it.each([
    ['SignatureDoesNotMatch', 'AUTH_FAILED'],
    ['Forbidden.RAM', 'PERMISSION_DENIED'],
  ])('fails %s at once as %s', async (code, ours) => {
    local.server.handle(() => error(code === 'Forbidden.RAM' ? 403 : 400, code));
    await expect(
      local.clients.oos.getChatConfiguration({ regionId: 'cn-hangzhou', name: 'x' }),
    ).rejects.toMatchObject({ code: ours });
    expect(local.server.requests).toHaveLength(1);
  });

  /** A GetChatConfiguration answered first by this error, then by the configuration. */
  async function getAfterOneError(status: number, code: string, headers: Record<string, string>) {
    local.server.handle((_req, i) =>
      i === 0 ? error(status, code, headers) : { body: { ChatConfiguration: { Name: 'x' } } },
    );
    await local.clients.oos.getChatConfiguration({ regionId: 'cn-hangzhou', name: 'x' });
  }

  it('honours x-acs-retry-after', async () => {
    await getAfterOneError(400, 'Throttling', { 'x-acs-retry-after': '2' });
    expect(local.server.requests).toHaveLength(2);
    expect(local.clock.sleeps).toContain(2000);
  });

  it('honours Retry-After on a 503', async () => {
    await getAfterOneError(503, 'ServiceUnavailable', { 'retry-after': '4' });
    expect(local.clock.sleeps).toContain(4000);
  });

  it('stops the retry loop at the operation deadline', async () => {
    local.connect({ maxAttempts: 50, operationDeadlineMs: 3500 });
    local.server.handle(() => error(400, 'Throttling.User', { 'x-acs-retry-after': '1' }));
    const e = await local.clients.oos
      .getChatConfiguration({ regionId: 'cn-hangzhou', name: 'x' })
      .catch((x: unknown) => x);
    expect(e).toMatchObject({ code: 'DEADLINE_EXCEEDED', remoteCode: 'Throttling.User' });
    // Three one-second waits fit in 3.5 s; the fourth would not.
    expect(local.server.requests).toHaveLength(4);
  });

  it('does not repeat a create after an ambiguous 500, but does repeat an update', async () => {
    local.server.handle(() => error(500, 'InternalError'));
    await expect(local.clients.oos.createChatConfiguration(spec)).rejects.toMatchObject({
      code: 'REMOTE_UNAVAILABLE',
    });
    expect(local.server.requests).toHaveLength(1);
    local.server.requests.length = 0;
    local.server.handle((_req, i) =>
      i === 0 ? error(500, 'InternalError') : { body: { ChatConfiguration: { Name: 'x' } } },
    );
    await expect(local.clients.oos.updateChatConfiguration(spec)).resolves.toEqual({ name: 'x' });
    expect(local.server.requests).toHaveLength(2);
  });

  it('reports missing credentials as a configuration error without calling out', async () => {
    local.clients = createClients(() => ({ oosEndpoint: local.server.url }), {
      clock: local.clock,
      backoff: FAST_BACKOFF,
    });
    const e = await local.clients.oos
      .getChatConfiguration({ regionId: 'cn-hangzhou', name: 'x' })
      .catch((x: unknown) => x);
    expect(isChatOpsError(e, 'CONFIGURATION_ERROR')).toBe(true);
    expect((e as Error).message).toContain('ALIBABA_CLOUD_ACCESS_KEY_ID');
    expect(local.server.requests).toHaveLength(0);
  });
});
