import { createServer, Server } from 'http';
import { AddressInfo } from 'net';
import { Dispatcher, MockAgent, Pool } from 'undici';
import { ChatOpsError } from '../../../provider/errors';
import { HttpRequest, HttpTransport } from '../../../provider/http/transport';
import { startLocalServer } from '../helpers/local-server';

const request = (url: string, extra: Partial<HttpRequest> = {}): HttpRequest => ({
  url,
  method: 'GET',
  timeoutMs: 5000,
  operation: 'test:op',
  ...extra,
});

/** A dispatcher that fails every request with `error`, the way undici reports network failures. */
class FailingDispatcher extends Dispatcher {
  constructor(private readonly error: unknown) {
    super();
  }
  override dispatch(
    _options: Dispatcher.DispatchOptions,
    handler: Dispatcher.DispatchHandler,
  ): boolean {
    queueMicrotask(() => handler.onError?.(this.error as Error));
    return true;
  }
  override close(): Promise<void> {
    return Promise.resolve();
  }
  override destroy(): Promise<void> {
    return Promise.resolve();
  }
}

async function failure(error: unknown): Promise<ChatOpsError> {
  const transport = new HttpTransport({ dispatcher: new FailingDispatcher(error) });
  const e = await transport
    .send(
      request('https://api.example/v1.0/robot/plugins/query?access_token=abc', { timeoutMs: 1500 }),
    )
    .then(
      () => undefined,
      (x: unknown) => x,
    );
  if (!(e instanceof ChatOpsError)) throw new Error(`expected a ChatOpsError, got ${String(e)}`);
  return e;
}

const withCode = (message: string, code: unknown): Error =>
  Object.assign(new Error(message), { code });

describe('HttpTransport: how a failure is reported', () => {
  it('reports a refused connection by its code, as not sent, naming only the origin', async () => {
    const e = await failure(
      Object.assign(
        new AggregateError([withCode('connect ECONNREFUSED', 'ECONNREFUSED')], 'x'),
        {},
      ),
    );
    expect(e).toMatchObject({
      code: 'TRANSPORT_ERROR',
      operation: 'test:op',
      retryable: true,
      notProcessed: true,
    });
    expect(e.message).toBe(
      'test:op: could not talk to https://api.example (ECONNREFUSED). Check the endpoint setting and the network.',
    );
  });

  it('follows the cause of an error that has no code of its own', async () => {
    const e = await failure(
      Object.assign(new Error('fetch failed', { cause: withCode('getaddrinfo', 'ENOTFOUND') }), {
        errors: [],
      }),
    );
    expect(e).toMatchObject({ code: 'TRANSPORT_ERROR', notProcessed: true });
    expect(e.message).toContain('(ENOTFOUND)');
  });

  it('counts a connection reset as possibly processed', async () => {
    const e = await failure(withCode('socket hang up', 'ECONNRESET'));
    expect(e).toMatchObject({ code: 'TRANSPORT_ERROR', retryable: true, notProcessed: false });
    expect(e.message).toContain('(ECONNRESET)');
  });

  it('names the message of an error without a code, and counts it as possibly processed', async () => {
    const e = await failure(new Error('other side closed'));
    expect(e).toMatchObject({ code: 'TRANSPORT_ERROR', notProcessed: false });
    expect(e.message).toContain('(other side closed)');
  });

  it('names the message of an error whose code is not a string', async () => {
    const e = await failure(withCode('weird failure', 42));
    expect(e.message).toContain('(weird failure)');
    expect(e.notProcessed).toBe(false);
  });

  it('names the message of an error that is its own cause', async () => {
    const looped = new Error('looped');
    (looped as Error & { cause: unknown }).cause = looped;
    const e = await failure(looped);
    expect(e.message).toContain('(looped)');
  });

  it('names a failure that is not an Error by its text', async () => {
    const e = await failure('plain text failure');
    expect(e.message).toContain('(plain text failure)');
    expect(e.notProcessed).toBe(false);
  });

  it('reports a headers timeout as TIMEOUT that may have been processed', async () => {
    const e = await failure(withCode('Headers Timeout Error', 'UND_ERR_HEADERS_TIMEOUT'));
    expect(e).toMatchObject({ code: 'TIMEOUT', retryable: true, notProcessed: false });
    expect(e.message).toBe(
      'test:op: no answer from https://api.example within 1500 ms (UND_ERR_HEADERS_TIMEOUT). Check the endpoint and the network, or raise requestTimeoutMs.',
    );
  });

  it('reports a connect timeout as TIMEOUT that was not sent', async () => {
    const e = await failure(withCode('Connect Timeout Error', 'UND_ERR_CONNECT_TIMEOUT'));
    expect(e).toMatchObject({ code: 'TIMEOUT', notProcessed: true });
  });

  it('reports a body timeout and ETIMEDOUT as TIMEOUT', async () => {
    await expect(
      failure(withCode('Body Timeout Error', 'UND_ERR_BODY_TIMEOUT')),
    ).resolves.toMatchObject({
      code: 'TIMEOUT',
    });
    await expect(failure(withCode('timed out', 'ETIMEDOUT'))).resolves.toMatchObject({
      code: 'TIMEOUT',
    });
  });

  it('passes a ChatOpsError from below through unchanged', async () => {
    const own = new ChatOpsError({ code: 'AUTH_FAILED', message: 'refused by a proxy' });
    await expect(failure(own)).resolves.toBe(own);
  });

  it('reports its own timer as TIMEOUT without a network code', async () => {
    const server = await startLocalServer(() => ({ hang: true }));
    const transport = new HttpTransport();
    try {
      const e = await transport
        .send(request(`${server.url}/slow`, { timeoutMs: 30 }))
        .catch((x: unknown) => x);
      expect(e).toMatchObject({ code: 'TIMEOUT', notProcessed: false });
      expect((e as Error).message).toMatch(
        new RegExp(`^test:op: no answer from ${server.url} within 30 ms`),
      );
    } finally {
      await transport.close();
      await server.close();
    }
  });
});

