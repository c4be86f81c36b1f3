import { MockAgent, Pool } from 'undici';
import { createClients } from '../../provider/clients';
import { HttpTransport } from '../../provider/http/transport';
import { SkippingClock } from './helpers/clocks';
import { startLocalServer } from './helpers/local-server';
import { FAST_BACKOFF, SECRETS } from './helpers/settings';

describe('HttpTransport', () => {
  it('keeps one pool per origin', async () => {
    const transport = new HttpTransport();
    const a = transport.dispatcherFor('https://oos.cn-hangzhou.aliyuncs.com');
    expect(a).toBeInstanceOf(Pool);
    expect(transport.dispatcherFor('https://oos.cn-hangzhou.aliyuncs.com')).toBe(a);
    expect(transport.dispatcherFor('https://api.dingtalk.com')).not.toBe(a);
    await transport.close();
  });

  it('turns a refused connection into a retryable TRANSPORT_ERROR that was not processed', async () => {
    const dead = await startLocalServer();
    await dead.close();
    const transport = new HttpTransport();
    const e = await transport
      .send({ url: `${dead.url}/x`, method: 'GET', timeoutMs: 1000, operation: 'test:op' })
      .catch((x: unknown) => x);
    expect(e).toMatchObject({
      code: 'TRANSPORT_ERROR',
      retryable: true,
      notProcessed: true,
      operation: 'test:op',
    });
    await transport.close();
  });

  it('turns a slow answer into TIMEOUT', async () => {
    const server = await startLocalServer(() => ({ hang: true }));
    const transport = new HttpTransport();
    try {
      const e = await transport
        .send({ url: `${server.url}/x`, method: 'GET', timeoutMs: 50, operation: 'test:op' })
        .catch((x: unknown) => x);
      expect(e).toMatchObject({ code: 'TIMEOUT', retryable: true });
    } finally {
      await transport.close();
      await server.close();
    }
  });
});

describe('clients over undici MockAgent, default endpoints', () => {
  let agent: MockAgent;
  beforeEach(() => {
    agent = new MockAgent();
    agent.disableNetConnect();
  });
  afterEach(async () => {
    await agent.close();
  });

  it('calls the regional OOS endpoint and retries a throttled call', async () => {
    const oos = agent.get('https://oos.cn-shanghai.aliyuncs.com');
    const seen: string[] = [];
    oos.intercept({ path: '/', method: 'POST' }).reply(({ body }) => {
      seen.push(String(body));
      return {
        statusCode: 400,
        data: { Code: 'Throttling.Api', Message: 'slow', RequestId: 'r1' },
      };
    });
    oos
      .intercept({ path: '/', method: 'POST' })
      .reply(200, { ChatConfiguration: { Name: 'bot', Type: 'DingTalk', Configuration: '{}' } });
    const clients = createClients(
      () => ({ accessKeyId: 'id', accessKeySecret: SECRETS.accessKeySecret }),
      { dispatcher: agent, clock: new SkippingClock(Date.now()), backoff: FAST_BACKOFF },
    );
    await expect(
      clients.oos.getChatConfiguration({ regionId: 'cn-shanghai', name: 'bot' }),
    ).resolves.toMatchObject({
      name: 'bot',
    });
    expect(seen).toHaveLength(1);
    expect(new URLSearchParams(seen[0]).get('Name')).toBe('bot');
    agent.assertNoPendingInterceptors();
  });

  it('sends Security Center calls outside China to tds.ap-southeast-1', async () => {
    agent
      .get('https://tds.ap-southeast-1.aliyuncs.com')
      .intercept({ path: '/', method: 'POST' })
      .reply(200, { RequestId: 'r' });
    const clients = createClients(
      () => ({ accessKeyId: 'id', accessKeySecret: SECRETS.accessKeySecret }),
      {
        dispatcher: agent,
      },
    );
    await clients.securityCenter.deleteDingTalk('eu-central-1', [1]);
    agent.assertNoPendingInterceptors();
  });
});
