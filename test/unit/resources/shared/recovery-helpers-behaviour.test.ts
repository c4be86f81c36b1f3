import { ChatOpsError } from '../../../../provider/errors';
import { applyUpdateCall } from '../../../../provider/resources/dingtalk-group/apply-call';
import {
  GroupCreateOutcomeUnknown,
  groupCreateError,
} from '../../../../provider/resources/dingtalk-group/create-outcome';
import { explainPluginLimit } from '../../../../provider/resources/robot-plugin/plugin-limit';
import {
  createRounds,
  isAmbiguousFailure,
  settleAfterAmbiguousFailure,
} from '../../../../provider/resources/shared/ambiguous-failure';
import {
  OWN_CREATE_WINDOW_MS,
  createdRecently,
} from '../../../../provider/resources/shared/recent-create';
import { testContext } from '../../../support/lifecycle-context';

const error = (
  code: ConstructorParameters<typeof ChatOpsError>[0]['code'],
  notProcessed?: boolean,
) => new ChatOpsError({ code, message: `${code} happened.`, notProcessed });

describe('ambiguous failures of a create', () => {
  it.each(['TRANSPORT_ERROR', 'TIMEOUT', 'DEADLINE_EXCEEDED', 'REMOTE_UNAVAILABLE'] as const)(
    '%s may have taken effect',
    (code) => {
      expect(isAmbiguousFailure(error(code))).toBe(true);
    },
  );

  it('did not take effect when the remote certainly did not act, or said no', () => {
    expect(isAmbiguousFailure(error('TRANSPORT_ERROR', true))).toBe(false);
    expect(isAmbiguousFailure(error('THROTTLED'))).toBe(false);
    expect(isAmbiguousFailure(error('INVALID_INPUT'))).toBe(false);
    expect(isAmbiguousFailure(new Error('TIMEOUT'))).toBe(false);
    // Only this package's own classified failures count, not a look-alike from elsewhere.
    expect(isAmbiguousFailure(Object.assign(new Error('t'), { code: 'TIMEOUT' }))).toBe(false);
  });

  it('are sent again as often as any call is attempted', () => {
    expect(createRounds(testContext({ settings: { maxAttempts: 7 } }))).toBe(7);
  });

  it.each(['TIMEOUT', 'DEADLINE_EXCEEDED'] as const)(
    'wait as long as the request was given after %s before looking',
    async (code) => {
      jest.useFakeTimers();
      try {
        let settled = false;
        const waiting = settleAfterAmbiguousFailure(
          error(code),
          1,
          testContext({ settings: { requestTimeoutMs: 5000 } }),
        ).then(() => {
          settled = true;
        });
        await jest.advanceTimersByTimeAsync(4999);
        expect(settled).toBe(false);
        await jest.advanceTimersByTimeAsync(1);
        await waiting;
        expect(settled).toBe(true);
      } finally {
        jest.useRealTimers();
      }
    },
  );

  it('wait only a short backoff after a reset, but some', async () => {
    jest.useFakeTimers();
    try {
      let settled = false;
      const waiting = settleAfterAmbiguousFailure(
        error('TRANSPORT_ERROR'),
        1,
        testContext({ settings: { requestTimeoutMs: 60_000 } }),
      ).then(() => {
        settled = true;
      });
      await jest.advanceTimersByTimeAsync(0);
      expect(settled).toBe(false);
      // The first round's backoff is below the default base of 200 ms.
      await jest.advanceTimersByTimeAsync(200);
      await waiting;
      expect(settled).toBe(true);
    } finally {
      jest.useRealTimers();
    }
  });
});

