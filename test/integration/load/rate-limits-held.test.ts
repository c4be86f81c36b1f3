import { startEmulator, type RunningEmulator } from '../../../emulator';

/** `pulumi up --parallel 32` of 200 groups against DingTalk's per-app, per-API limit. */
const GROUPS = 200;
const IN_FLIGHT = 32;
/** About 20 calls per second per app and API on the standard edition (docs/wire-facts.md 2d). */
const LIMIT_PER_SECOND = 20;

interface Runtime {
  configure(req: { config: { get(key: string): string | undefined } }): Promise<void>;
  dispatch(typeName: string, method: string, args: unknown[]): Promise<unknown>;
  close(): Promise<void>;
}

/** A provider process of its own: its pacing buckets and token cache start empty. */
async function freshProviderProcess(): Promise<Runtime> {
  let runtime: Runtime | undefined;
  await jest.isolateModulesAsync(async () => {
    const entry = await import('../../../provider/runtime');
    const context = await import('../../../provider/lifecycle/context');
    runtime = { ...entry, close: context.closeSharedClients };
  });
  return runtime!;
}

/** Runs `work` on every item with at most `limit` at once, as the engine's --parallel does. */
async function inParallel<T, R>(
  items: T[],
  limit: number,
  work: (item: T) => Promise<R>,
): Promise<PromiseSettledResult<R>[]> {
  const results: PromiseSettledResult<R>[] = new Array(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const index = next++;
      try {
        results[index] = { status: 'fulfilled', value: await work(items[index]) };
      } catch (reason) {
        results[index] = { status: 'rejected', reason };
      }
    }
  };
  await Promise.all(Array.from({ length: limit }, worker));
  return results;
}

describe('rate limits held at the provider runtime', () => {
  let emu: RunningEmulator;
  let runtime: Runtime;

  beforeAll(async () => {
    emu = await startEmulator({ rateLimitPerSecond: LIMIT_PER_SECOND });
    runtime = await freshProviderProcess();
    // The stack config a user writes: credentials and endpoints, no tuning. The client's
    // default pace (20 per second per API) is what keeps the run under the limit.
    const config: Record<string, string> = {
      'dingtalk:clientId': 'test',
      'dingtalk:clientSecret': 'test',
      'chatops:dingtalkApiEndpoint': emu.url,
      'chatops:dingtalkOapiEndpoint': emu.url,
    };
    await runtime.configure({ config: { get: (key) => config[key] } });
  });

  afterAll(async () => {
    await runtime.close();
    await emu.stop();
  });

  it(`creates ${GROUPS} groups with ${IN_FLIGHT} in flight under ${LIMIT_PER_SECOND}/s: all succeed, no throttling error surfaces, nothing is duplicated`, async () => {
    const names = Array.from({ length: GROUPS }, (_, i) => `load-${String(i).padStart(3, '0')}`);
    const results = await inParallel(names, IN_FLIGHT, async (name) => {
      const checked = (await runtime.dispatch('DingTalkGroup', 'check', [
        {},
        { name, owner: 'alice', members: ['bob', 'carol'] },
      ])) as { inputs: Record<string, unknown>; failures: unknown[] };
      expect(checked.failures).toEqual([]);
      return (await runtime.dispatch('DingTalkGroup', 'create', [checked.inputs])) as {
        id: string;
      };
    });

    const errors = results
      .filter((r): r is PromiseRejectedResult => r.status === 'rejected')
      .map((r) => String((r.reason as Error)?.message ?? r.reason));
    expect(errors).toEqual([]);

    // Exactly one group per declared name, each under the id its create returned.
    const groups = Object.values(emu.state().groupChats);
    expect(groups.map((g) => g.name).sort()).toEqual(names);
    const ids = results.map((r) => (r as PromiseFulfilledResult<{ id: string }>).value.id);
    expect(new Set(ids).size).toBe(GROUPS);
    expect(ids.every((id) => emu.state().groupChats[id] !== undefined)).toBe(true);

    // Every chat/create the emulator received either made one of those groups or was
    // throttled (and then retried by the client); nothing else failed on the wire.
    const creates = emu.requests().requests.filter((r) => r.action === 'chat/create');
    const answered = creates.filter((r) => !r.throttled);
    expect(answered).toHaveLength(GROUPS);
    expect(answered.every((r) => r.status === 200 && r.errorCode === undefined)).toBe(true);
    // One token for the whole run, however many calls were in flight when it was fetched.
    expect(emu.requests().counts['dingtalk-tokens:oauth2/accessToken']).toBe(1);
  }, 60_000);
});
