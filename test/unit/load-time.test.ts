import { readdirSync, statSync } from 'fs';
import { join } from 'path';
import { LocalServer, startLocalServer } from './helpers/local-server';
import { SECRETS } from './helpers/settings';

const ROOT = join(__dirname, '..', '..', 'provider');
const OUR_VARIABLES = /^(ALIBABA_CLOUD|DINGTALK)_/;

/** Every module of the client layer: http, config, clients. */
function clientModules(): string[] {
  const walk = (dir: string): string[] =>
    readdirSync(dir).flatMap((name) => {
      const path = join(dir, name);
      if (statSync(path).isDirectory()) return walk(path);
      return path.endsWith('.ts') && !path.endsWith('.d.ts') ? [path] : [];
    });
  return ['http', 'config', 'clients'].flatMap((dir) => walk(join(ROOT, dir)));
}

let server: LocalServer;
const savedEnv = process.env;

beforeAll(async () => {
  server = await startLocalServer((req) => {
    if (req.url === '/v1.0/oauth2/accessToken')
      return { body: { accessToken: 'late-token-123456', expireIn: 7200 } };
    if (req.url.startsWith('/v1.0/')) return { body: { pluginInfoList: [] } };
    return { body: { ChatConfiguration: { Name: 'x', Type: 'DingTalk' } } };
  });
});
afterAll(async () => {
  await server.close();
});
afterEach(() => {
  process.env = savedEnv;
});

describe('nothing is read at module load', () => {
  it('loads every client module without touching a setting variable', () => {
    const reads: string[] = [];
    process.env = new Proxy({} as NodeJS.ProcessEnv, {
      get(target, key) {
        if (typeof key === 'string') reads.push(key);
        return Reflect.get(target, key);
      },
    });
    const modules = clientModules();
    expect(modules.length).toBeGreaterThan(10);
    jest.isolateModules(() => {
      // A fresh module registry: only a synchronous require loads the modules anew here.
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      for (const path of modules) require(path);
    });
    expect(reads.filter((key) => OUR_VARIABLES.test(key))).toEqual([]);
  });

  it('uses credentials and endpoints set only after the import', async () => {
    // Without any credentials the chain would end at the ECS metadata service: off in tests.
    process.env = { ALIBABA_CLOUD_ECS_METADATA_DISABLED: 'true' };
    let api: typeof import('../../provider/clients') | undefined;
    jest.isolateModules(() => {
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      api = require('../../provider/clients');
    });
    const clients = api!.createClients(() => api!.resolveSettings());
    try {
      // Before the environment is set, calls fail with advice.
      await expect(
        clients.oos.getChatConfiguration({ regionId: 'cn-hangzhou', name: 'x' }),
      ).rejects.toMatchObject({
        code: 'CONFIGURATION_ERROR',
      });
      Object.assign(process.env, {
        ALIBABA_CLOUD_ACCESS_KEY_ID: 'late-key-id',
        ALIBABA_CLOUD_ACCESS_KEY_SECRET: SECRETS.accessKeySecret,
        ALIBABA_CLOUD_OOS_ENDPOINT: server.url,
        ALIBABA_CLOUD_STS_ENDPOINT: server.url,
        DINGTALK_CLIENT_ID: 'late-app',
        DINGTALK_CLIENT_SECRET: SECRETS.dingtalkClientSecret,
        DINGTALK_API_ENDPOINT: server.url,
      });
      await expect(
        clients.oos.getChatConfiguration({ regionId: 'cn-hangzhou', name: 'x' }),
      ).resolves.toMatchObject({
        name: 'x',
      });
      await expect(clients.robotPlugins.queryPlugins('robot')).resolves.toEqual([]);
      const [oos, token] = server.requests;
      expect(oos.headers.authorization).toContain('Credential=late-key-id,');
      expect(JSON.parse(token.body)).toMatchObject({ appKey: 'late-app' });
    } finally {
      await clients.close();
    }
  });
});
