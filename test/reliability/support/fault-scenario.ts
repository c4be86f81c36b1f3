import { startEmulator, type RunningEmulator } from '../../../emulator';
import { backendText } from '../../e2e/support/stack';
import { NOTHING_DECLARED, resourceCount, type DeclaredObjects } from './declared-program';
import {
  FAULT_KINDS,
  MATRIX_REQUEST_TIMEOUT_MS,
  STOPPING_FAULTS,
  faultRules,
  stoppingFaultWords,
  type FaultKindName,
  type Operation,
} from './fault-catalogue';
import { matrixObjects } from './matrix-objects';
import { describeRun, outputOf, type PulumiRun } from './pulumi-process';
import type { ReliabilityWorkspace } from './reliability-project';
import {
  expectedInventory,
  inventoryOf,
  remoteIdsOf,
  stateIdsOf,
  type RemoteInventory,
} from './remote-inventory';
import {
  ALL_SECRET_VALUES,
  RELIABILITY_SECRETS,
  ScenarioStack,
  reliabilityEmulatorOptions,
} from './scenario-stack';

/** Four pulumi commands plus retries and slow answers: well under a minute on 2 cores. */
export const SCENARIO_TIMEOUT_MS = 4 * 60 * 1000;

/**
 * Token lifetime in the token-expiry scenario: short enough that tokens also run out on
 * their own during the run, besides the one the fault expires under a call.
 */
const SHORT_TOKEN_LIFETIME_SECONDS = 4;

/**
 * `chat/create` is not idempotent and DingTalk has no API that lists groups, so when its
 * answer is lost the provider cannot find out whether the group exists: the `up` fails and
 * says so, naming the group, and the user checks DingTalk (see docs/recovery.md).
 */
const AMBIGUOUS_FOR_GROUP_CREATE: ReadonlySet<FaultKindName> = new Set([
  'connection reset',
  'timeout',
  'commit-then-drop',
]);
/** Of those, the faults where the remote did create the group before the answer was lost. */
const GROUP_COMMITTED: ReadonlySet<FaultKindName> = new Set(['timeout', 'commit-then-drop']);

function stackNameOf(operation: Operation, kind: FaultKindName): string {
  return `${operation}-${kind.replace(/[^a-z0-9]+/g, '-')}`;
}

/** Short, so the group name stays within DingTalk's 20 characters. */
function prefixOf(operation: Operation, kind: FaultKindName): string {
  return `${operation[0]}${FAULT_KINDS.indexOf(kind)}`;
}

/** Every DingTalk token the emulator holds now: none may appear in any output either. */
function tokensOf(emulator: RunningEmulator): string[] {
  return Object.keys(emulator.state().tokens);
}

function expectSucceeded(run: PulumiRun): void {
  if (run.code !== 0) throw new Error(describeRun(run));
}

