import { closeSharedClients, processContext } from '../../../provider/lifecycle/context';
import {
  configureFromStackConfig,
  resetConfiguredSettings,
} from '../../../provider/lifecycle/settings-store';

const config = (values: Record<string, string>) => ({ get: (key: string) => values[key] });

describe('the provider process context', () => {
  afterEach(async () => {
    resetConfiguredSettings();
    await closeSharedClients();
    jest.useRealTimers();
  });

  it('reads the configured settings at call time', () => {
    const ctx = processContext();
    configureFromStackConfig(config({ 'alicloud:region': 'cn-beijing' }));
    expect(ctx.settings().region).toBe('cn-beijing');
    configureFromStackConfig(config({ 'alicloud:region': 'cn-shenzhen' }));
    expect(ctx.settings().region).toBe('cn-shenzhen');
  });

  it('shares one set of clients among the contexts of every resource', () => {
    const a = processContext().clients();
    const b = processContext().clients();
    expect(b).toBe(a);
    expect(processContext().clients().oos).toBe(a.oos);
  });

  it('gives a named app its own clients, the same for every context naming it', () => {
    const stack = processContext();
    const ops = stack.withCredentials?.({ app: 'ops' });
    expect(ops).toBeDefined();
    expect(ops?.clients()).not.toBe(stack.clients());
    expect(ops?.clients()).toBe(processContext().withCredentials?.({ app: 'ops' }).clients());
    expect(ops?.withCredentials?.({}).clients()).toBe(stack.clients());
  });

  it('builds new clients after the shared ones were closed', async () => {
    const before = processContext().clients();
    await closeSharedClients();
    expect(processContext().clients()).not.toBe(before);
    await closeSharedClients();
    await expect(closeSharedClients()).resolves.toBeUndefined();
  });

  it('tells the current time', () => {
    jest.useFakeTimers({ now: Date.parse('2025-03-01T08:00:00Z') });
    expect(processContext().now().toISOString()).toBe('2025-03-01T08:00:00.000Z');
  });
});
