import { startEmulator, type RunningEmulator } from '../../emulator';
import { resourceCount } from './support/declared-program';
import { OPERATION_CALLS } from './support/fault-catalogue';
import { fleetObjects } from './support/fleet-objects';
import { describeRun, outputOf, startPulumi } from './support/pulumi-process';
import {
  WORKSPACE_TIMEOUT_MS,
  closeReliabilityRun,
  createReliabilityWorkspace,
  type ReliabilityWorkspace,
} from './support/reliability-project';
import { expectConverged } from './support/remote-inventory';
import {
  ALL_SECRET_VALUES,
  RELIABILITY_SECRETS,
  ScenarioStack,
  reliabilityEmulatorOptions,
} from './support/scenario-stack';

// A `pulumi up` of 30 resources killed with SIGKILL (a CI runner timing out) while one
// create of each API is on the wire, then the recovery docs/recovery.md describes:
// `pulumi cancel`, `pulumi refresh --clear-pending-creates`, adopting any group whose
// create was in flight, `pulumi up`. It must end with exactly the declared objects.

const DECLARED = fleetObjects({
  chatConfigurations: 8,
  notifications: 8,
  robotPlugins: 7,
  groups: 7,
});
/** The in-flight creates answer this late, long after the CLI is gone, and still commit. */
const IN_FLIGHT_MS = 4000;
const TEST_TIMEOUT_MS = 5 * 60 * 1000;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function until(condition: () => boolean, what: string): Promise<void> {
  for (let waited = 0; waited < 60_000; waited += 20) {
    if (condition()) return;
    await sleep(20);
  }
  throw new Error(`timed out waiting until ${what}`);
}

describe('a pulumi up killed in the middle', () => {
  let workspace: ReliabilityWorkspace;
  let emulator: RunningEmulator;

  beforeAll(async () => {
    workspace = await createReliabilityWorkspace('interrupted');
    emulator = await startEmulator(reliabilityEmulatorOptions({}, DECLARED.robotPlugins.length));
  }, WORKSPACE_TIMEOUT_MS);

  afterAll(() => closeReliabilityRun(emulator, workspace));

  it(
    'recovers with cancel, refresh --clear-pending-creates and up: every object once',
    async () => {
      expect(resourceCount(DECLARED)).toBe(30);
      const stack = await ScenarioStack.create({
        project: workspace.project,
        env: workspace.env,
        stackName: 'interrupted',
        emulatorUrl: emulator.url,
        declared: DECLARED,
      });
      // The first create of each API hangs on the remote side; the kill comes once all four
      // are on the wire, while the other creates are still being paced out.
      for (const call of OPERATION_CALLS.create) {
        emulator.addFault({ ...call, kind: 'delay', delayMs: IN_FLIGHT_MS, times: 1 });
      }
      const up = startPulumi(
        ['up', '--yes', '--skip-preview', ...stack.stackArgs()],
        workspace.project.dir,
        workspace.env,
      );
      await until(() => emulator.faults().every((f) => f.applied === 1), 'all four hang');
      up.killTree('SIGKILL');
      const killed = await up.done;
      expect(killed.signal).toBe('SIGKILL');
      stack.runs.push(killed);

      // The remote finishes what it was given: all four hanging creates commit.
      await until(
        () => emulator.requests().requests.filter((r) => r.fault === 'delay').length === 4,
        'the hanging creates commit',
      );
      emulator.clearFaults();

      // What the killed run left: a lock, and pending creates for what was on the wire.
      const locked = await stack.refresh();
      expect(locked.code).not.toBe(0);
      expect(outputOf(locked)).toMatch(/the stack is currently locked.*pulumi cancel/s);
      const left = await stack.exportState();
      const pending = left.pendingOperations.filter((op) => op.type === 'creating');
      const pendingTypes = new Set(pending.map((op) => op.resource.type.split(':').pop()));
      expect([...pendingTypes].sort()).toEqual([
        'ChatConfiguration',
        'DingTalkGroup',
        'RobotPlugin',
        'SecurityCenterDingTalkNotification',
      ]);
      expect(left.resources.length).toBeLessThan(resourceCount(DECLARED) + 1);

      // Recovery, step by step as docs/recovery.md tells the user.
      await stack.must(['cancel', '--yes']);
      const refreshed = await stack.refresh(['--clear-pending-creates']);
      if (refreshed.code !== 0) throw new Error(describeRun(refreshed));
      expect((await stack.exportState()).pendingOperations).toEqual([]);

      // DingTalk cannot list groups: for each group whose create was pending, the user looks
      // it up in DingTalk by name and, when it is there, adopts it by its chatid. A pending
      // create may never have reached DingTalk (the engine records it before the provider
      // sends it, and the kill can come while it waits for its pacing slot); such a group is
      // simply created by the next up. The one that hung on the wire is always there.
      const groupsInFlight = pending
        .filter((op) => op.resource.type.endsWith(':DingTalkGroup'))
        .map((op) => op.resource.inputs?.name);
      const live = Object.values(emulator.state().groupChats);
      const adopted: string[] = [];
      stack.declare({
        ...DECLARED,
        groups: DECLARED.groups.map((group) => {
          if (!groupsInFlight.includes(group.name)) return group;
          const found = live.filter((g) => g.name === group.name);
          expect(found.length).toBeLessThanOrEqual(1);
          if (found.length === 0) return group;
          adopted.push(group.name);
          return { ...group, chatId: found[0].chatId, adopt: true };
        }),
      });
      expect(adopted.length).toBeGreaterThan(0);
      const recovered = await stack.up();
      if (recovered.code !== 0) throw new Error(describeRun(recovered));

      const remote = emulator.state();
      await expectConverged(remote, stack, DECLARED, RELIABILITY_SECRETS);
      expect(await stack.previewChanges()).toEqual({ same: resourceCount(DECLARED) + 1 });

      const everything = stack.allOutput();
      for (const secret of [...ALL_SECRET_VALUES, ...Object.keys(remote.tokens)]) {
        expect(everything).not.toContain(secret);
      }
    },
    TEST_TIMEOUT_MS,
  );
});
