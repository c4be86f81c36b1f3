/**
 * The provider runtime: the module the serialized provider stubs `require` by the stable
 * name `pulumi-dingtalk-chatops/provider-runtime`. It runs inside the dynamic provider
 * process and dispatches each call, by resource type name, to that type's lifecycle.
 * It must not load `@pulumi/pulumi`: the runner process already has its own copy.
 *
 * @packageDocumentation
 */
import { processContext } from './lifecycle/context';
import { failuresForEngine } from './lifecycle/engine-failures';
import type { CheckResponse, LifecycleMethod, ResourceLifecycle } from './lifecycle/lifecycle';
import { ChatOpsError, PartialFailure } from './errors';
import { configureFromStackConfig, type ConfigSource } from './lifecycle/settings-store';
import { toWire } from './lifecycle/wire';
import { lifecycles } from './resources/registry';

const METHODS: ReadonlySet<string> = new Set<LifecycleMethod>([
  'check',
  'diff',
  'create',
  'read',
  'update',
  'delete',
]);

/** Stores the stack config of this provider process (the runner calls it once per stub). */
export async function configure(req: { config: ConfigSource }): Promise<void> {
  configureFromStackConfig(req.config);
}

/**
 * Runs one provider method of one resource type. Results are made safe for the runner's
 * protobuf encoding (no `undefined` values).
 */
export async function dispatch(
  typeName: string,
  method: string,
  args: unknown[],
): Promise<unknown> {
  if (method === 'configure') {
    return configure(args[0] as { config: ConfigSource });
  }
  const lifecycle: ResourceLifecycle | undefined = Object.prototype.hasOwnProperty.call(
    lifecycles,
    typeName,
  )
    ? lifecycles[typeName]
    : undefined;
  if (!lifecycle) {
    throw new ChatOpsError({
      code: 'UNSUPPORTED',
      message:
        `pulumi-dingtalk-chatops does not know the resource type "${typeName}"; ` +
        'install the package version that created this resource',
    });
  }
  if (!METHODS.has(method)) {
    throw new ChatOpsError({
      code: 'UNSUPPORTED',
      message: `unsupported provider method "${method}" for ${typeName}`,
    });
  }
  const call = lifecycle[method as LifecycleMethod] as (...a: unknown[]) => Promise<unknown>;
  try {
    const result = await call.apply(lifecycle, [...args, processContext()]);
    return result === undefined ? undefined : toWire(result);
  } catch (error) {
    throw error instanceof PartialFailure ? withProviderText(error, method, args) : error;
  }
}

/**
 * What the serialized provider stubs call: {@link dispatch}, with its answers in the form the
 * engine presents to users. Check failures go without their property, which the engine
 * would print with the input's value beside it, secrets decrypted (see engine-failures.ts).
 */
export async function serve(typeName: string, method: string, args: unknown[]): Promise<unknown> {
  const result = await dispatch(typeName, method, args);
  if (method !== 'check') return result;
  const checked = result as CheckResponse;
  return { ...checked, failures: failuresForEngine(checked.failures) };
}

/**
 * The runner stores a partial failure's `properties` as the resource's outputs as they are:
 * without `__provider` there, a later refresh or destroy could not load the provider. So the
 * provider text of the request is added (it holds no data), and the properties are made
 * encodable.
 */
function withProviderText(error: PartialFailure, method: string, args: unknown[]): PartialFailure {
  const bag = (method === 'create' ? args[0] : method === 'update' ? args[2] : undefined) as
    Record<string, unknown> | undefined;
  const properties = toWire({ ...error.properties, __provider: bag?.__provider });
  const wrapped = new PartialFailure(error.message, error.id, properties);
  wrapped.stack = error.stack;
  return wrapped;
}