describe('HttpTransport: answers', () => {
  const MiB = 1024 * 1024;

  it('reads a body of exactly 8 MiB and refuses one byte more', async () => {
    const server = await startLocalServer((req) => ({
      body: 'a'.repeat(req.url === '/limit' ? 8 * MiB : 8 * MiB + 1),
    }));
    const transport = new HttpTransport();
    try {
      const ok = await transport.send(request(`${server.url}/limit`));
      expect(ok.body.length).toBe(8 * MiB);
      const e = await transport.send(request(`${server.url}/over`)).catch((x: unknown) => x);
      expect(e).toMatchObject({ code: 'TRANSPORT_ERROR', retryable: true, notProcessed: false });
      expect((e as Error).message).toContain('(response body too large)');
    } finally {
      await transport.close();
      await server.close();
    }
  });

  it('returns the status, lower-cased header names and the body as text', async () => {
    const agent = new MockAgent();
    agent.disableNetConnect();
    agent
      .get('https://api.example')
      .intercept({ path: '/x', method: 'POST', body: '{"a":1}' })
      .reply(201, 'créé', { headers: { 'X-Acs-Request-Id': 'REQ-1' } });
    const transport = new HttpTransport({ dispatcher: agent });
    try {
      const res = await transport.send(
        request('https://api.example/x', { method: 'POST', body: '{"a":1}' }),
      );
      expect(res.status).toBe(201);
      expect(res.body).toBe('créé');
      expect(res.headers['x-acs-request-id']).toBe('REQ-1');
    } finally {
      await agent.close();
    }
  });
});

/**
 * A server that holds every request until `answerAll` is called, and from then on answers at
 * once; it counts the connections it accepted.
 */
async function countingServer() {
  let connections = 0;
  let answering = false;
  const held: Array<() => void> = [];
  const arrivals: Array<() => void> = [];
  const server: Server = createServer((_req, res) => {
    if (answering) {
      res.end('{}');
      return;
    }
    held.push(() => res.end('{}'));
    arrivals.splice(0).forEach((notify) => notify());
  });
  server.on('connection', () => connections++);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  const heldCount = async (count: number): Promise<void> => {
    while (held.length < count) {
      await new Promise<void>((resolve) => arrivals.push(resolve));
    }
  };
  return {
    url: `http://127.0.0.1:${port}`,
    connections: () => connections,
    heldCount,
    answerAll: () => {
      answering = true;
      held.splice(0).forEach((answer) => answer());
    },
    close: async () => {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

describe('HttpTransport: connection pools', () => {
  it('opens at most 8 connections to one origin', async () => {
    const server = await countingServer();
    const transport = new HttpTransport();
    try {
      const sent = Array.from({ length: 10 }, () => transport.send(request(`${server.url}/x`)));
      await server.heldCount(8);
      server.answerAll();
      await Promise.all(sent);
      expect(server.connections()).toBe(8);
    } finally {
      await transport.close();
      await server.close();
    }
  });

  it('opens no more connections per origin than asked for', async () => {
    const server = await countingServer();
    const transport = new HttpTransport({ connectionsPerOrigin: 1 });
    try {
      const sent = [1, 2, 3].map(() => transport.send(request(`${server.url}/x`)));
      await server.heldCount(1);
      server.answerAll();
      await Promise.all(sent);
      expect(server.connections()).toBe(1);
    } finally {
      await transport.close();
      await server.close();
    }
  });

  it('closes every pool it opened, and leaves an injected dispatcher open', async () => {
    const own = new HttpTransport();
    const pools = [own.dispatcherFor('https://a.example'), own.dispatcherFor('https://b.example')];
    await own.close();
    expect(pools.map((p) => (p as Pool).closed)).toEqual([true, true]);
    // A later call opens a fresh pool.
    expect(own.dispatcherFor('https://a.example')).not.toBe(pools[0]);
    await own.close();

    const shared = new Pool('https://a.example');
    const injected = new HttpTransport({ dispatcher: shared });
    expect(injected.dispatcherFor('https://b.example')).toBe(shared);
    await injected.close();
    expect(shared.closed).toBe(false);
    await shared.close();
  });
});
