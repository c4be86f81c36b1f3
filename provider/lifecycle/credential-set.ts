import { z } from 'zod';
import { dingtalkApps, unknownApp } from '../clients/dingtalk/app';
import { CREDENTIAL_SET_NAME } from '../credentials/config-input';
import { alicloudAccounts, unknownAccount } from '../credentials/resolve-source';
import { isChatOpsError } from '../errors';
import type { CheckFailure } from './check';
import type { LifecycleContext } from './context';
import type { FieldRule } from './diff';
import type { PropertyBag } from './lifecycle';
import { isUnknown } from './unknown';

/**
 * The optional input that picks a named credential set for one resource: `app` (a name of
 * `chatops:dingtalkApps`) on DingTalk resources, `account` (a name of
 * `chatops:alicloudAccounts`) on Alibaba Cloud ones. It holds only the name: the credentials
 * stay in stack config, out of inputs, state and `__provider`.
 */
export type CredentialSetInput = 'app' | 'account';

export const credentialSetNameSchema = z
  .string({ error: 'must be the name of a credential set (a string)' })
  .regex(CREDENTIAL_SET_NAME, {
    error: 'must be 1-64 letters, digits, "_", "." or "-": a name of the stack config',
  })
  .optional();

/**
 * How a change of the name is diffed: another account holds other objects, so the resource is
 * replaced; another app reaches the same DingTalk objects (robots and groups belong to the
 * organisation), so the resource is updated with the new app's token.
 */
export const CREDENTIAL_SET_RULES: Record<CredentialSetInput, FieldRule> = {
  account: { replace: true },
  app: {},
};

/**
 * A name that no set of the stack config carries fails at preview, with the key to set; the
 * provider process has the stack config from configure() by then.
 */
export function checkCredentialSet(
  input: CredentialSetInput,
  inputs: PropertyBag,
  ctx: LifecycleContext,
): CheckFailure[] {
  const name = inputs[input];
  if (typeof name !== 'string' || isUnknown(name)) return [];
  try {
    const settings = ctx.settings();
    const known = Object.keys(
      input === 'app' ? dingtalkApps(settings) : alicloudAccounts(settings),
    );
    if (known.includes(name)) return [];
    const error = input === 'app' ? unknownApp(name, known) : unknownAccount(name, known);
    return [{ property: input, reason: `${input}: ${error.message}` }];
  } catch (error) {
    if (!isChatOpsError(error, 'CONFIGURATION_ERROR')) throw error;
    return [{ property: input, reason: `${input}: ${error.message}` }];
  }
}

/** The context whose clients call with the set named in `bag` (inputs or outputs). */
export function contextFor(
  input: CredentialSetInput,
  bag: PropertyBag,
  ctx: LifecycleContext,
): LifecycleContext {
  const name = typeof bag[input] === 'string' ? (bag[input] as string) : undefined;
  if (name === undefined || !ctx.withCredentials) return ctx;
  return ctx.withCredentials({ [input]: name });
}

/** Keeps the name in the outputs, so refresh and destroy call with the same set. */
export function keepName(input: CredentialSetInput, from: PropertyBag, outs: PropertyBag) {
  return typeof from[input] === 'string' ? { ...outs, [input]: from[input] } : outs;
}
