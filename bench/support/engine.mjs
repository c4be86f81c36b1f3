// The provider calls the Pulumi engine makes for each step, over the runtime's dispatch.

/** Stack config that points every API family at the emulator, as a user writes it. */
export function emulatorStackConfig(url, overrides = {}) {
  return {
    'alicloud:accessKey': 'test',
    'alicloud:secretKey': 'test',
    'alicloud:region': 'cn-hangzhou',
    'dingtalk:clientId': 'test',
    'dingtalk:clientSecret': 'test',
    'chatops:oosEndpoint': url,
    'chatops:stsEndpoint': url,
    'chatops:sasEndpoint': url,
    'chatops:dingtalkApiEndpoint': url,
    'chatops:dingtalkOapiEndpoint': url,
    ...overrides,
  };
}

export async function configureFor(runtime, config) {
  await runtime.configure({ config: { get: (key) => config[key] } });
}

/** Typed steps of one resource type. */
export function steps(runtime, type) {
  const call = (method, args) => runtime.dispatch(type, method, args);
  const check = async (news, olds = {}) => {
    const result = await call('check', [olds, news]);
    if (result.failures.length > 0) {
      throw new Error(`${type} check failed: ${JSON.stringify(result.failures)}`);
    }
    return result.inputs;
  };
  return {
    check,
    diff: (id, olds, news) => call('diff', [id, olds, news]),
    /** `pulumi up` of a new resource: check, then create. */
    async up(news) {
      const inputs = await check(news);
      const created = await call('create', [inputs]);
      return { ...created, inputs };
    },
    read: (id, props) => call('read', [id, props]),
    update: (id, olds, news) => call('update', [id, olds, news]),
    delete: (id, props) => call('delete', [id, props]),
  };
}

/** Runs `work` over `items` with at most `limit` in flight, like `pulumi up --parallel`. */
export async function inParallel(items, limit, work) {
  const results = new Array(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const index = next++;
      try {
        results[index] = { ok: true, value: await work(items[index], index) };
      } catch (error) {
        results[index] = { ok: false, error };
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return results;
}
