import { startEmulator, type FaultRuleInput, type RunningEmulator } from '../../emulator';
import { createClients } from '../../provider/clients';
import { removeTempDir } from '../e2e/support/temp-dir';
import { NOTHING_DECLARED } from './support/declared-program';
import { matrixObjects } from './support/matrix-objects';
import { describeRun, type PulumiRun } from './support/pulumi-process';
import {
  WORKSPACE_TIMEOUT_MS,
  createReliabilityWorkspace,
  type ReliabilityWorkspace,
} from './support/reliability-project';
import { remoteIdsOf, stateIdsOf, type RemoteIds } from './support/remote-inventory';
import {
  RELIABILITY_ACCESS_KEY,
  RELIABILITY_DINGTALK_APP,
  ScenarioStack,
  reliabilityEmulatorOptions,
} from './support/scenario-stack';

/**
 * The other side of "gone needs proof": the answers that do mean "this object does not
 * exist" still take a resource out of the stack on refresh, and count as deleted on destroy,
 * for every resource type, through the real engine.
 */

const SCENARIO_TIMEOUT_MS = 4 * 60 * 1000;
const NONE: RemoteIds = {
  ChatConfiguration: [],
  SecurityCenterDingTalkNotification: [],
  RobotPlugin: [],
  DingTalkGroup: [],
};

/**
 * No API removes a robot or a group from DingTalk, so their "gone" answers are played by the
 * emulator's fault rules, in the exact wire form of each API (gone-answers.ts).
 */
function dingTalkGoneAnswers(robotStep: 'query' | 'clear'): FaultRuleInput[] {
  return [
    {
      family: 'robot-plugins',
      action: `robot/plugins/${robotStep}`,
      kind: 'error',
      status: 400,
      code: 'invalidRequest.robotNotExist',
    },
    { family: 'group-chats', action: 'chat/get', kind: 'error', status: 200, code: '34013' },
  ];
}

/** Deletes the Alibaba Cloud objects behind the stack's back, as someone in the console would. */
async function deleteAlicloudObjects(emulator: RunningEmulator, remote: RemoteIds): Promise<void> {
  const clients = createClients(() => ({
    accessKeyId: RELIABILITY_ACCESS_KEY.accessKeyId,
    accessKeySecret: RELIABILITY_ACCESS_KEY.accessKeySecret,
    dingtalkClientId: RELIABILITY_DINGTALK_APP.appKey,
    dingtalkClientSecret: RELIABILITY_DINGTALK_APP.appSecret,
    oosEndpoint: emulator.url,
    stsEndpoint: emulator.url,
    sasEndpoint: emulator.url,
  }));
  try {
    let region = 'cn-hangzhou';
    for (const id of remote.ChatConfiguration) {
      const [regionId, name] = id.split('/');
      region = regionId;
      await clients.oos.deleteChatConfiguration({ regionId, name });
    }
    await clients.securityCenter.deleteDingTalk(
      region,
      remote.SecurityCenterDingTalkNotification.map(Number),
    );
  } finally {
    await clients.close();
  }
}

function expectSucceeded(run: PulumiRun): void {
  if (run.code !== 0) throw new Error(describeRun(run));
}

describe('answers that do mean "gone"', () => {
  let workspace: ReliabilityWorkspace;

  beforeAll(async () => {
    workspace = await createReliabilityWorkspace('gone-answers');
  }, WORKSPACE_TIMEOUT_MS);

  afterAll(() => {
    removeTempDir(workspace?.workDir);
  });

  it.each(['refresh', 'destroy'] as const)(
    '%s: every resource whose object is gone leaves the stack',
    async (command) => {
      const emulator = await startEmulator(reliabilityEmulatorOptions());
      try {
        const stack = await ScenarioStack.create({
          project: workspace.project,
          env: workspace.env,
          stackName: `gone-${command}`,
          emulatorUrl: emulator.url,
          declared: matrixObjects('first', `g${command[0]}`),
        });
        expectSucceeded(await stack.up());
        const remote = remoteIdsOf(emulator.state());
        expect(stateIdsOf(await stack.exportState())).toEqual(remote);

        await deleteAlicloudObjects(emulator, remote);
        for (const rule of dingTalkGoneAnswers(command === 'refresh' ? 'query' : 'clear')) {
          emulator.addFault(rule);
        }
        if (command === 'refresh') {
          expectSucceeded(await stack.refresh());
        } else {
          stack.declare(NOTHING_DECLARED);
          expectSucceeded(await stack.up());
        }
        // Every rule met its call: each resource type met its own "gone" answer.
        expect(emulator.faults().filter((f) => f.applied === 0)).toEqual([]);
        expect(stateIdsOf(await stack.exportState())).toEqual(NONE);
      } finally {
        await emulator.stop();
      }
    },
    SCENARIO_TIMEOUT_MS,
  );

  it(
    'refresh and destroy keep every Alibaba Cloud resource whose absence is not proven',
    async () => {
      const emulator = await startEmulator(reliabilityEmulatorOptions());
      try {
        const stack = await ScenarioStack.create({
          project: workspace.project,
          env: workspace.env,
          stackName: 'gone-unproven',
          emulatorUrl: emulator.url,
          declared: matrixObjects('first', 'gu'),
        });
        expectSucceeded(await stack.up());
        const remote = remoteIdsOf(emulator.state());
        await deleteAlicloudObjects(emulator, remote);
        // The services say "does not exist", but the listings that would prove it are denied,
        // and the notification's delete answers that the API is not offered.
        emulator.addFault({
          family: 'oos',
          action: 'ListChatConfigurations',
          kind: 'error',
          status: 403,
          code: 'Forbidden.RAM',
        });
        emulator.addFault({
          family: 'security-center',
          action: 'DescribeDingTalk',
          kind: 'error',
          status: 403,
          code: 'NoPermission',
        });
        emulator.addFault({
          family: 'security-center',
          action: 'DeleteDingTalk',
          kind: 'error',
          status: 404,
          code: 'InvalidApi.NotFound',
        });

        const refresh = await stack.refresh();
        expect(refresh.code).not.toBe(0);
        expect(stateIdsOf(await stack.exportState())).toEqual(remote);

        stack.declare(NOTHING_DECLARED);
        const destroy = await stack.up();
        expect(destroy.code).not.toBe(0);
        const kept = stateIdsOf(await stack.exportState());
        expect(kept.ChatConfiguration).toEqual(remote.ChatConfiguration);
        expect(kept.SecurityCenterDingTalkNotification).toEqual(
          remote.SecurityCenterDingTalkNotification,
        );
      } finally {
        await emulator.stop();
      }
    },
    SCENARIO_TIMEOUT_MS,
  );
});
