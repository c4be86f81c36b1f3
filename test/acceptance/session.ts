import { createClients, type Clients } from '../../provider/clients';
import type { SettingsWithDefaults } from '../../provider/config/settings';
import type { LifecycleContext } from '../../provider/lifecycle/context';
import { assertLoopbackSettings } from './loopback-guard';
import { CallRecorder } from './recorder';

/**
 * Clients for one scenario run on one target, every call recorded. The lifecycles get the
 * same context shape the provider runtime gives them, only with recording clients.
 */
export interface Session {
  ctx: LifecycleContext;
  clients: Clients;
  recorder: CallRecorder;
  close(): Promise<void>;
}

export function openSession(settings: SettingsWithDefaults, optedIn: boolean): Session {
  assertLoopbackSettings(settings, optedIn);
  const recorder = new CallRecorder(optedIn);
  const clients = createClients(() => settings, { dispatcher: recorder.dispatcher });
  return {
    ctx: { settings: () => settings, clients: () => clients, now: () => new Date() },
    clients,
    recorder,
    close: async () => {
      await clients.close();
      await recorder.close();
    },
  };
}
