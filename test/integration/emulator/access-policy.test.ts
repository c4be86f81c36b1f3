import { startEmulator, type RunningEmulator } from '../../../emulator';
import { createClients, type Clients } from '../../../provider/clients';
import { ChatOpsError } from '../../../provider/errors';
import { http } from './helpers';

/**
 * Answers that look like "not found" or "denied" and say nothing about any object, given by
 * the emulator itself once configured (no injected fault): the package's clients fail on each
 * with the vendor's code, and never read one as "gone".
 */
let emu: RunningEmulator;
let clients: Clients;

beforeAll(async () => {
  emu = await startEmulator({
    accessKeys: [{ accessKeyId: 'ops-key', accessKeySecret: 'ops-secret' }],
    dingtalkApps: [{ appKey: 'ops-app', appSecret: 'ops-app-secret' }],
  });
});
afterAll(async () => {
  await emu.stop();
});
beforeEach(() => {
  emu.reset();
  emu.setAccess({});
  clients = createClients(() => ({
    accessKeyId: 'ops-key',
    accessKeySecret: 'ops-secret',
    region: 'cn-hangzhou',
    oosEndpoint: emu.url,
    stsEndpoint: emu.url,
    sasEndpoint: emu.url,
    dingtalkClientId: 'ops-app',
    dingtalkClientSecret: 'ops-app-secret',
    dingtalkApiEndpoint: emu.url,
    dingtalkOapiEndpoint: emu.url,
    maxAttempts: 2,
  }));
});
afterEach(async () => {
  await clients.close();
});

const key = { regionId: 'cn-hangzhou', name: 'ops' };

async function failureOf(call: Promise<unknown>): Promise<ChatOpsError> {
  const outcome = await call.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(outcome).toBeInstanceOf(ChatOpsError);
  return outcome as ChatOpsError;
}

describe('the emulator answers the confusable cases by itself', () => {
  it('a product not offered in a region: InvalidApi.NotFound there, service elsewhere', async () => {
    emu.setAccess({ unavailableApis: [{ family: 'oos', regionId: 'cn-hangzhou' }] });
    const e = await failureOf(clients.oos.getChatConfiguration(key));
    expect(e).toMatchObject({ code: 'API_UNAVAILABLE', remoteCode: 'InvalidApi.NotFound' });
    expect(e.message).toContain('RequestId');
    // Another region is served: its missing configuration answers the not-found claim.
    await expect(
      clients.oos.getChatConfiguration({ regionId: 'cn-shanghai', name: 'ops' }),
    ).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });

  it('a product not activated at all: Security Center listing fails, it never reads as empty', async () => {
    emu.setAccess({ unavailableApis: [{ family: 'security-center' }] });
    const e = await failureOf(clients.securityCenter.describeDingTalk('cn-hangzhou', {}));
    expect(e).toMatchObject({ code: 'API_UNAVAILABLE', remoteCode: 'InvalidApi.NotFound' });
  });

  it('a RAM policy denying one action: Forbidden.RAM on OOS, NoPermission on Security Center', async () => {
    emu.setAccess({
      ramDenied: { 'ops-key': ['oos:DeleteChatConfiguration', 'yundun-sas:*'] },
    });
    await expect(clients.oos.getChatConfiguration(key)).rejects.toMatchObject({
      code: 'NOT_FOUND',
    });
    const oos = await failureOf(clients.oos.deleteChatConfiguration(key));
    expect(oos).toMatchObject({ code: 'PERMISSION_DENIED', remoteCode: 'Forbidden.RAM' });
    expect(oos.message).toContain('oos:DeleteChatConfiguration');
    const sas = await failureOf(clients.securityCenter.deleteDingTalk('cn-hangzhou', [1]));
    expect(sas).toMatchObject({ code: 'PERMISSION_DENIED', remoteCode: 'NoPermission' });
  });

  it('an edition without ModifyDingTalkStatus: NoPermission, not "gone"', async () => {
    emu.setAccess({ securityCenterEdition: 'basic' });
    const e = await failureOf(
      clients.securityCenter.modifyDingTalkStatus('cn-hangzhou', [1], true),
    );
    expect(e).toMatchObject({ code: 'PERMISSION_DENIED', remoteCode: 'NoPermission' });
  });

  it('a DingTalk app without a permission point: errcode 88 / sub_code 60011, and 403', async () => {
    emu.setAccess({
      dingtalkMissingPermissions: {
        'ops-app': ['qyapi_chat_manage', 'Robot.SingleChat.ReadWrite'],
      },
    });
    const group = await failureOf(clients.groupChats.getChat('chat-unknown'));
    expect(group).toMatchObject({ code: 'PERMISSION_DENIED', remoteCode: '88' });
    expect(group.message).toContain('sub_code 60011');
    expect(group.message).toContain('qyapi_chat_manage');
    const robot = await failureOf(clients.robotPlugins.queryPlugins('robot-unknown'));
    expect(robot).toMatchObject({
      code: 'PERMISSION_DENIED',
      remoteCode: 'Forbidden.AccessDenied.AccessTokenPermissionDenied',
    });
    // Another app keeps its permissions: the unknown chat is really gone for it.
    emu.setAccess({ dingtalkMissingPermissions: { 'other-app': ['qyapi_chat_manage'] } });
    await expect(clients.groupChats.getChat('chat-unknown')).resolves.toBeUndefined();
  });

  it('is configured and read back through the control API, which validates it', async () => {
    const policy = { securityCenterEdition: 'basic', unavailableApis: [{ family: 'oos' }] };
    const put = await http(emu, 'PUT', '/_emulator/access', { body: policy });
    expect(put.status).toBe(200);
    expect((await http(emu, 'GET', '/_emulator/access')).json).toEqual(policy);
    const bad = await http(emu, 'PUT', '/_emulator/access', { body: { unknownRule: true } });
    expect(bad.status).toBe(400);
  });

  it('takes the policy as a start option too', async () => {
    const other = await startEmulator({ access: { securityCenterEdition: 'advanced' } });
    try {
      expect((await http(other, 'GET', '/_emulator/access')).json).toEqual({
        securityCenterEdition: 'advanced',
      });
    } finally {
      await other.stop();
    }
  });
});
