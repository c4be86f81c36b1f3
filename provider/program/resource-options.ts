import * as pulumi from '@pulumi/pulumi';

/**
 * Wraps the listed inputs with `pulumi.secret`, whatever the user passed, so they are
 * encrypted in state. The engine then keeps output keys of the same name secret too.
 */
export function secretInputs<T extends object>(args: T, keys: ReadonlyArray<keyof T>): T {
  const out: Record<string, unknown> = { ...(args as Record<string, unknown>) };
  for (const key of keys) {
    const value = args[key];
    if (value !== undefined && value !== null) out[key as string] = pulumi.secret(value);
  }
  return out as T;
}

/**
 * Adds `additionalSecretOutputs`, so outputs the remote side produces (an AES key, a
 * webhook) are secret even though no input of that name exists.
 */
export function withSecretOutputs(
  opts: pulumi.CustomResourceOptions | undefined,
  keys: ReadonlyArray<string>,
): pulumi.CustomResourceOptions {
  const existing = opts?.additionalSecretOutputs ?? [];
  return { ...opts, additionalSecretOutputs: [...new Set([...existing, ...keys])] };
}

/**
 * The property bag for `dynamic.Resource`: the inputs plus an `undefined` slot for every
 * output-only property, which is what makes the SDK expose it as an output on the object.
 */
export function withOutputSlots(
  inputs: object,
  outputKeys: ReadonlyArray<string>,
): Record<string, unknown> {
  const props: Record<string, unknown> = { ...inputs };
  for (const key of outputKeys) if (!(key in props)) props[key] = undefined;
  return props;
}