/** The delayed `chat/create` lands after the client gave up: wait until the emulator logged it. */
async function waitForSlowAnswers(emulator: RunningEmulator): Promise<void> {
  const delays = emulator.faults().filter((f) => f.kind === 'delay' && f.applied > 0).length;
  for (let waited = 0; waited < 10_000; waited += 100) {
    const answered = emulator.requests().requests.filter((r) => r.fault === 'delay').length;
    if (answered >= delays) return;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error('the delayed answers never completed');
}

/**
 * One cell of the fault matrix: a stack of four resources (one per type) is brought to the
 * state where `operation` is next, the fault is armed on that operation's calls in all four
 * API families, and the operation runs through the real engine. Afterwards, within at most
 * one more `up` (or `refresh`), the emulator must hold exactly the declared objects, the
 * state must point at them, `preview --refresh` must be clean, and no secret may have been
 * printed.
 */
export async function runFaultScenario(
  workspace: ReliabilityWorkspace,
  operation: Operation,
  kind: FaultKindName,
): Promise<void> {
  const emulator = await startEmulator(
    reliabilityEmulatorOptions(
      kind === 'token expiry' ? { tokenLifetimeSeconds: SHORT_TOKEN_LIFETIME_SECONDS } : {},
    ),
  );
  const seenTokens = new Set<string>();
  try {
    const prefix = prefixOf(operation, kind);
    const first = matrixObjects('first', prefix);
    const stack = await ScenarioStack.create({
      project: workspace.project,
      env: workspace.env,
      stackName: stackNameOf(operation, kind),
      emulatorUrl: emulator.url,
      declared: first,
      settings: { requestTimeoutMs: String(MATRIX_REQUEST_TIMEOUT_MS) },
    });
    const secrets = RELIABILITY_SECRETS;

    if (operation !== 'create') {
      expectSucceeded(await stack.up());
      expect(inventoryOf(emulator.state())).toEqual(expectedInventory(first, secrets));
    }
    const stateBefore = stateIdsOf(await stack.exportState());

    const target: DeclaredObjects =
      operation === 'update'
        ? matrixObjects('second', prefix)
        : operation === 'delete'
          ? NOTHING_DECLARED
          : first;
    // DingTalk cannot dismiss a group: `removeMembers` leaves it with its owner alone.
    const retained: RemoteInventory['groups'] =
      operation === 'delete'
        ? first.groups.map((g) => ({ name: g.name, owner: g.owner, members: [g.owner] }))
        : [];

    for (const rule of faultRules(operation, kind)) emulator.addFault(rule);
    stack.declare(target);
    // After the first error the engine starts no further step; with a stopping fault the
    // test wants every resource's message, so it asks the engine to go on.
    const goOn = STOPPING_FAULTS.has(kind) && operation !== 'read' ? ['--continue-on-error'] : [];
    const faulted = operation === 'read' ? await stack.refresh() : await stack.up(goOn);
    tokensOf(emulator).forEach((t) => seenTokens.add(t));

    // Every rule must have hit a call, or the scenario tested nothing.
    const unapplied = emulator.faults().filter((f) => f.applied === 0);
    expect(unapplied).toEqual([]);
    emulator.clearFaults();

    if (STOPPING_FAULTS.has(kind)) {
      expect(faulted.code).not.toBe(0);
      for (const words of stoppingFaultWords(operation, kind)) {
        expect(outputOf(faulted)).toMatch(words);
      }
      // Nothing was half done: the remote is as it was before the operation, and the stack
      // still holds every resource (none of these answers says an object is gone).
      expect(inventoryOf(emulator.state())).toEqual(
        expectedInventory(operation === 'create' ? NOTHING_DECLARED : first, secrets),
      );
      expect(stateIdsOf(await stack.exportState())).toEqual(stateBefore);
      // The user fixes the cause (a permission, the region) and runs the command again.
      expectSucceeded(operation === 'read' ? await stack.refresh() : await stack.up());
    } else if (operation === 'create' && AMBIGUOUS_FOR_GROUP_CREATE.has(kind)) {
      const group = target.groups[0];
      expect(faulted.code).not.toBe(0);
      expect(outputOf(faulted)).toContain(`DingTalk group "${group.name}" may have been created`);
      await waitForSlowAnswers(emulator);
      const sameName = Object.values(emulator.state().groupChats).filter(
        (g) => g.name === group.name,
      );
      expect(sameName).toHaveLength(GROUP_COMMITTED.has(kind) ? 1 : 0);
      // The other three resources were not held up by the group.
      expect(inventoryOf(emulator.state())).toEqual({
        ...expectedInventory(target, secrets),
        groups: sameName.length === 1 ? expectedInventory(target, secrets).groups : [],
      });
      // The user follows the message: looks for the group in DingTalk, and adopts it by
      // its chatid if it is there, or simply runs `up` again if it is not.
      if (sameName.length === 1) {
        stack.declare({
          ...target,
          groups: [{ ...group, chatId: sameName[0].chatId, adopt: true }],
        });
      }
      expectSucceeded(await stack.up());
    } else {
      expectSucceeded(faulted);
    }

    const remote = emulator.state();
    tokensOf(emulator).forEach((t) => seenTokens.add(t));
    expect(inventoryOf(remote)).toEqual(expectedInventory(target, secrets, retained));
    const remoteIds = remoteIdsOf(remote);
    const state = await stack.exportState();
    expect(state.pendingOperations).toEqual([]);
    expect(stateIdsOf(state)).toEqual({
      ...remoteIds,
      // A retained group is no longer the stack's.
      DingTalkGroup: operation === 'delete' ? [] : remoteIds.DingTalkGroup,
    });
    const resources = resourceCount(stack.declared);
    expect(await stack.previewChanges()).toEqual({ same: resources + 1 });

    // Nothing secret in anything printed, nor in plain text in any state the backend kept.
    const everything = stack.allOutput();
    const backend = backendText(workspace.env);
    for (const secret of [...ALL_SECRET_VALUES, ...seenTokens]) {
      expect(everything).not.toContain(secret);
      expect(backend).not.toContain(secret);
    }
  } finally {
    await emulator.stop();
  }
}
