import { CommandError } from '@pulumi/pulumi/automation';
import { E2E_ROBOTS } from './support/chatops-emulator';
import { writeProgram } from './support/chatops-program';
import { useChatOpsStack } from './support/chatops-stack';
import { exportStackText } from './support/stack';
import { stateResources } from './support/state-document';

// Invalid input is caught by the provider's check, offline: the engine reports the property
// by name, and no request reaches any remote API, not even when `up` is asked to go ahead.

const STEP_TIMEOUT_MS = 3 * 60 * 1000;

/**
 * Secret values inside rejected input: still secrets, so no error may repeat them (the engine
 * prints an input's value beside a failure that names it, unless the provider prevents it).
 */
const MISPLACED_CLIENT_SECRET = 'E2eMisplacedClientSecret6a0f3d';
const REJECTED_WEBHOOK_TOKEN = 'e2erejectedtoken8d41c7f2a9';

interface InvalidCase {
  resource: string;
  /** The property the error must name. */
  property: string;
  /** A secret in the rejected input, if any. */
  secret?: string;
  program: string;
}

/** One invalid resource of each type, each with one bad property. */
const INVALID_RESOURCES: InvalidCase[] = [
  {
    resource: 'ChatConfiguration',
    property: 'clientSecret',
    secret: MISPLACED_CLIENT_SECRET,
    program: `new chatops.ChatConfiguration('wecom-bot-with-dingtalk-secret', {
  name: 'e2e-invalid-bot',
  type: 'WeChat',
  weComSettings: { WeComCorpId: 'wwe2ecorp0002' },
  clientSecret: '${MISPLACED_CLIENT_SECRET}',
});`,
  },
  {
    resource: 'SecurityCenterDingTalkNotification',
    property: 'webhookUrl',
    secret: REJECTED_WEBHOOK_TOKEN,
    program: `new chatops.SecurityCenterDingTalkNotification('alerts-to-plain-http', {
  name: 'e2e-invalid-alerts',
  webhookUrl: 'http://hooks.example.com/robot/send?access_token=${REJECTED_WEBHOOK_TOKEN}',
});`,
  },
  {
    resource: 'RobotPlugin',
    property: 'plugins[1].icon',
    program: `new chatops.RobotPlugin('entries-without-icon', {
  robotCode: '${E2E_ROBOTS.alerts}',
  plugins: [
    { name: 'Runbooks', icon: '@lALPe2eRunbooks' },
    { name: 'Deploy', icon: '' },
  ],
});`,
  },
  {
    resource: 'DingTalkGroup',
    property: 'name',
    program: `new chatops.DingTalkGroup('group-with-long-name', {
  name: 'a group name far longer than twenty characters',
  owner: 'alice',
});`,
  },
];

function programOf(declaration: string): string {
  return `'use strict';
const chatops = require('pulumi-dingtalk-chatops');
${declaration}
`;
}

async function failureOf(operation: Promise<unknown>): Promise<CommandError> {
  try {
    await operation;
  } catch (error) {
    if (error instanceof CommandError) return error;
    throw error;
  }
  throw new Error('expected the operation to fail');
}

describe('invalid input', () => {
  const setup = useChatOpsStack('chatops-invalid', programOf(''));

  it.each(INVALID_RESOURCES)(
    'a $resource fails the preview naming $property, without a remote call',
    async ({ program, property, secret }) => {
      writeProgram(setup.project, programOf(program));
      setup.emulator.clearRequests();

      const error = await failureOf(setup.stack.preview());

      expect(error.message).toContain(`has a problem: ${property}: `);
      if (secret !== undefined) expect(error.message).not.toContain(secret);
      expect(setup.emulator.requests().total).toBe(0);
    },
    STEP_TIMEOUT_MS,
  );

  it(
    'up stops before any remote call and leaves nothing behind',
    async () => {
      const [, notification] = INVALID_RESOURCES;
      writeProgram(setup.project, programOf(notification.program));
      setup.emulator.clearRequests();

      const error = await failureOf(setup.stack.up());

      expect(error.message).toContain(`has a problem: ${notification.property}: `);
      expect(error.message).not.toContain(REJECTED_WEBHOOK_TOKEN);
      expect(setup.emulator.requests()).toMatchObject({ total: 0, requests: [] });
      expect(setup.emulator.state().securityCenter.notifications).toEqual([]);
      expect(stateResources(await exportStackText(setup.stack, setup.env))).not.toContainEqual(
        expect.objectContaining({ type: expect.stringContaining('chatops:') }),
      );
    },
    STEP_TIMEOUT_MS,
  );
});