describe('an own create whose answer was lost', () => {
  const started = new Date('2025-06-01T12:00:00Z');

  it('is recognised from five minutes before the operation began on', () => {
    const edge = new Date(started.getTime() - OWN_CREATE_WINDOW_MS).toISOString();
    expect(OWN_CREATE_WINDOW_MS).toBe(300_000);
    expect(createdRecently(edge, started)).toBe(true);
    expect(createdRecently('2025-06-01T12:00:05+00:00', started)).toBe(true);
    expect(createdRecently('2025-06-01T11:54:59.999Z', started)).toBe(false);
  });

  it('is not recognised without a readable creation date', () => {
    expect(createdRecently(undefined, started)).toBe(false);
    expect(createdRecently('not a date', started)).toBe(false);
  });
});

describe('a lost chat/create answer', () => {
  it('becomes an error that tells how to find and adopt the group', () => {
    const reported = groupCreateError('ops', 'user-1', error('TIMEOUT'));
    expect(reported).toBeInstanceOf(GroupCreateOutcomeUnknown);
    expect((reported as Error).name).toBe('GroupCreateOutcomeUnknown');
    expect((reported as Error).message).toBe(
      'DingTalk group "ops" may have been created: the answer to chat/create was lost (TIMEOUT happened). ' +
        'DingTalk has no API that lists groups, so this cannot be checked automatically. Look in DingTalk ' +
        'for a group named "ops" owned by user-1: if it is there, set chatId to its chatid and adopt: true ' +
        'on this resource, then run pulumi up again; if it is not, just run pulumi up again.',
    );
  });

  it('is reported as it is when the create certainly failed', () => {
    const refused = error('INVALID_INPUT');
    expect(groupCreateError('ops', 'user-1', refused)).toBe(refused);
  });
});

describe('a group after some update calls went through', () => {
  const group = {
    name: 'ops',
    owner: 'u1',
    members: ['u1', 'u2', 'u3'],
    settings: {
      newMembersSeeHistory: false,
      searchable: true,
      joinRequiresApproval: false,
      mentionAllOwnerOnly: false,
      managementOwnerOnly: false,
      allMuted: false,
    },
  };

  it('has the members added and removed, sorted, and the settings sent', () => {
    expect(
      applyUpdateCall(group, {
        addUserIds: ['u0', 'u2'],
        delUserIds: ['u3'],
        searchable: 0,
        chatBannedType: 1,
      }),
    ).toEqual({
      name: 'ops',
      owner: 'u1',
      members: ['u0', 'u1', 'u2'],
      settings: { ...group.settings, searchable: false, allMuted: true },
    });
  });

  it('has the new name and owner, and is otherwise unchanged', () => {
    expect(applyUpdateCall(group, { name: 'ops-2', owner: 'u2' })).toEqual({
      ...group,
      name: 'ops-2',
      owner: 'u2',
    });
  });
});

describe('too many robot plugins', () => {
  it('are explained with the count, the robot and the service message', () => {
    const remote = new ChatOpsError({
      code: 'INVALID_INPUT',
      message: 'at most 10 plugins',
      remoteCode: 'invalidRequest.exceededMaximumLimit',
      requestId: 'req-9',
      operation: 'dingtalk:robot/plugins/set',
      httpStatus: 400,
    });
    expect(explainPluginLimit(remote, 'ding-robot', 12)).toMatchObject({
      code: 'LIMIT_EXCEEDED',
      remoteCode: 'invalidRequest.exceededMaximumLimit',
      requestId: 'req-9',
      operation: 'dingtalk:robot/plugins/set',
      httpStatus: 400,
      message:
        'DingTalk refused 12 plugins for robot ding-robot: the list exceeds the maximum number of plugins a robot may hold (remote code invalidRequest.exceededMaximumLimit; the service said: at most 10 plugins). Declare fewer plugins.',
    });
  });

  it('leave other failures as they are', () => {
    const other = new ChatOpsError({ code: 'INVALID_INPUT', message: 'bad', remoteCode: 'x' });
    expect(explainPluginLimit(other, 'r', 1)).toBe(other);
    const plain = new Error('boom');
    expect(explainPluginLimit(plain, 'r', 1)).toBe(plain);
  });
});
