import { createClientFactory } from '../../../provider/clients';
import {
  dingtalkApp,
  dingtalkApps,
  oapiEndpoint,
  unknownApp,
} from '../../../provider/clients/dingtalk/app';
import { ChatOpsError } from '../../../provider/errors';
import { redact } from '../../../provider/http/redact';
import { SkippingClock } from '../helpers/clocks';
import { LocalServer, startLocalServer } from '../helpers/local-server';
import { SECRETS, localSettings } from '../helpers/settings';

const APPS = JSON.stringify({
  ops: { clientId: 'ding-ops', clientSecret: 'OPS-APP-SECRET-4f3e2d1c0b9a' },
});

describe('the client factory', () => {
  it('builds one set of clients per selection and reuses it', async () => {
    const factory = createClientFactory(() => ({}));
    const stack = factory.forSelection({});
    expect(factory.forSelection({})).toBe(stack);
    const ops = factory.forSelection({ app: 'ops' });
    expect(ops).not.toBe(stack);
    expect(factory.forSelection({ app: 'ops' })).toBe(ops);
    const audit = factory.forSelection({ account: 'audit' });
    expect(audit).not.toBe(ops);
    expect(factory.forSelection({ account: 'audit', app: 'ops' })).not.toBe(audit);
    await factory.close();
  });

  describe('with a named app', () => {
    let server: LocalServer;
    beforeEach(async () => {
      server = await startLocalServer((req) =>
        req.url === '/v1.0/oauth2/accessToken'
          ? { body: { accessToken: SECRETS.accessToken, expireIn: 7200 } }
          : { body: { pluginInfoList: [] } },
      );
    });
    afterEach(async () => {
      await server.close();
    });

    it('asks for the token of that app, and of the stack app without a name', async () => {
      const factory = createClientFactory(() => localSettings(server.url, { dingtalkApps: APPS }), {
        clock: new SkippingClock(Date.now()),
      });
      try {
        await factory.forSelection({ app: 'ops' }).robotPlugins.queryPlugins('ding-robot');
        await factory.forSelection({}).robotPlugins.queryPlugins('ding-robot');
        const tokenRequests = server.requests
          .filter((r) => r.url === '/v1.0/oauth2/accessToken')
          .map((r) => (JSON.parse(r.body) as { appKey: string }).appKey);
        expect(tokenRequests).toEqual(['ding-ops', 'ding-test-app']);
      } finally {
        await factory.close();
      }
    });
  });
});

describe('DingTalk apps from the settings', () => {
  it('are none without the setting', () => {
    expect(dingtalkApps({})).toEqual({});
  });

  it('resolve the named app and hide its secret from every later message', () => {
    const app = dingtalkApp({ dingtalkApps: APPS }, 'dingtalk:chat/get', 'ops');
    expect(app).toEqual({
      apiEndpoint: 'https://api.dingtalk.com',
      clientId: 'ding-ops',
      clientSecret: 'OPS-APP-SECRET-4f3e2d1c0b9a',
    });
    expect(redact('echo OPS-APP-SECRET-4f3e2d1c0b9a')).toBe('echo ***');
  });

  it('take the stack app and the endpoint settings without a name', () => {
    expect(
      dingtalkApp(
        {
          dingtalkClientId: 'ding-stack',
          dingtalkClientSecret: 'stack-secret',
          dingtalkApiEndpoint: 'http://127.0.0.1:9',
        },
        'dingtalk:chat/get',
      ),
    ).toEqual({
      apiEndpoint: 'http://127.0.0.1:9',
      clientId: 'ding-stack',
      clientSecret: 'stack-secret',
    });
    expect(oapiEndpoint({})).toBe('https://oapi.dingtalk.com');
    expect(oapiEndpoint({ dingtalkOapiEndpoint: 'http://127.0.0.1:8' })).toBe('http://127.0.0.1:8');
  });

  it('fail for an app the config does not name, also one named like an Object member', () => {
    for (const name of ['prod', 'toString']) {
      const e = (() => {
        try {
          dingtalkApp({ dingtalkApps: APPS }, 'dingtalk:chat/get', name);
        } catch (error) {
          return error;
        }
        return undefined;
      })();
      expect(e).toBeInstanceOf(ChatOpsError);
      expect(e).toMatchObject({ code: 'CONFIGURATION_ERROR', operation: 'dingtalk:chat/get' });
      expect((e as Error).message).toContain(`No DingTalk app named "${name}"`);
    }
  });

  it('fail without a client id or secret, saying which settings to set', () => {
    for (const settings of [{ dingtalkClientId: 'ding' }, { dingtalkClientSecret: 'secret' }]) {
      expect(() => dingtalkApp(settings, 'dingtalk:chat/create')).toThrow(
        'dingtalk:chat/create needs a DingTalk application: set dingtalk:clientId and dingtalk:clientSecret in the stack config, or DINGTALK_CLIENT_ID and DINGTALK_CLIENT_SECRET in the environment.',
      );
    }
  });

  it('name the known apps in the message for an unknown one, or none', () => {
    const message = unknownApp('prod', ['ops', 'dev']).message;
    expect(message).toMatch(
      /^No DingTalk app named "prod": add it to the stack config chatops:dingtalkApps \(pulumi config set --secret chatops:dingtalkApps '\{"prod": \{"clientId": "\.\.\.", /,
    );
    expect(message).toMatch(/\}\}'\); it has "ops", "dev"\.$/);
    expect(unknownApp('prod', []).message).toMatch(/\}\}'\)\.$/);
  });
});
