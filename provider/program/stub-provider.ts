/* eslint-disable @typescript-eslint/no-require-imports -- the stub must require at call time */
import type * as dynamic from '@pulumi/pulumi/dynamic';

/**
 * The provider object handed to `dynamic.Resource`. The SDK serializes it with
 * `runtime.serializeFunction` into the `__provider` property, stored in state in plain
 * text, and `read`/`delete` later run that stored text (pulumi/pulumi#6490, #8265). So it
 * is a stub that holds nothing but the type name: every method `require`s the installed
 * package's stable `provider-runtime` entry at call time and delegates to it. The text
 * stays tiny, free of credentials, identical for every resource of a type and across
 * package versions, and refresh/destroy run the installed code, fixes included.
 *
 * Keep these functions free of references to anything else in this module: whatever they
 * capture is serialized by value. The `require` is a plain call at call time on purpose (a
 * module captured at serialization time would be written into state by value), and no
 * comment sits inside the functions, since their text is what gets stored.
 */
export function createStubProvider(typeName: string): dynamic.ResourceProvider {
  const delegate = (method: string, args: unknown[]): Promise<never> =>
    require('pulumi-dingtalk-chatops/provider-runtime').serve(typeName, method, args);
  return {
    configure: (req) => delegate('configure', [req]),
    check: (olds, news) => delegate('check', [olds, news]),
    diff: (id, olds, news) => delegate('diff', [id, olds, news]),
    create: (inputs) => delegate('create', [inputs]),
    read: (id, props) => delegate('read', [id, props]),
    update: (id, olds, news) => delegate('update', [id, olds, news]),
    delete: (id, props) => delegate('delete', [id, props]),
  };
}

const providers = new Map<string, dynamic.ResourceProvider>();

/**
 * The one provider instance of a resource type. The SDK caches the serialized text per
 * provider object (pulumi/pulumi#6645), so reusing the instance serializes once per type.
 */
export function providerFor(typeName: string): dynamic.ResourceProvider {
  let provider = providers.get(typeName);
  if (!provider) {
    provider = createStubProvider(typeName);
    providers.set(typeName, provider);
  }
  return provider;
}
