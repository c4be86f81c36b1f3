import * as pulumi from '@pulumi/pulumi';

/** What the mocked engine was asked to register, per resource name. */
export interface Registration {
  type: string;
  inputs: Record<string, unknown>;
  additionalSecretOutputs: string[];
}

interface RegisterRequest {
  getName(): string;
  getType(): string;
  getAdditionalsecretoutputsList(): string[];
}

/**
 * Mocks the engine for the file (in its `beforeAll`) and returns what each resource
 * registered. The engine echoes inputs; `outputs` makes up what the provider would add.
 */
export function mockEngine(
  outputs: (type: string) => Record<string, unknown>,
): Map<string, Registration> {
  const registrations = new Map<string, Registration>();
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
          return { id: `${args.name}-id`, state: { ...args.inputs, ...outputs(args.type) } };
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
  return registrations;
}

/** The value of an output, once known. */
export function outputValue<T>(output: pulumi.Output<T>): Promise<T> {
  return new Promise((resolve) => output.apply((v) => resolve(v)));
}
