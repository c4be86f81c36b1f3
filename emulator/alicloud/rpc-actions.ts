import { oosActions, OOS_VERSION } from '../apis/oos';
import { SAS_VERSION, securityCenterActions } from '../apis/security-center';
import type { ApiFamily } from '../options';
import type { RpcHandler } from './rpc-context';

export interface RpcAction {
  family: Extract<ApiFamily, 'oos' | 'security-center'>;
  version: string;
  handler: RpcHandler;
}

/** Every RPC action the emulator serves, by `x-acs-action` (or V1 `Action`). */
export const RPC_ACTIONS: Record<string, RpcAction> = Object.fromEntries([
  ...Object.entries(oosActions).map(([action, handler]) => [
    action,
    { family: 'oos', version: OOS_VERSION, handler },
  ]),
  ...Object.entries(securityCenterActions).map(([action, handler]) => [
    action,
    { family: 'security-center', version: SAS_VERSION, handler },
  ]),
]);
