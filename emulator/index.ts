import type { AccessPolicyInput } from './access-policy';
import { Emulator } from './emulator';
import type { FaultRule, FaultRuleInput } from './faults';
import { listen } from './http/server';
import { resolveOptions, type EmulatorOptions } from './options';
import type { RequestLogSnapshot } from './request-log';
import type { EmulatorSnapshot } from './store';
import type { SignInSnapshot } from './emulator';
import type { WireVariants } from './wire-variants';

export type {
  AccessKeyPair,
  AlicloudAccount,
  ApiFamily,
  CloudSsoSignIn,
  DingTalkApp,
  EmulatorOptions,
  OAuthSignIn,
  OidcProvider,
  RamRole,
  StsCredential,
} from './options';
export type { FaultKind, FaultRule, FaultRuleInput } from './faults';
export type { AccessPolicyInput } from './access-policy';
export type { NotFoundAction, NotFoundAnswer, WireVariants } from './wire-variants';
export type { RequestLogEntry, RequestLogSnapshot } from './request-log';
export type { RobotEntry, UserEntry, EmulatorState } from './state';
export type { EmulatorSnapshot } from './store';
export type { SignInSnapshot } from './emulator';
export type { OAuthSignInSnapshot } from './sign-in/oauth-service';
export type { CloudSsoSignInSnapshot } from './sign-in/cloud-sso-service';
export { OAUTH_CLIENT_IDS } from './sign-in/oauth-endpoints';
export type { DirectorySnapshot } from './directory';
export { DEFAULT_ROBOTS, DEFAULT_USERS, NUMBERED_USERS } from './directory';

export interface RunningEmulator {
  /** `http://127.0.0.1:<port>`: every API family is served here. */
  url: string;
  port: number;
  stop(): Promise<void>;
  /** Same JSON as `GET /_emulator/state`. */
  state(): EmulatorSnapshot;
  /** Same JSON as `GET /_emulator/requests`. */
  requests(): RequestLogSnapshot;
  /** Same as `DELETE /_emulator/state`. */
  reset(): void;
  addFault(rule: FaultRuleInput): FaultRule;
  faults(): FaultRule[];
  clearFaults(): void;
  clearRequests(): void;
  /** Same as `PUT /_emulator/access`: replaces the whole access policy. */
  setAccess(policy: AccessPolicyInput): AccessPolicyInput;
  /** Same as `PUT /_emulator/wire-variants`: replaces every wire variant. */
  setWireVariants(variants: WireVariants): WireVariants;
  /** Same as `GET /_emulator/wire-variants`. */
  wireVariants(): WireVariants;
  /** Same as `POST /_emulator/sts/expire`: every key STS issued expires now; returns how many. */
  expireStsCredentials(): number;
  /** Same as `GET /_emulator/sign-in`: the OAuth and CloudSSO tokens as they stand now. */
  signIns(): SignInSnapshot;
}

/**
 * Starts the emulator of the STS, OOS, Security Center and DingTalk APIs and of the CLI's
 * sign-in services on 127.0.0.1.
 */
export async function startEmulator(options?: EmulatorOptions): Promise<RunningEmulator> {
  const resolved = resolveOptions(options);
  const emulator = new Emulator(resolved);
  const listening = await listen(resolved.host, resolved.port, (req, res) =>
    emulator.handle(req, res),
  );
  const url = `http://127.0.0.1:${listening.port}`;
  let stopped: Promise<void> | undefined;
  return {
    url,
    port: listening.port,
    stop: () => {
      stopped ??= listening.close().then(() => emulator.store.changed());
      return stopped;
    },
    state: () => emulator.store.snapshot(),
    requests: () => emulator.log.snapshot(),
    reset: () => emulator.reset(),
    addFault: (rule) => emulator.faults.add(rule),
    faults: () => emulator.faults.list(),
    clearFaults: () => emulator.faults.clear(),
    clearRequests: () => emulator.log.clear(),
    setAccess: (policy) => emulator.access.replace(policy),
    setWireVariants: (variants) => emulator.variants.replace(variants),
    wireVariants: () => emulator.variants.snapshot(),
    expireStsCredentials: () => emulator.keys.expireIssued(resolved.clock()),
    signIns: () => emulator.signIns(),
  };
}
