import type { RunningEmulator } from '../../../emulator';
import {
  checked,
  countOf,
  numberedUsers,
  providerFor,
  startDingTalkEmulator,
  up,
} from './dingtalk-harness';

describe('DingTalk access tokens across both resources', () => {
  let emu: RunningEmulator;
  let provider: Awaited<ReturnType<typeof providerFor>>;

  beforeAll(async () => {
    emu = await startDingTalkEmulator();
    // A runtime of its own: a new provider process as far as the token cache is concerned.
    // Loaded before the test, not inside it: the provider's module-level tables then count as
    // loaded at start-up for mutation testing, and the tests that check them are the ones run.
    provider = await providerFor(emu);
  });
  afterAll(() => emu.stop());

  it('fetches one token per provider process, however many calls run and how', async () => {
    // Concurrent first calls, as the engine runs steps in parallel.
    const groups = await Promise.all(
      [0, 1, 2, 3].map((i) =>
        up(provider, 'DingTalkGroup', {
          name: `team-${i}`,
          owner: 'alice',
          members: numberedUsers(45, 1 + i * 45),
        }),
      ),
    );
    const robot = await up(provider, 'RobotPlugin', {
      robotCode: 'dingrobotops',
      plugins: [{ name: { en_US: 'Deploy', zh_CN: '部署' }, icon: '@i' }],
    });
    await Promise.all([
      provider.dispatch('RobotPlugin', 'read', [robot.id, robot.outs]),
      ...groups.map((g) => provider.dispatch('DingTalkGroup', 'read', [g.id, g.outs])),
    ]);
    const renamed = await checked(provider, 'DingTalkGroup', {
      name: 'renamed',
      owner: 'alice',
      members: ['bob'],
    });
    await provider.dispatch('DingTalkGroup', 'update', [groups[0].id, groups[0].outs, renamed]);
    await provider.dispatch('RobotPlugin', 'delete', [robot.id, robot.outs]);

    const counts = emu.requests().counts;
    const dingtalkCalls = countOf(emu, 'group-chats:') + countOf(emu, 'robot-plugins:');
    expect(dingtalkCalls).toBeGreaterThanOrEqual(17);
    expect(counts['dingtalk-tokens:oauth2/accessToken']).toBe(1);
    expect(countOf(emu, 'dingtalk-tokens:')).toBe(1);
  });
});
