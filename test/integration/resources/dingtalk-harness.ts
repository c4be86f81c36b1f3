import { request } from 'undici';
import {
  startEmulator,
  type DingTalkApp,
  type EmulatorOptions,
  type RunningEmulator,
} from '../../../emulator';

/** The provider runtime as the serialized stubs reach it. */
export interface ProviderRuntime {
  configure(req: { config: { get(key: string): string | undefined } }): Promise<void>;
  dispatch(typeName: string, method: string, args: unknown[]): Promise<unknown>;
}

/** Stack config pointing the provider at the emulator, as a user would write it. */
export function emulatorConfig(
  emu: RunningEmulator,
  app: DingTalkApp = { appKey: 'test', appSecret: 'test' },
): Record<string, string> {
  return {
    'dingtalk:clientId': app.appKey,
    'dingtalk:clientSecret': app.appSecret,
    'chatops:dingtalkApiEndpoint': emu.url,
    'chatops:dingtalkOapiEndpoint': emu.url,
    // The emulator answers at once; the default pacing (20 per second) only slows tests.
    'chatops:dingtalkRatePerSecond': '1000',
  };
}

export async function configureFor(
  runtime: ProviderRuntime,
  emu: RunningEmulator,
  app?: DingTalkApp,
): Promise<void> {
  const config = emulatorConfig(emu, app);
  await runtime.configure({ config: { get: (key) => config[key] } });
}

/**
 * A provider runtime loaded in its own module registry: a fresh process as far as the
 * shared clients and the DingTalk token cache are concerned.
 */
export async function freshRuntime(): Promise<ProviderRuntime> {
  let runtime: ProviderRuntime | undefined;
  await jest.isolateModulesAsync(async () => {
    runtime = (await import('../../../provider/runtime')) as ProviderRuntime;
  });
  return runtime as ProviderRuntime;
}

export async function startDingTalkEmulator(options: EmulatorOptions = {}) {
  return startEmulator(options);
}

/** A runtime of its own, configured for the emulator. */
export async function providerFor(
  emu: RunningEmulator,
  app?: DingTalkApp,
): Promise<ProviderRuntime> {
  const runtime = await freshRuntime();
  await configureFor(runtime, emu, app);
  return runtime;
}

/** What the engine does for `pulumi up` of a new resource: check, then create. */
export async function up(
  runtime: ProviderRuntime,
  type: string,
  news: Record<string, unknown>,
): Promise<{ id: string; outs: Record<string, unknown>; inputs: Record<string, unknown> }> {
  const inputs = await checked(runtime, type, news);
  const created = (await runtime.dispatch(type, 'create', [inputs])) as {
    id: string;
    outs: Record<string, unknown>;
  };
  return { ...created, inputs };
}

/** `check` that must pass; returns the checked inputs. */
export async function checked(
  runtime: ProviderRuntime,
  type: string,
  news: Record<string, unknown>,
): Promise<Record<string, unknown>> {
  const result = (await runtime.dispatch(type, 'check', [{}, news])) as {
    inputs: Record<string, unknown>;
    failures: unknown[];
  };
  if (result.failures.length > 0) throw new Error(`check failed: ${JSON.stringify(result)}`);
  return result.inputs;
}

export interface DiffResult {
  changes: boolean;
  replaces: string[];
  deleteBeforeReplace: boolean;
}

export interface ReadResult {
  id?: string;
  props?: Record<string, unknown>;
  inputs?: Record<string, unknown>;
}

/** Requests of one action (`robot-plugins:robot/plugins/set`, ...) since the last clear. */
export function requestsOf(emu: RunningEmulator, action: string) {
  return emu.requests().requests.filter((r) => `${r.family}:${r.action}` === action);
}

export function countOf(emu: RunningEmulator, prefix: string): number {
  return Object.entries(emu.requests().counts)
    .filter(([key]) => key.startsWith(prefix))
    .reduce((sum, [, n]) => sum + n, 0);
}

/** Control API: what a person could do in the DingTalk client. */
export async function dismissGroup(emu: RunningEmulator, chatId: string): Promise<void> {
  const res = await request(`${emu.url}/_emulator/dingtalk/groups/${chatId}/dismiss`, {
    method: 'POST',
    // The control API takes writes only as JSON.
    headers: { 'content-type': 'application/json' },
  });
  await res.body.text();
  if (res.statusCode >= 300) throw new Error(`dismiss failed with HTTP ${res.statusCode}`);
}

/** Numbered users of the emulator's directory: `user0001` ... `user1100`. */
export function numberedUsers(count: number, from = 1): string[] {
  return Array.from({ length: count }, (_, i) => `user${String(from + i).padStart(4, '0')}`);
}
