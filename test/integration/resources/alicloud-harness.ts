import { startEmulator, type EmulatorOptions, type RunningEmulator } from '../../../emulator';
import { createClients, type Clients } from '../../../provider/clients';
import type { RequestLogEntry } from '../../../emulator';

/** The provider runtime as the serialized stubs reach it, plus its shutdown. */
export interface Runtime {
  configure(req: { config: { get(key: string): string | undefined } }): Promise<void>;
  dispatch(typeName: string, method: string, args: unknown[]): Promise<unknown>;
  close(): Promise<void>;
}

/** Distinctive credentials: a leak is unmistakable in a search. */
export const ALICLOUD_KEY = {
  accessKeyId: 'LTAI-resource-tests-key',
  accessKeySecret: 'ALIYUN-SECRET-4c1d9e7f2b8a6e3d0c5f9a1b7e2d4c6f',
};

/** Stack config pointing the provider at the emulator, as a user would write it. */
export function stackConfig(emu: RunningEmulator): Record<string, string> {
  return {
    'alicloud:accessKey': ALICLOUD_KEY.accessKeyId,
    'alicloud:secretKey': ALICLOUD_KEY.accessKeySecret,
    'alicloud:region': 'cn-hangzhou',
    'chatops:oosEndpoint': emu.url,
    'chatops:stsEndpoint': emu.url,
    'chatops:sasEndpoint': emu.url,
    // The emulator answers at once; the default pacing (20 per second) only slows tests.
    'chatops:alicloudRatePerSecond': '2000',
    'chatops:requestTimeoutMs': '2000',
    'chatops:maxAttempts': '2',
  };
}

export function startAlicloudEmulator(options: EmulatorOptions = {}): Promise<RunningEmulator> {
  return startEmulator({ accessKeys: [ALICLOUD_KEY], ...options });
}

/**
 * A provider runtime in its own module registry (a fresh provider process as far as the
 * shared clients are concerned), configured through `configure()` like the runner does.
 */
export async function runtimeFor(emu: RunningEmulator): Promise<Runtime> {
  let runtime: Runtime | undefined;
  await jest.isolateModulesAsync(async () => {
    const entry = await import('../../../provider/runtime');
    const context = await import('../../../provider/lifecycle/context');
    runtime = { ...entry, close: context.closeSharedClients };
  });
  const config = stackConfig(emu);
  await runtime!.configure({ config: { get: (key) => config[key] } });
  return runtime!;
}

export interface Checked {
  inputs: Record<string, unknown>;
  failures: { property: string; reason: string }[];
}
export interface Created {
  id: string;
  outs: Record<string, unknown>;
}
export interface Read {
  id?: string;
  props?: Record<string, unknown>;
  inputs?: Record<string, unknown>;
}
export interface Diffed {
  changes: boolean;
  replaces: string[];
  deleteBeforeReplace: boolean;
}

/** Typed wrappers over `dispatch` for one resource type. */
export function typed(runtime: Runtime, type: string) {
  const call = <T>(method: string, args: unknown[]) =>
    runtime.dispatch(type, method, args) as Promise<T>;
  return {
    check: (news: Record<string, unknown>, olds: Record<string, unknown> = {}) =>
      call<Checked>('check', [olds, news]),
    async checked(news: Record<string, unknown>): Promise<Record<string, unknown>> {
      const result = await call<Checked>('check', [{}, news]);
      if (result.failures.length > 0)
        throw new Error(`check failed: ${JSON.stringify(result.failures)}`);
      return result.inputs;
    },
    diff: (id: string, olds: Record<string, unknown>, news: Record<string, unknown>) =>
      call<Diffed>('diff', [id, olds, news]),
    create: (inputs: Record<string, unknown>) => call<Created>('create', [inputs]),
    read: (id: string, props: Record<string, unknown>) => call<Read>('read', [id, props]),
    update: (id: string, olds: Record<string, unknown>, news: Record<string, unknown>) =>
      call<{ outs: Record<string, unknown> }>('update', [id, olds, news]),
    delete: (id: string, props: Record<string, unknown>) => call<void>('delete', [id, props]),
  };
}

export function totalRequests(emu: RunningEmulator): number {
  return Object.values(emu.requests().counts).reduce((a, b) => a + b, 0);
}

export function requestsOf(emu: RunningEmulator, action: string): RequestLogEntry[] {
  return emu.requests().requests.filter((r) => r.action === action);
}

/** What the tests of one Alibaba Cloud resource type work with. */
export interface AlicloudResourceHarness {
  emu: RunningEmulator;
  runtime: Runtime;
  /** The resource's steps, as the engine calls them. */
  resource: ReturnType<typeof typed>;
  /** Clients of their own, for changes made elsewhere (the console, another tool). */
  direct: Clients;
}

/**
 * Registers the hooks of a resource test file: one emulator and provider runtime for the file,
 * and an empty emulator (no objects, faults or logged requests) for every test.
 */
export function useAlicloudResource(type: string): AlicloudResourceHarness {
  const harness = {} as AlicloudResourceHarness;
  beforeAll(async () => {
    harness.emu = await startAlicloudEmulator();
    harness.runtime = await runtimeFor(harness.emu);
    harness.resource = typed(harness.runtime, type);
    harness.direct = createClients(() => ({
      ...ALICLOUD_KEY,
      oosEndpoint: harness.emu.url,
      stsEndpoint: harness.emu.url,
      sasEndpoint: harness.emu.url,
      alicloudRatePerSecond: 5000,
    }));
  });
  afterAll(async () => {
    await harness.runtime?.close();
    await harness.direct?.close();
    await harness.emu?.stop();
  });
  beforeEach(async () => {
    harness.emu.reset();
    harness.emu.clearFaults();
    harness.emu.clearRequests();
    // Each test starts as a new engine run does, with the provider's clients (and the
    // listings they keep for a refresh) new: a reset emulator hands out the same ids again,
    // which no real service does.
    await harness.runtime.close();
  });
  return harness;
}

/** A Security Center notification someone else made in cn-hangzhou (not through a resource). */
export function seedNotification(direct: Clients, name: string): Promise<void> {
  return direct.securityCenter.createOrUpdateDingTalk('cn-hangzhou', {
    ruleActionName: name,
    sendUrl: 'https://oapi.dingtalk.com/robot/send?access_token=someone-elses',
    intervalTime: 0,
    language: 'zh',
    groupIds: [],
    config: [],
  });
}
