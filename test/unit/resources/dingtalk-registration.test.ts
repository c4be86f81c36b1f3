import * as pulumi from '@pulumi/pulumi';
import { DingTalkGroup, RobotPlugin } from '../../../provider';
import { mockEngine, outputValue } from './mock-engine';

// The provider's own outputs are made up here.
const registrations = mockEngine((type) =>
  type.endsWith(':DingTalkGroup')
    ? { chatId: 'chat-1', openConversationId: 'cid-1', memberCount: 2 }
    : {},
);

describe('DingTalk resources as the engine sees them', () => {
  it('registers RobotPlugin under its type token with nothing secret', async () => {
    const plugin = new RobotPlugin('quick-entries', {
      robotCode: 'dingrobot',
      plugins: [{ name: { en_US: 'Deploy', zh_CN: '部署' }, icon: '@i' }],
    });
    await outputValue(plugin.urn);
    const registered = registrations.get('quick-entries')!;
    expect(registered.type).toBe('pulumi-nodejs:dynamic/chatops:RobotPlugin');
    expect(registered.additionalSecretOutputs).toEqual([]);
    expect(pulumi.runtime.isRpcSecret(registered.inputs.plugins)).toBe(false);
    expect(await pulumi.isSecret(plugin.plugins)).toBe(false);
    expect(await outputValue(plugin.robotCode)).toBe('dingrobot');
  });

  it('registers DingTalkGroup with its provider-set outputs exposed', async () => {
    const group = new DingTalkGroup('ops', { name: 'ops', owner: 'alice', members: ['bob'] });
    await outputValue(group.urn);
    const registered = registrations.get('ops')!;
    expect(registered.type).toBe('pulumi-nodejs:dynamic/chatops:DingTalkGroup');
    expect(registered.additionalSecretOutputs).toEqual([]);
    // Output-only properties exist on the object only because the class declares slots.
    expect(await outputValue(group.chatId)).toBe('chat-1');
    expect(await outputValue(group.memberCount)).toBe(2);
    expect(await pulumi.isSecret(group.members)).toBe(false);
  });

  it('keeps a secret the user chose to pass as one', async () => {
    const group = new DingTalkGroup('private', {
      name: 'private',
      owner: 'alice',
      members: pulumi.secret(['bob']),
    });
    await outputValue(group.urn);
    expect(pulumi.runtime.isRpcSecret(registrations.get('private')!.inputs.members)).toBe(true);
  });

  it('serializes one small provider per type into __provider', async () => {
    const second = new DingTalkGroup('second', { name: 'second', owner: 'alice' });
    await outputValue(second.urn);
    const first = registrations.get('ops')!.inputs.__provider;
    expect(typeof first).toBe('string');
    expect(registrations.get('second')!.inputs.__provider).toBe(first);
    expect((first as string).length).toBeLessThan(4096);
    expect(registrations.get('quick-entries')!.inputs.__provider).not.toBe(first);
  });
});
