import { createClients, Clients } from '../../../provider/clients';
import { ProviderSettings } from '../../../provider/config/settings';
import { SkippingClock } from './clocks';
import { Handler, LocalServer, startLocalServer } from './local-server';
import { FAST_BACKOFF, localSettings } from './settings';

/** A local server for the file and, for each test, clients that call it. */
export interface LocalClients {
  server: LocalServer;
  /** Made afresh before each test and closed after it (whichever a test put here). */
  clients: Clients;
  /** The clients' clock: sleeps are recorded, not waited. */
  clock: SkippingClock;
  /** New clients (and clock) with these settings besides the server's. */
  connect(extra?: ProviderSettings): void;
}

/**
 * Registers the hooks: the server starts once (answering from `handler`), its requests are
 * forgotten and new clients made before each test, the clients closed after it.
 */
export function useLocalClients(handler?: Handler): LocalClients {
  const local = {
    connect(extra: ProviderSettings = {}) {
      local.clock = new SkippingClock(Date.now());
      local.clients = createClients(() => localSettings(local.server.url, extra), {
        clock: local.clock,
        backoff: FAST_BACKOFF,
      });
    },
  } as LocalClients;
  beforeAll(async () => {
    local.server = await startLocalServer(handler);
  });
  afterAll(async () => {
    await local.server.close();
  });
  beforeEach(() => {
    local.server.requests.length = 0;
    local.connect();
  });
  afterEach(async () => {
    await local.clients.close();
  });
  return local;
}
