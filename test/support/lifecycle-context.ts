import type { Clients } from '../../provider/clients';
import type { ProviderSettings } from '../../provider/config/settings';
import type { LifecycleContext } from '../../provider/lifecycle/context';

/** The Alibaba Cloud account the test context's credentials belong to, unless a test says otherwise. */
export const TEST_ACCOUNT = '1234567890123456';

/** A caller identity that always answers `account`, counting its calls. */
export function fakeIdentity(account = TEST_ACCOUNT) {
  return {
    calls: 0,
    async accountId() {
      this.calls += 1;
      return account;
    },
  };
}

/**
 * A lifecycle context for unit tests: fake clients (only the ones a test needs; touching
 * another one fails loudly; the caller identity answers {@link TEST_ACCOUNT} unless given),
 * fixed settings and an adjustable clock.
 */
export function testContext(
  options: {
    clients?: Partial<Clients>;
    settings?: ProviderSettings;
    now?: () => Date;
  } = {},
): LifecycleContext {
  const given = { alicloudIdentity: fakeIdentity(), ...options.clients };
  const clients = new Proxy(given, {
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
