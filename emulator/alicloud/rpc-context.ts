import type { ResolvedOptions } from '../options';
import type { Store } from '../store';
import type { WireVariantSettings } from '../wire-variants';
import type { AccessKeyRegistry } from './access-keys';

/** What an RPC action handler gets besides its parameters. */
export interface RpcContext {
  store: Store;
  options: ResolvedOptions;
  now: number;
  /** The region of the endpoint the client addressed, when its Host names one. */
  regionHint: string;
  /** The access key that signed the call; undefined for anonymous actions. */
  caller?: string;
  /**
   * The caller's account (the default account for anonymous calls): OOS and Security Center
   * objects belong to one account, and a call sees only its own account's.
   */
  accountId: string;
  /** The gateway's keys: STS registers the keys it issues here. */
  keys: AccessKeyRegistry;
  /** The answers, selected by tests, that no vendor document settles. */
  variants: WireVariantSettings;
}

/** Returns the response body without RequestId (the dispatcher puts that first). */
export type RpcHandler = (
  params: Record<string, string>,
  ctx: RpcContext,
) => Record<string, unknown>;
