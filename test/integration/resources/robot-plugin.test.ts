import type { RunningEmulator } from '../../../emulator';
import { dingtalkApi, dingtalkToken } from '../emulator/helpers';
import {
  type DiffResult,
  type ProviderRuntime,
  type ReadResult,
  checked,
  countOf,
  providerFor,
  requestsOf,
  startDingTalkEmulator,
  up,
} from './dingtalk-harness';

const TYPE = 'RobotPlugin';
const ROBOT = 'dingrobotchatops';
/** An app of its own, with a secret distinctive enough to search for in errors. */
const APP = { appKey: 'chatops-app', appSecret: 'app-secret-3c9f1e7a5b' };

const deploy = {
  // Declared in the opposite of the sorted key order on purpose.
  name: { zh_CN: '部署', en_US: 'Deploy' },
  icon: '@lALPDtXaDkO3j7hgYA',
  pcUrl: 'https://ops.example.com/deploy',
  mobileUrl: 'https://m.ops.example.com/deploy',
};
const status = { name: 'Status', icon: '@lADPDgQ9rKDZt8jNAoDNAoA' };

describe('RobotPlugin against the emulator', () => {
  let emu: RunningEmulator;
  let provider: ProviderRuntime;

  beforeAll(async () => {
    emu = await startDingTalkEmulator({
      maxRobotPlugins: 3,
      dingtalkApps: [APP],
      directory: { robots: [{ robotCode: ROBOT, name: 'ChatOps robot', appKey: APP.appKey }] },
    });
    provider = await providerFor(emu, APP);
  });
  afterAll(() => emu.stop());
  // Not emu.reset(): that would also revoke the provider's cached access token.
  beforeEach(async () => {
    const token = await dingtalkToken(emu, APP);
    await dingtalkApi(emu, '/v1.0/robot/plugins/clear', token, { robotCode: ROBOT });
    emu.clearRequests();
  });

  const read = (id: string, props: Record<string, unknown>) =>
    provider.dispatch(TYPE, 'read', [id, props]) as Promise<ReadResult>;
  const diff = (id: string, olds: Record<string, unknown>, news: Record<string, unknown>) =>
    provider.dispatch(TYPE, 'diff', [id, olds, news]) as Promise<DiffResult>;

  /** The live list, straight from the emulator's state. */
  const livePlugins = (robotCode = ROBOT) =>
    (emu.state() as { robotPlugins: Record<string, unknown[]> }).robotPlugins[robotCode];

  it('round-trips locale-map names without drift', async () => {
    const { id, outs, inputs } = await up(provider, TYPE, {
      robotCode: ROBOT,
      plugins: [deploy, status],
    });
    expect(id).toBe(ROBOT);
    const [sent] = requestsOf(emu, 'robot-plugins:robot/plugins/set');
    expect((sent.params.pluginInfoList as { name: string }[])[0].name).toBe(
      '{"en_US":"Deploy","zh_CN":"部署"}',
    );

    const refreshed = await read(id, outs);
    expect(refreshed.id).toBe(ROBOT);
    expect(refreshed.inputs).toEqual(inputs);
    expect((await diff(id, refreshed.props ?? {}, inputs)).changes).toBe(false);
    // The program writing the keys in another order is no change either.
    const reordered = await checked(provider, TYPE, {
      robotCode: ROBOT,
      plugins: [{ ...deploy, name: { en_US: 'Deploy', zh_CN: '部署' } }, status],
    });
    expect((await diff(id, refreshed.props ?? {}, reordered)).changes).toBe(false);
  });

  it('treats a new plugin order as an update, sent in one call', async () => {
    const { id, outs } = await up(provider, TYPE, { robotCode: ROBOT, plugins: [deploy, status] });
    const news = await checked(provider, TYPE, { robotCode: ROBOT, plugins: [status, deploy] });
    expect(await diff(id, outs, news)).toEqual({
      changes: true,
      replaces: [],
      deleteBeforeReplace: false,
    });
    emu.clearRequests();
    await provider.dispatch(TYPE, 'update', [id, outs, news]);
    expect(emu.requests().counts).toEqual({ 'robot-plugins:robot/plugins/set': 1 });
    expect(livePlugins().map((p) => (p as { name: string }).name)).toEqual([
      'Status',
      '{"en_US":"Deploy","zh_CN":"部署"}',
    ]);
  });

  it('replaces the resource for another robot code', async () => {
    const { id, outs } = await up(provider, TYPE, { robotCode: ROBOT, plugins: [status] });
    const news = await checked(provider, TYPE, { robotCode: 'dingrobotops', plugins: [status] });
    expect((await diff(id, outs, news)).replaces).toEqual(['robotCode']);
  });

  it('clears the list on delete, and a gone robot deletes without error', async () => {
    const { id, outs } = await up(provider, TYPE, { robotCode: ROBOT, plugins: [deploy] });
    emu.clearRequests();
    await provider.dispatch(TYPE, 'delete', [id, outs]);
    expect(emu.requests().counts).toEqual({ 'robot-plugins:robot/plugins/clear': 1 });
    expect(livePlugins()).toBeUndefined();
    await expect(
      provider.dispatch(TYPE, 'delete', ['dingrobotgone', { robotCode: 'dingrobotgone' }]),
    ).resolves.toBeUndefined();
  });

  it('reads an unknown robot as gone, with one query and nothing else', async () => {
    expect(await read('dingrobotgone', { robotCode: 'dingrobotgone', plugins: [] })).toEqual({});
    expect(emu.requests().counts).toEqual({ 'robot-plugins:robot/plugins/query': 1 });
  });

  it('shows a plugin changed outside Pulumi as drift', async () => {
    const { id, outs, inputs } = await up(provider, TYPE, { robotCode: ROBOT, plugins: [status] });
    const token = await dingtalkToken(emu, APP);
    await dingtalkApi(emu, '/v1.0/robot/plugins/set', token, {
      robotCode: ROBOT,
      pluginInfoList: [{ name: 'Renamed', icon: status.icon }],
    });
    const refreshed = await read(id, outs);
    expect(refreshed.props?.plugins).toEqual([{ name: 'Renamed', icon: status.icon }]);
    expect((await diff(id, refreshed.props ?? {}, inputs)).changes).toBe(true);
  });

  describe('adopting a robot that already has plugins', () => {
    beforeEach(async () => {
      const token = await dingtalkToken(emu, APP);
      await dingtalkApi(emu, '/v1.0/robot/plugins/set', token, {
        robotCode: ROBOT,
        pluginInfoList: [{ name: 'Hand-made', icon: '@hand' }],
      });
      emu.clearRequests();
    });

    it('refuses without adopt and says how to proceed', async () => {
      await expect(up(provider, TYPE, { robotCode: ROBOT, plugins: [status] })).rejects.toThrow(
        /already exists; set adopt: true/,
      );
      expect(countOf(emu, 'robot-plugins:robot/plugins/set')).toBe(0);
      expect(livePlugins()).toEqual([{ name: 'Hand-made', icon: '@hand' }]);
    });

    it('takes the list over with adopt: true', async () => {
      const { id, outs } = await up(provider, TYPE, {
        robotCode: ROBOT,
        plugins: [deploy],
        adopt: true,
      });
      expect(id).toBe(ROBOT);
      expect(outs.adopt).toBe(true);
      expect(livePlugins()).toHaveLength(1);
      expect((livePlugins()[0] as { name: string }).name).toBe('{"en_US":"Deploy","zh_CN":"部署"}');
    });
  });

  it('names the plugin limit when DingTalk refuses the list', async () => {
    const plugins = Array.from({ length: 4 }, (_, i) => ({ name: `p${i}`, icon: '@i' }));
    const failure = up(provider, TYPE, { robotCode: ROBOT, plugins });
    await expect(failure).rejects.toMatchObject({
      code: 'LIMIT_EXCEEDED',
      remoteCode: 'invalidRequest.exceededMaximumLimit',
    });
    await expect(failure).rejects.toThrow(/maximum number of plugins a robot may hold/);
    await expect(failure).rejects.toThrow(/at most 3 plugins/);
    // Neither the app secret nor the access token appears anywhere in the error.
    const error = await failure.catch((e: unknown) => e);
    const token = await dingtalkToken(emu, APP);
    const everything = `${String(error)} ${JSON.stringify(error)} ${(error as Error).stack}`;
    expect(everything).not.toContain(APP.appSecret);
    expect(everything).not.toContain(token);
  });

  it('makes no request in check and diff', async () => {
    const news = await checked(provider, TYPE, { robotCode: ROBOT, plugins: [deploy] });
    await diff(ROBOT, { robotCode: ROBOT, plugins: [] }, news);
    expect(emu.requests().total).toBe(0);
  });
});
