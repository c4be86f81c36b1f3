import * as pulumi from '@pulumi/pulumi';
import { ChatConfiguration } from '../../../provider/resources/chat-configuration/resource';
import { SecurityCenterDingTalkNotification } from '../../../provider/resources/security-center-notification/resource';
import { mockEngine, outputValue } from './mock-engine';

// Outputs computed remotely are made up here.
const registrations = mockEngine(() => ({ aesKey: 'aes-from-remote', notificationId: 7 }));

const isRpcSecret = (value: unknown) => pulumi.runtime.isRpcSecret(value);

describe('secret fields are registered as secrets, whatever the user passed', () => {
  it('ChatConfiguration: clientSecret, weComSettings, aesKey and webhookUrl', async () => {
    const dingtalk = new ChatConfiguration('ding', {
      name: 'ops',
      clientId: 'client',
      clientSecret: 'plain-client-secret',
      templateId: 't.schema',
    });
    const wecom = new ChatConfiguration('wecom', {
      name: 'wecom',
      type: 'WeChat',
      weComSettings: { CorpId: 'corp', CorpSecret: 'plain-corp-secret' },
    });
    await outputValue(dingtalk.urn);
    await outputValue(wecom.urn);

    const ding = registrations.get('ding')!;
    expect(ding.type).toBe('pulumi-nodejs:dynamic/chatops:ChatConfiguration');
    expect(isRpcSecret(ding.inputs.clientSecret)).toBe(true);
    expect(isRpcSecret(ding.inputs.clientId)).toBe(false);
    expect(isRpcSecret(registrations.get('wecom')!.inputs.weComSettings)).toBe(true);
    expect(ding.additionalSecretOutputs.sort()).toEqual(
      ['aesKey', 'clientSecret', 'weComSettings', 'webhookUrl'].sort(),
    );
    expect(await pulumi.isSecret(dingtalk.clientSecret)).toBe(true);
    expect(await pulumi.isSecret(wecom.weComSettings)).toBe(true);
    expect(await pulumi.isSecret(dingtalk.name)).toBe(false);
    expect(await outputValue(dingtalk.clientSecret)).toBe('plain-client-secret');
  });

  it('keeps additionalSecretOutputs the user set', async () => {
    const resource = new ChatConfiguration(
      'extra',
      { name: 'x', clientId: 'c', clientSecret: 's', templateId: 't' },
      { additionalSecretOutputs: ['createdDate', 'webhookUrl'] },
    );
    await outputValue(resource.urn);
    expect(registrations.get('extra')!.additionalSecretOutputs.sort()).toEqual(
      ['aesKey', 'clientSecret', 'createdDate', 'weComSettings', 'webhookUrl'].sort(),
    );
  });

  it('SecurityCenterDingTalkNotification: webhookUrl', async () => {
    const notification = new SecurityCenterDingTalkNotification('sas', {
      name: 'alerts',
      webhookUrl: 'https://oapi.dingtalk.com/robot/send?access_token=plain-token',
    });
    await outputValue(notification.urn);
    const sas = registrations.get('sas')!;
    expect(sas.type).toBe('pulumi-nodejs:dynamic/chatops:SecurityCenterDingTalkNotification');
    expect(isRpcSecret(sas.inputs.webhookUrl)).toBe(true);
    expect(isRpcSecret(sas.inputs.name)).toBe(false);
    expect(sas.additionalSecretOutputs).toEqual(['webhookUrl']);
    expect(await pulumi.isSecret(notification.webhookUrl)).toBe(true);
  });

  it('serializes one small provider per type into __provider', async () => {
    const a = registrations.get('ding')!.inputs.__provider;
    const b = registrations.get('wecom')!.inputs.__provider;
    expect(typeof a).toBe('string');
    expect(a).toBe(b);
    expect((a as string).length).toBeLessThan(4096);
    expect(a).toContain('pulumi-dingtalk-chatops/provider-runtime');
    expect(registrations.get('sas')!.inputs.__provider).not.toBe(a);
  });
});
