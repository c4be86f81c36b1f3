import type { Clients } from '../../provider/clients';
import type { ProviderSettings } from '../../provider/config/settings';
import type { LifecycleContext } from '../../provider/lifecycle/context';

/**
 * A lifecycle context for unit tests: fake clients (only the ones a test needs; touching
 * another one fails loudly), fixed settings and an adjustable clock.
 */
export function testContext(
  options: {
    clients?: Partial<Clients>;
    settings?: ProviderSettings;
    now?: () => Date;
  } = {},
): LifecycleContext {
  const clients = new Proxy(options.clients ?? {}, {
    get(target, key: string) {
      const client = (target as Record<string, unknown>)[key];
      if (client === undefined) throw new Error(`test context has no fake ${key} client`);
      return client;
    },
  }) as Clients;
  return {
    settings: () => ({ region: 'cn-hangzhou', ...options.settings }),
    clients: () => clients,
    now: options.now ?? (() => new Date()),
  };
}
