import { createClients, type Clients } from '../clients';
import type { ProviderSettings } from '../config/settings';
import { currentSettings } from './settings-store';

/**
 * What a lifecycle method may use besides its arguments. Everything is a function so that
 * nothing is built (and no credential is read) before a method actually needs it, and so
 * that tests can pass fakes.
 */
export interface LifecycleContext {
  /** Provider settings for this call (configure() values over env, read at call time). */
  settings(): ProviderSettings;
  /** The API clients shared by every resource of this process. */
  clients(): Clients;
  /** The current time (injected so convergence rules can be tested). */
  now(): Date;
}

let sharedClients: Clients | undefined;

/**
 * The context of the provider process: one `Clients` for every resource type, built on
 * first use, so connection pools, pacing buckets and the DingTalk token cache are shared.
 */
export function processContext(): LifecycleContext {
  return {
    settings: () => currentSettings(),
    clients: () => (sharedClients ??= createClients(() => currentSettings())),
    now: () => new Date(),
  };
}

/** Closes the shared clients' connection pools (tests, and embedders that stop early). */
export async function closeSharedClients(): Promise<void> {
  const clients = sharedClients;
  sharedClients = undefined;
  await clients?.close();
}
