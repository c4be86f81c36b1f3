import { createHash } from 'crypto';
import type { CallCredentials } from '../../../provider/clients/alicloud/credentials';
import { AlicloudRpcClient, type RpcCall } from '../../../provider/clients/alicloud/rpc-client';
import { ChatOpsError } from '../../../provider/errors';
import { HttpLayer } from '../../../provider/http/http-layer';
import { SkippingClock } from '../helpers/clocks';
import { LocalServer, Reply, startLocalServer } from '../helpers/local-server';
import { SECRETS } from '../helpers/settings';

let server: LocalServer;
let http: HttpLayer;

beforeEach(async () => {
  server = await startLocalServer(() => ({ body: { RequestId: 'r-1', Ok: true } }));
  http = new HttpLayer({ clock: new SkippingClock(Date.now()), backoff: { baseMs: 1, capMs: 1 } });
});
afterEach(async () => {
  await http.close();
  await server.close();
});

const settings = () => ({ maxAttempts: 2, requestTimeoutMs: 2000, operationDeadlineMs: 10_000 });

const call = (extra: Partial<RpcCall> = {}): RpcCall => ({
  endpoint: () => `${server.url}/api`,
  action: 'GetChatConfiguration',
  version: '2019-06-01',
  operation: 'oos:GetChatConfiguration',
  ramAction: 'oos:GetChatConfiguration',
  params: { RegionId: 'cn-hangzhou', Name: 'ops bot' },
  idempotent: true,
  ...extra,
});

const keys = (id: string) => ({ accessKeyId: id, accessKeySecret: SECRETS.accessKeySecret });

/** A credential chain that hands out the given keys in turn and counts expiries. */
function chain(sets: Array<{ id: string; temporary: boolean }>) {
  let expired = 0;
  let calls = 0;
  const provider = async (): Promise<CallCredentials> => {
    const set = sets[Math.min(calls++, sets.length - 1)];
    return {
      credentials: keys(set.id),
      temporary: set.temporary,
      expired: () => {
        expired++;
      },
    };
  };
  return { provider, expired: () => expired, calls: () => calls };
}

const credentialOf = (authorization: string | string[] | undefined) =>
  /Credential=([^,]+)/.exec(String(authorization))?.[1];

const expiredToken: Reply = {
  status: 401,
  body: { Code: 'InvalidSecurityToken.Expired', Message: 'expired', RequestId: 'r-exp' },
};

describe('AlicloudRpcClient credentials', () => {
  it('fails without a credential chain, naming the operation', async () => {
    const client = new AlicloudRpcClient(http, settings);
    const error = await client.call(call()).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ChatOpsError);
    expect(error).toMatchObject({
      code: 'CONFIGURATION_ERROR',
      message: 'oos:GetChatConfiguration: no credential chain',
    });
    expect(server.requests).toHaveLength(0);
  });

  it('renews temporary keys the gateway says expired, and tries once more', async () => {
    server.handle((_req, index) => (index === 0 ? expiredToken : { body: { RequestId: 'r-2' } }));
    const keysChain = chain([
      { id: 'STS.old', temporary: true },
      { id: 'STS.new', temporary: true },
    ]);
    const client = new AlicloudRpcClient(http, settings, keysChain.provider);
    await expect(client.call(call())).resolves.toEqual({ RequestId: 'r-2' });
    expect(keysChain.expired()).toBe(1);
    expect(server.requests.map((r) => credentialOf(r.headers.authorization))).toEqual([
      'STS.old',
      'STS.new',
    ]);
  });

  it('does not renew keys that are not temporary', async () => {
    server.handle(() => expiredToken);
    const keysChain = chain([{ id: 'LTAI.static', temporary: false }]);
    const client = new AlicloudRpcClient(http, settings, keysChain.provider);
    await expect(client.call(call())).rejects.toMatchObject({
      code: 'AUTH_FAILED',
      remoteCode: 'InvalidSecurityToken.Expired',
    });
    expect(keysChain.expired()).toBe(0);
    expect(server.requests).toHaveLength(1);
  });

  it('does not renew temporary keys refused for another reason', async () => {
    server.handle(() => ({
      status: 401,
      body: { Code: 'InvalidAccessKeyId.NotFound', Message: 'no such key', RequestId: 'r-x' },
    }));
    const keysChain = chain([{ id: 'STS.old', temporary: true }]);
    const client = new AlicloudRpcClient(http, settings, keysChain.provider);
    await expect(client.call(call())).rejects.toMatchObject({ code: 'AUTH_FAILED' });
    expect(keysChain.expired()).toBe(0);
    expect(keysChain.calls()).toBe(1);
  });

  it('signs with the keys the call brings instead of the chain', async () => {
    const keysChain = chain([{ id: 'LTAI.chain', temporary: false }]);
    const client = new AlicloudRpcClient(http, settings, keysChain.provider);
    await client.call(call({ auth: keys('LTAI.own') }));
    expect(credentialOf(server.requests[0].headers.authorization)).toBe('LTAI.own');
    expect(keysChain.calls()).toBe(0);
  });
});

