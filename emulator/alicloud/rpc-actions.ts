import { oosActions, OOS_VERSION } from '../apis/oos';
import { SAS_VERSION, securityCenterActions } from '../apis/security-center';
import { ANONYMOUS_STS_ACTIONS, STS_VERSION, stsActions } from '../apis/sts';
import type { ApiFamily } from '../options';
import type { RpcHandler } from './rpc-context';

export interface RpcAction {
  family: Extract<ApiFamily, 'sts' | 'oos' | 'security-center'>;
  version: string;
  handler: RpcHandler;
  /** Served without a signature (STS AssumeRoleWithOIDC). */
  anonymous?: boolean;
}

/** Every RPC action the emulator serves, by `x-acs-action` (or V1 `Action`). */
export const RPC_ACTIONS: Record<string, RpcAction> = Object.fromEntries([
  ...Object.entries(stsActions).map(([action, handler]) => [
    action,
    { family: 'sts', version: STS_VERSION, handler, anonymous: ANONYMOUS_STS_ACTIONS.has(action) },
  ]),
  ...Object.entries(oosActions).map(([action, handler]) => [
    action,
    { family: 'oos', version: OOS_VERSION, handler },
  ]),
  ...Object.entries(securityCenterActions).map(([action, handler]) => [
    action,
    { family: 'security-center', version: SAS_VERSION, handler },
  ]),
]);
