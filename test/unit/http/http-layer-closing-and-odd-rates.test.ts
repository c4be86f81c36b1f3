import { ChatOpsError } from '../../../provider/errors';
import { HttpLayer } from '../../../provider/http/http-layer';
import { Pacer } from '../../../provider/http/pacer';
import { runWithRetry } from '../../../provider/http/retry';
import { HttpTransport } from '../../../provider/http/transport';
import { SkippingClock } from '../helpers/clocks';
import { connectionAfterClose } from '../helpers/kept-alive-server';
import { startLocalServer } from '../helpers/local-server';

const START = 1_700_000_000_000;

describe('closing the HTTP layer', () => {
  it('closes the kept-alive connections it opened', async () => {
    const result = await connectionAfterClose((url) => {
      const layer = new HttpLayer();
      return {
        call: () =>
          layer.send({ url: `${url}/x`, method: 'GET', timeoutMs: 5000, operation: 'test:op' }),
        close: () => layer.close(),
      };
    });
    expect(result).toEqual({ connections: 1, outcome: 'closed' });
  });
});

describe('the request timer', () => {
  const timers = () => process.getActiveResourcesInfo().filter((r) => r === 'Timeout').length;

  it('is not left running after an answer, so it keeps no process alive', async () => {
    const server = await startLocalServer(() => ({ body: { ok: true } }));
    const transport = new HttpTransport();
    try {
      const before = timers();
      await transport.send({
        url: `${server.url}/x`,
        method: 'GET',
        timeoutMs: 600_000,
        operation: 'test:op',
      });
      expect(timers()).toBe(before);
    } finally {
      await transport.close();
      await server.close();
    }
  });

  it('ends the message of its own timeout with what to do, naming no network code', async () => {
    const server = await startLocalServer(() => ({ hang: true }));
    const transport = new HttpTransport();
    try {
      const e = await transport
        .send({ url: `${server.url}/slow`, method: 'GET', timeoutMs: 30, operation: 'test:op' })
        .catch((x: unknown) => x);
      expect((e as Error).message).toBe(
        `test:op: no answer from ${server.url} within 30 ms. Check the endpoint and the network, or raise requestTimeoutMs.`,
      );
    } finally {
      await transport.close();
      await server.close();
    }
  });
});

describe('odd rates', () => {
  it('leave the pace of a key alone when a call of it is not paced', async () => {
    for (const rate of [0, -5, NaN, Infinity]) {
      const clock = new SkippingClock(START);
      const pacer = new Pacer({ clock });
      await pacer.acquire('k', 1);
      await pacer.acquire('k', rate);
      pacer.yieldSlot('k', rate);
      await pacer.acquire('k', 1);
      expect(clock.sleeps).toEqual([1000]);
    }
  });
});

describe('errors of other libraries', () => {
  it('are not retried, even when they call themselves retryable', async () => {
    let calls = 0;
    const sdkError = Object.assign(new Error('socket closed'), {
      retryable: true,
      notProcessed: true,
    });
    await expect(
      runWithRetry(
        {
          operation: 'test:op',
          idempotent: true,
          clock: new SkippingClock(START),
          policy: {
            maxAttempts: 3,
            requestTimeoutMs: 1000,
            operationDeadlineMs: 10_000,
            backoff: { baseMs: 1, capMs: 1 },
          },
        },
        async () => {
          calls++;
          throw sdkError;
        },
      ),
    ).rejects.toBe(sdkError);
    expect(calls).toBe(1);
    expect(sdkError).not.toBeInstanceOf(ChatOpsError);
  });
});
