import {
  createClientFactory,
  type ClientFactory,
  type Clients,
  type CredentialSelection,
} from '../clients';
import type { ProviderSettings } from '../config/settings';
import { providerLog } from './provider-log';
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
  /**
   * The same context with clients that call as a named app or account (a resource's `app` or
   * `account` input). Absent in contexts that have only one set of clients (unit tests).
   */
  withCredentials?(selection: CredentialSelection): LifecycleContext;
}

let sharedFactory: ClientFactory | undefined;

/**
 * The context of the provider process: one client factory for every resource type, built on
 * first use, so connection pools, pacing buckets, the DingTalk token cache and temporary
 * Alibaba Cloud keys are shared.
 */
export function processContext(selection: CredentialSelection = {}): LifecycleContext {
  return {
    settings: () => currentSettings(),
    clients: () =>
      (sharedFactory ??= createClientFactory(() => currentSettings(), {
        log: providerLog(),
      })).forSelection(selection),
    now: () => new Date(),
    withCredentials: (next) => processContext(next),
  };
}

/** Closes the shared clients' connection pools (tests, and embedders that stop early). */
export async function closeSharedClients(): Promise<void> {
  const factory = sharedFactory;
  sharedFactory = undefined;
  await factory?.close();
}
