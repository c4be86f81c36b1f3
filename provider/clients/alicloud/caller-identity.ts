import { ChatOpsError } from '../../errors';
import { stsEndpoint, STS_VERSION } from '../../credentials/sts-client';
import { asString } from '../parse';
import type { AlicloudRpcClient } from './rpc-client';

/**
 * Which Alibaba Cloud account the credentials of a client belong to: STS `GetCallerIdentity`
 * (version 2015-04-01, no parameters, allowed to every identity; the published model
 * `GetCallerIdentityResponseBody` answers `AccountId`, `Arn`, `IdentityType`, `PrincipalId`,
 * `RoleId`, `UserId`). Asked once per AccessKey ID and remembered for the life of the
 * process: an account never changes under a key, and temporary keys renewed for the same role
 * ask once more at most.
 */
export class CallerIdentity {
  private readonly byKey = new Map<string, Promise<string>>();

  constructor(
    private readonly rpc: AlicloudRpcClient,
    private readonly env: () => NodeJS.ProcessEnv,
  ) {}

  /** The account id (the UID shown in the console) of the keys the next call signs with. */
  async accountId(): Promise<string> {
    const keyId = await this.rpc.signingKeyId('sts:GetCallerIdentity');
    let account = this.byKey.get(keyId);
    if (!account) {
      account = this.ask();
      this.byKey.set(keyId, account);
      // A failed answer is not remembered: the next operation asks again.
      account.catch(() => this.byKey.delete(keyId));
    }
    return account;
  }

  private async ask(): Promise<string> {
    const env = this.env();
    const body = await this.rpc.call({
      endpoint: (settings) => stsEndpoint(settings, env),
      action: 'GetCallerIdentity',
      version: STS_VERSION,
      operation: 'sts:GetCallerIdentity',
      ramAction: 'sts:GetCallerIdentity',
      params: {},
      idempotent: true,
    });
    const accountId = asString(body.AccountId);
    if (!accountId) {
      throw new ChatOpsError({
        code: 'REMOTE_ERROR',
        message: `sts:GetCallerIdentity answered without an AccountId${
          asString(body.RequestId) ? ` (RequestId ${asString(body.RequestId)})` : ''
        }. Check that chatops:stsEndpoint / ALIBABA_CLOUD_STS_ENDPOINT names an STS endpoint.`,
        operation: 'sts:GetCallerIdentity',
      });
    }
    return accountId;
  }
}