describe('AlicloudRpcClient requests', () => {
  it('sends signed calls to the endpoint path with the parameters in the form body', async () => {
    const client = new AlicloudRpcClient(
      http,
      settings,
      chain([{ id: 'LTAI', temporary: false }]).provider,
    );
    await client.call(call());
    const [req] = server.requests;
    expect(req.method).toBe('POST');
    expect(req.url).toBe('/api');
    expect(req.body).toBe('Name=ops%20bot&RegionId=cn-hangzhou');
    expect(req.headers['content-type']).toBe('application/x-www-form-urlencoded');
    expect(req.headers['x-acs-action']).toBe('GetChatConfiguration');
    expect(req.headers['x-acs-version']).toBe('2019-06-01');
    expect(req.headers.accept).toBe('application/json');
    expect(req.headers['user-agent']).toBe('pulumi-dingtalk-chatops');
  });

  it('sends the root path when the endpoint has none', async () => {
    const client = new AlicloudRpcClient(
      http,
      settings,
      chain([{ id: 'LTAI', temporary: false }]).provider,
    );
    await client.call(call({ endpoint: () => server.url, params: {} }));
    expect(server.requests[0].url).toBe('/');
  });

  it('sends an anonymous call unsigned, its parameters as a form body', async () => {
    const client = new AlicloudRpcClient(http, settings);
    await client.call(call({ auth: 'anonymous', params: { OIDCToken: 'oidc-token-value' } }));
    const [req] = server.requests;
    expect(req.url).toBe('/api');
    expect(req.body).toBe('OIDCToken=oidc-token-value');
    expect(req.headers.authorization).toBeUndefined();
    expect(req.headers['content-type']).toBe('application/x-www-form-urlencoded');
    expect(req.headers['x-acs-content-sha256']).toBe(
      createHash('sha256').update('OIDCToken=oidc-token-value').digest('hex'),
    );
    expect(req.headers['x-acs-signature-nonce']).toMatch(/^[0-9a-f]{32}$/);
    expect(req.headers['x-acs-date']).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/);
    expect(req.headers['x-acs-action']).toBe('GetChatConfiguration');
  });

  it('fails with REMOTE_ERROR on a success whose body is not a JSON object', async () => {
    server.handle(() => ({ body: '[1,2]' }));
    const client = new AlicloudRpcClient(
      http,
      settings,
      chain([{ id: 'LTAI', temporary: false }]).provider,
    );
    await expect(client.call(call())).rejects.toMatchObject({
      code: 'REMOTE_ERROR',
      httpStatus: 200,
      operation: 'oos:GetChatConfiguration',
      message: `oos:GetChatConfiguration: HTTP 200 with a body that is not a JSON object. Check that the endpoint ${server.url} is an Alibaba Cloud API endpoint.`,
    });
  });

  it('turns an answer outside 2xx into an error, also a 3xx', async () => {
    server.handle(() => ({ status: 302, body: { Code: 'Moved', Message: 'elsewhere' } }));
    const client = new AlicloudRpcClient(
      http,
      settings,
      chain([{ id: 'LTAI', temporary: false }]).provider,
    );
    await expect(client.call(call())).rejects.toBeInstanceOf(ChatOpsError);
  });

  it('names the product, action and RAM action of a product call', async () => {
    server.handle(() => ({
      status: 403,
      body: { Code: 'Forbidden.RAM', Message: 'denied', RequestId: 'r-403' },
    }));
    const client = new AlicloudRpcClient(
      http,
      settings,
      chain([{ id: 'LTAI', temporary: false }]).provider,
    );
    const error = (await client
      .callProduct(
        {
          endpoint: (region) => `${server.url}/${region}`,
          version: '2018-12-03',
          operationPrefix: 'sas',
          ramPrefix: 'yundun-sas',
          goneCodes: new Set(),
        },
        'DescribeDingTalk',
        'cn-shanghai',
        { PageSize: 10 },
        true,
      )
      .catch((e: unknown) => e)) as ChatOpsError;
    expect(error.operation).toBe('sas:DescribeDingTalk');
    expect(error.message).toContain('yundun-sas:DescribeDingTalk');
    const [req] = server.requests;
    expect(req.url).toBe('/cn-shanghai');
    expect(req.body).toBe('PageSize=10');
    expect(req.headers['x-acs-version']).toBe('2018-12-03');
  });
});
