import type { RpcContext } from './rpc-context';

/** A record of one account's: absent means the default account (state files written before). */
export interface AccountOwned {
  accountId?: string;
}

/**
 * Whether the calling account owns the record. Alibaba Cloud objects are private to their
 * account: another account's object answers exactly as a missing one does.
 */
export function ownedByCaller(record: AccountOwned, ctx: RpcContext): boolean {
  return (record.accountId ?? ctx.options.accountId) === ctx.accountId;
}
