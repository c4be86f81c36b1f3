import * as pulumi from '@pulumi/pulumi';
import { DingTalkGroup, RobotPlugin } from '../../../provider';

/** What the mocked engine was asked to register, per resource name. */
interface Registration {
  type: string;
  inputs: Record<string, unknown>;
  additionalSecretOutputs: string[];
}
const registrations = new Map<string, Registration>();

interface RegisterRequest {
  getName(): string;
  getType(): string;
  getAdditionalsecretoutputsList(): string[];
}

beforeAll(async () => {
  await pulumi.runtime.setMocks(
    {
      newResource: (args) => {
        const seen = registrations.get(args.name);
        registrations.set(args.name, {
          type: args.type,
          inputs: args.inputs,
          additionalSecretOutputs: seen?.additionalSecretOutputs ?? [],
        });
        // The engine echoes inputs; the provider's own outputs are made up here.
        const extra = args.type.endsWith(':DingTalkGroup')
          ? { chatId: 'chat-1', openConversationId: 'cid-1', memberCount: 2 }
          : {};
        return { id: `${args.name}-id`, state: { ...args.inputs, ...extra } };
      },
      call: () => ({}),
    },
    'project',
    'stack',
    false,
  );
  // The mocks API hides resource options: watch the monitor for additionalSecretOutputs.
  const monitor = pulumi.runtime.getMonitor() as unknown as {
    registerResource(req: RegisterRequest, cb: unknown): unknown;
  };
  const register = monitor.registerResource.bind(monitor);
  monitor.registerResource = (req, cb) => {
    registrations.set(req.getName(), {
      type: req.getType(),
      inputs: {},
      additionalSecretOutputs: req.getAdditionalsecretoutputsList(),
    });
    return register(req, cb);
  };
});

function outputValue<T>(output: pulumi.Output<T>): Promise<T> {
  return new Promise((resolve) => output.apply((v) => resolve(v)));
}

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
