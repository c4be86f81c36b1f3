import { startEmulator, type RunningEmulator } from '../../emulator';
import { resourceCount } from './support/declared-program';
import { fleetObjects } from './support/fleet-objects';
import { describeRun } from './support/pulumi-process';
import {
  WORKSPACE_TIMEOUT_MS,
  closeReliabilityRun,
  createReliabilityWorkspace,
  type ReliabilityWorkspace,
} from './support/reliability-project';
import { expectConverged } from './support/remote-inventory';
import {
  RELIABILITY_SECRETS,
  ScenarioStack,
  reliabilityEmulatorOptions,
} from './support/scenario-stack';

// DingTalk allows about 20 calls per second per app and API on the standard edition
// (docs/wire-facts.md 2d). With the emulator enforcing that limit, an engine running 32 steps
// at once must still create 200 groups without a failure, and without the user ever seeing a
// throttling answer: the provider paces its calls below the limit and retries the rare one
// that still gets throttled.

const GROUPS = 200;
const LIMIT_PER_SECOND = 20;
const DECLARED = fleetObjects({ groups: GROUPS });
/** What DingTalk's throttling answers look like, in any casing: none may reach the user. */
const THROTTLING_WORDS = /throttl|qpslimit|90018|90002|rate limit/i;
const TEST_TIMEOUT_MS = 10 * 60 * 1000;

describe('rate limits held at 200 groups', () => {
  let workspace: ReliabilityWorkspace;
  let emulator: RunningEmulator;

  beforeAll(async () => {
    workspace = await createReliabilityWorkspace('rate-limits');
    emulator = await startEmulator(
      reliabilityEmulatorOptions({ rateLimitPerSecond: LIMIT_PER_SECOND }),
    );
  }, WORKSPACE_TIMEOUT_MS);

  afterAll(() => closeReliabilityRun(emulator, workspace));

  it(
    'pulumi up --parallel 32 creates them all, and refresh reads them all, with no throttling shown',
    async () => {
      const stack = await ScenarioStack.create({
        project: workspace.project,
        env: workspace.env,
        stackName: 'rate-limits',
        emulatorUrl: emulator.url,
        declared: DECLARED,
      });

      const up = await stack.up(['--parallel', '32']);
      if (up.code !== 0) throw new Error(describeRun(up));
      expect(up.stdout).toMatch(new RegExp(`\\+ ${GROUPS + 1} created`));

      const remote = emulator.state();
      await expectConverged(remote, stack, DECLARED, RELIABILITY_SECRETS);
      // Every chat/create beyond one per group was refused by the limit before it acted.
      const log = emulator.requests();
      const throttledCreates = log.requests.filter(
        (r) => r.action === 'chat/create' && r.throttled,
      ).length;
      expect(log.counts['group-chats:chat/create']).toBe(GROUPS + throttledCreates);

      // 200 chat/get at the same limit.
      expect(await stack.previewChanges()).toEqual({ same: resourceCount(DECLARED) + 1 });

      expect(stack.allOutput()).not.toMatch(THROTTLING_WORDS);
    },
    TEST_TIMEOUT_MS,
  );
});
