import fc from 'fast-check';
import * as clientsModule from '../../../provider/clients';
import { HttpTransport } from '../../../provider/http/transport';
import { closeSharedClients } from '../../../provider/lifecycle/context';
import { resetConfiguredSettings } from '../../../provider/lifecycle/settings-store';
import { UNKNOWN } from '../../../provider/lifecycle/unknown';
import { configure, dispatch } from '../../../provider/runtime';
import { watchConnections } from '../../support/no-network';
import {
  type InputModel,
  type Scenario,
  SECRET_TOKEN_PATTERN,
  belongsTo,
  scenarios,
} from './input-model';

/** Generated inputs per resource type (issue 7: at least 10,000). */
const RUNS = 10_000;

/**
 * Stack config as a user writes it, with every endpoint on a local port nothing listens
 * on: a request that slipped out would show up in the spies, not reach a real service.
 */
const STACK_CONFIG: Record<string, string> = {
  'alicloud:accessKey': 'LTAI-check-at-scale',
  'alicloud:secretKey': 'check-at-scale-alicloud-secret',
  'alicloud:region': 'cn-hangzhou',
  'dingtalk:clientId': 'check-at-scale-app',
  'dingtalk:clientSecret': 'check-at-scale-dingtalk-secret',
  'chatops:oosEndpoint': 'http://127.0.0.1:9',
  'chatops:sasEndpoint': 'http://127.0.0.1:9',
  'chatops:dingtalkApiEndpoint': 'http://127.0.0.1:9',
  'chatops:dingtalkOapiEndpoint': 'http://127.0.0.1:9',
  // A call that slipped out fails at once instead of retrying into the test timeout.
  'chatops:maxAttempts': '1',
  'chatops:requestTimeoutMs': '200',
};

interface CheckResult {
  inputs: Record<string, unknown>;
  failures: { property: string; reason: string }[];
}

function isBag(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

/** The properties `check` must name for a bag nobody designed. */
function mustBlame(model: InputModel, news: unknown): string[] {
  const required = Object.keys(model.fields).filter((f) => model.fields[f].absent === 'required');
  if (!isBag(news)) return required;
  const declared = (k: string) => Object.prototype.hasOwnProperty.call(model.fields, k);
  const undeclared = Object.keys(news).filter((k) => !declared(k) && k !== '__provider');
  const missing = required.filter((f) => news[f] === undefined || news[f] === null);
  return [...undeclared, ...missing];
}

/** Fails the property with a message that shows what `check` answered. */
function fail(message: string, failures: unknown): never {
  throw new Error(`${message}; failures: ${JSON.stringify(failures)}`);
}

/**
 * What must hold for one generated bag; returns whether `check` reported anything. Plain
 * comparisons rather than `expect`: this runs 10,000 times per type.
 */
function verify(model: InputModel, scenario: Scenario, result: CheckResult): boolean {
  const { failures, inputs } = result;
  if (!Array.isArray(failures)) fail('failures is not a list', failures);
  for (const failure of failures) {
    if (typeof failure.property !== 'string') fail('a failure without a property', failures);
    if (!failure.reason.startsWith(`${failure.property}: `)) {
      fail(`the reason of ${failure.property} does not start with its property`, failures);
    }
  }
  const properties = failures.map((f) => f.property);
  const named = (field: string) => properties.some((p) => belongsTo(p, field));
  const expected = scenario.blamed ?? mustBlame(model, scenario.news);
  for (const field of expected) {
    if (!named(field)) fail(`no failure names ${field}`, failures);
  }
  if (scenario.blamed) {
    // A designed bag: nothing but the broken properties is blamed.
    for (const property of properties) {
      if (!scenario.blamed.some((field) => belongsTo(property, field))) {
        fail(`${property} was blamed, expected only [${scenario.blamed.join(', ')}]`, failures);
      }
    }
    for (const field of scenario.unknowns ?? []) {
      if (inputs[field] !== UNKNOWN) fail(`the unknown ${field} was not kept`, failures);
    }
  }
  const secrets = (JSON.stringify(scenario.news) ?? '').match(SECRET_TOKEN_PATTERN) ?? [];
  const reported = JSON.stringify(failures);
  if (secrets.some((secret) => reported.includes(secret))) {
    throw new Error('a failure repeats a secret value');
  }
  return failures.length > 0;
}

/**
 * The check-at-scale suite of one resource type: {@link RUNS} generated bags through
 * `dispatch(type, 'check')`, as the engine calls it, with every way out to the network
 * watched.
 */
export function describeCheckAtScale(model: InputModel): void {
  describe(`check of ${model.type} at scale, through the provider runtime`, () => {
    let connections: ReturnType<typeof watchConnections>;
    let sends: jest.SpyInstance;
    let clientBuilds: jest.SpyInstance;

    beforeAll(async () => {
      connections = watchConnections();
      sends = jest.spyOn(HttpTransport.prototype, 'send');
      clientBuilds = jest.spyOn(clientsModule, 'createClients');
      await configure({ config: { get: (key) => STACK_CONFIG[key] } });
    });

    afterAll(async () => {
      connections.restore();
      sends.mockRestore();
      clientBuilds.mockRestore();
      resetConfiguredSettings();
      await closeSharedClients();
    });

    it(`answers ${RUNS.toLocaleString('en')} generated inputs without throwing, naming every bad property, calling nothing`, async () => {
      let rejected = 0;
      await fc.assert(
        fc.asyncProperty(scenarios(model), async (scenario) => {
          const result = (await dispatch(model.type, 'check', [{}, scenario.news])) as CheckResult;
          if (verify(model, scenario, result)) rejected += 1;
        }),
        { numRuns: RUNS },
      );
      // The mix is mostly bad input: a generator that drifted to valid bags would show here.
      expect(rejected).toBeGreaterThan(RUNS / 2);
      expect(clientBuilds).not.toHaveBeenCalled();
      expect(sends).not.toHaveBeenCalled();
      expect(connections.count()).toBe(0);
    });
  });
}
