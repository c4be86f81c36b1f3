import { MockAgent } from 'undici';
import { ChatOpsError } from '../../../provider/errors';
import { HttpLayer, OperationSpec } from '../../../provider/http/http-layer';
import type { LogLevel } from '../../../provider/http/log';
import { SkippingClock } from '../helpers/clocks';

const spec: OperationSpec = {
  operation: 'dingtalk:chat/get',
  origin: 'https://oapi.dingtalk.com',
  ratePerSecond: 1,
  idempotent: true,
  maxAttempts: 3,
  requestTimeoutMs: 2000,
  operationDeadlineMs: 60_000,
};

const throttled = () =>
  new ChatOpsError({ code: 'THROTTLED', message: 'slow down', retryable: true });

/** Runs one successful call per spec, one after another. */
async function sequential(layer: HttpLayer, specs: OperationSpec[]): Promise<void> {
  for (const s of specs) await layer.execute(s, async () => 'ok');
}

describe('HttpLayer.execute', () => {
  it('spaces calls of one operation on one origin by the rate', async () => {
    const clock = new SkippingClock(0);
    const layer = new HttpLayer({ clock });
    await sequential(layer, [spec, spec, spec]);
    expect(clock.sleeps).toEqual([1000, 1000]);
  });

  it('paces another operation, another origin and another account separately', async () => {
    const clock = new SkippingClock(0);
    const layer = new HttpLayer({ clock });
    await sequential(layer, [
      spec,
      { ...spec, operation: 'dingtalk:chat/update' },
      { ...spec, origin: 'https://api.dingtalk.com' },
      { ...spec, scope: 'app-2' },
      { ...spec, scope: 'app-3' },
    ]);
    expect(clock.sleeps).toEqual([]);
    await sequential(layer, [{ ...spec, scope: 'app-2' }]);
    expect(clock.sleeps).toEqual([1000]);
  });

  it('lets `burst` calls go back to back before spacing starts', async () => {
    const clock = new SkippingClock(0);
    const layer = new HttpLayer({ clock, burst: 3 });
    await sequential(layer, [spec, spec, spec, spec]);
    expect(clock.sleeps).toEqual([1000]);
  });

  it('hands a slot back after a throttled attempt, so the retry waits one interval more', async () => {
    const clock = new SkippingClock(0);
    const layer = new HttpLayer({ clock, random: () => 0, backoff: { baseMs: 1, capMs: 1 } });
    let calls = 0;
    await layer.execute(spec, async () => {
      if (++calls === 1) throw throttled();
      return 'ok';
    });
    // A backoff of 0 ms, then the pacing wait: the retry's own slot was at 1000 ms, and the
    // throttle gave it up, so the retry goes at 2000 ms.
    expect(clock.sleeps).toEqual([0, 2000]);
  });

  it('keeps the pace after a failure that is not throttling', async () => {
    const clock = new SkippingClock(0);
    const layer = new HttpLayer({ clock, random: () => 0, backoff: { baseMs: 1, capMs: 1 } });
    let calls = 0;
    await layer.execute(spec, async () => {
      if (++calls === 1) {
        throw new ChatOpsError({ code: 'REMOTE_UNAVAILABLE', message: '503', retryable: true });
      }
      return 'ok';
    });
    expect(clock.sleeps).toEqual([0, 1000]);
  });

  it('gives each attempt the request timeout and the operation deadline of the spec', async () => {
    const clock = new SkippingClock(5000);
    const layer = new HttpLayer({ clock });
    const seen: unknown[] = [];
    await layer.execute({ ...spec, requestTimeoutMs: 1500, operationDeadlineMs: 9000 }, (ctx) => {
      seen.push(ctx);
      return Promise.resolve('ok');
    });
    expect(seen).toEqual([{ attempt: 1, timeoutMs: 1500, deadlineAt: 14_000 }]);
  });

  it('stops after the attempts of the spec and names the operation', async () => {
    const layer = new HttpLayer({ clock: new SkippingClock(0), backoff: { baseMs: 1, capMs: 1 } });
    let calls = 0;
    const error = await layer
      .execute({ ...spec, ratePerSecond: 0, maxAttempts: 2 }, async () => {
        calls++;
        throw throttled();
      })
      .catch((e: unknown) => e);
    expect(calls).toBe(2);
    expect(error).toMatchObject({ code: 'THROTTLED' });
    expect((error as Error).message).toContain('gave up after 2 attempts');
  });

  it('repeats a failed create only when the remote did not act on it', async () => {
    const layer = new HttpLayer({ clock: new SkippingClock(0), backoff: { baseMs: 1, capMs: 1 } });
    let calls = 0;
    await expect(
      layer.execute({ ...spec, idempotent: false }, async () => {
        calls++;
        throw new ChatOpsError({ code: 'TIMEOUT', message: 'no answer', retryable: true });
      }),
    ).rejects.toMatchObject({ code: 'TIMEOUT' });
    expect(calls).toBe(1);
  });

  it('draws the backoff from the given random source, with the default cap', async () => {
    const clock = new SkippingClock(0);
    const layer = new HttpLayer({ clock, random: () => 0.5, backoff: { baseMs: 100_000 } });
    let calls = 0;
    await layer.execute({ ...spec, ratePerSecond: 0, operationDeadlineMs: 600_000 }, async () => {
      if (++calls === 1) {
        throw new ChatOpsError({ code: 'REMOTE_UNAVAILABLE', message: '503', retryable: true });
      }
      return 'ok';
    });
    // Half of the default 20 s cap, the base being larger.
    expect(clock.sleeps).toEqual([10_000]);
  });

  it('uses the default backoff when none is given', async () => {
    const clock = new SkippingClock(0);
    const layer = new HttpLayer({ clock, random: () => 0.5 });
    let calls = 0;
    await layer.execute({ ...spec, ratePerSecond: 0 }, async () => {
      if (++calls === 1) {
        throw new ChatOpsError({ code: 'REMOTE_UNAVAILABLE', message: '503', retryable: true });
      }
      return 'ok';
    });
    expect(clock.sleeps).toEqual([100]);
  });

  it('logs each retry through the sink, with secrets hidden', async () => {
    const lines: Array<[LogLevel, string]> = [];
    const layer = new HttpLayer({
      clock: new SkippingClock(0),
      random: () => 0,
      log: (level, line) => lines.push([level, line]),
    });
    let calls = 0;
    await layer.execute({ ...spec, ratePerSecond: 0 }, async () => {
      if (++calls === 1) {
        throw new ChatOpsError({
          code: 'REMOTE_UNAVAILABLE',
          message: 'GET /gettoken?appsecret=plain-secret-value failed',
          retryable: true,
        });
      }
      return 'ok';
    });
    expect(lines).toHaveLength(1);
    expect(lines[0][0]).toBe('debug');
    expect(lines[0][1]).toContain('dingtalk:chat/get: attempt 1/3 failed with REMOTE_UNAVAILABLE');
    expect(lines[0][1]).not.toContain('plain-secret-value');
    expect(layer.logger).toBeDefined();
  });

  it('exposes the clock it runs on', () => {
    const clock = new SkippingClock(42);
    expect(new HttpLayer({ clock }).clock.now()).toBe(42);
    const before = Date.now();
    const now = new HttpLayer().clock.now();
    expect(now).toBeGreaterThanOrEqual(before);
  });
});

describe('HttpLayer.send', () => {
  it('sends requests through the given dispatcher and returns the answer', async () => {
    const agent = new MockAgent();
    agent.disableNetConnect();
    agent
      .get('https://oapi.dingtalk.com')
      .intercept({ path: '/chat/get?chatid=c1', method: 'GET' })
      .reply(200, { errcode: 0 }, { headers: { 'X-Request-Id': 'r-1' } });
    const layer = new HttpLayer({ dispatcher: agent });
    try {
      const res = await layer.send({
        url: 'https://oapi.dingtalk.com/chat/get?chatid=c1',
        method: 'GET',
        timeoutMs: 1000,
        operation: 'dingtalk:chat/get',
      });
      expect(res).toMatchObject({ status: 200, body: '{"errcode":0}' });
      expect(res.headers['x-request-id']).toBe('r-1');
      agent.assertNoPendingInterceptors();
    } finally {
      await layer.close();
      await agent.close();
    }
  });
});
