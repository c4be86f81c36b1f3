import type { RobotPluginClient, RobotPluginEntry } from '../../../../provider/clients';
import { ChatOpsError } from '../../../../provider/errors';
import { UNKNOWN } from '../../../../provider/lifecycle/unknown';
import { robotPluginLifecycle as lifecycle } from '../../../../provider/resources/robot-plugin/lifecycle';
import { explainPluginLimit } from '../../../../provider/resources/robot-plugin/plugin-limit';
import { testContext } from '../../../support/lifecycle-context';
import { IN_PLACE_CHANGE } from '../diff-answers';

function fakeClient(live: RobotPluginEntry[] | Error = []) {
  const client = {
    queryPlugins: jest.fn(async () => {
      if (live instanceof Error) throw live;
      return live;
    }),
    setPlugins: jest.fn(async () => undefined),
    clearPlugins: jest.fn(async () => undefined),
  };
  const ctx = testContext({ clients: { robotPlugins: client as unknown as RobotPluginClient } });
  return { client, ctx };
}

const notFound = () =>
  new ChatOpsError({ code: 'NOT_FOUND', message: 'robot not found', remoteCode: 'x' });
const deploy = { name: { en_US: 'Deploy', zh_CN: '部署' }, icon: '@i' };
const status = { name: 'Status', icon: '@s', pcUrl: 'https://x.example/status' };

describe('RobotPlugin lifecycle', () => {
  describe('diff', () => {
    const { ctx } = fakeClient();
    const diff = (olds: object, news: object) =>
      lifecycle.diff('r', { robotCode: 'r', ...olds }, { robotCode: 'r', ...news }, ctx);

    it('sees a new order as a change, not a replacement', async () => {
      expect(await diff({ plugins: [deploy, status] }, { plugins: [status, deploy] })).toEqual(
        IN_PLACE_CHANGE,
      );
    });

    it('ignores the key order of locale maps and empty URLs', async () => {
      const reordered = { ...deploy, name: { zh_CN: '部署', en_US: 'Deploy' } };
      expect((await diff({ plugins: [deploy] }, { plugins: [reordered] })).changes).toBe(false);
      expect(
        (await diff({ plugins: [{ ...deploy, pcUrl: '' }] }, { plugins: [deploy] })).changes,
      ).toBe(false);
      expect(
        (
          await diff(
            { plugins: [{ ...deploy, name: '{"zh_CN":"部署","en_US":"Deploy"}' }] },
            {
              plugins: [deploy],
            },
          )
        ).changes,
      ).toBe(false);
    });

    it('replaces for another robot, treats unknowns as changes, never compares adopt', async () => {
      expect(
        (await lifecycle.diff('r', { robotCode: 'r' }, { robotCode: 'other' }, ctx)).replaces,
      ).toEqual(['robotCode']);
      expect((await diff({ plugins: [deploy] }, { plugins: [UNKNOWN] })).changes).toBe(true);
      expect(
        (await diff({ plugins: [], adopt: false }, { plugins: [], adopt: true })).changes,
      ).toBe(false);
    });
  });

  it('makes no set call when adopting a list that already matches', async () => {
    const { client, ctx } = fakeClient([{ name: '{"en_US":"Deploy","zh_CN":"部署"}', icon: '@i' }]);
    const created = await lifecycle.create({ robotCode: 'r', plugins: [deploy], adopt: true }, ctx);
    expect(created).toEqual({ id: 'r', outs: { robotCode: 'r', plugins: [deploy], adopt: true } });
    expect(client.setPlugins).not.toHaveBeenCalled();
  });

  it('takes over exactly the declared list without adopt: a set of its own whose answer was lost', async () => {
    const { client, ctx } = fakeClient([{ name: '{"en_US":"Deploy","zh_CN":"部署"}', icon: '@i' }]);
    const created = await lifecycle.create(
      { robotCode: 'r', plugins: [deploy], adopt: false },
      ctx,
    );
    expect(created.id).toBe('r');
    expect(client.setPlugins).not.toHaveBeenCalled();
  });

  it('refuses another list without adopt', async () => {
    const { client, ctx } = fakeClient([{ name: 'Someone else', icon: '@x' }]);
    await expect(
      lifecycle.create({ robotCode: 'r', plugins: [deploy], adopt: false }, ctx),
    ).rejects.toThrow(/already exists; set adopt: true/);
    expect(client.setPlugins).not.toHaveBeenCalled();
  });

  it('sends an empty list as clear', async () => {
    const { client, ctx } = fakeClient();
    await lifecycle.update(
      'r',
      { robotCode: 'r', plugins: [deploy] },
      { robotCode: 'r', plugins: [] },
      ctx,
    );
    expect(client.clearPlugins).toHaveBeenCalledWith('r');
    expect(client.setPlugins).not.toHaveBeenCalled();
  });

  it('reads a gone robot as gone and passes other errors on', async () => {
    expect(await lifecycle.read('r', {}, fakeClient(notFound()).ctx)).toEqual({});
    const broken = new ChatOpsError({ code: 'THROTTLED', message: 'slow down' });
    await expect(lifecycle.read('r', {}, fakeClient(broken).ctx)).rejects.toBe(broken);
  });

  it('reads names back in the form the program declared', async () => {
    const { ctx } = fakeClient([{ name: '{"zh_CN":"部署","en_US":"Deploy"}', icon: '@i' }]);
    const read = await lifecycle.read(
      'r',
      { robotCode: 'r', plugins: [deploy], adopt: false },
      ctx,
    );
    expect(read).toEqual({
      id: 'r',
      props: { robotCode: 'r', plugins: [deploy], adopt: false },
      inputs: { robotCode: 'r', plugins: [deploy], adopt: false },
    });
  });

  it('deletes a robot that is gone without error', async () => {
    const { client, ctx } = fakeClient();
    client.clearPlugins.mockRejectedValueOnce(notFound());
    await expect(lifecycle.delete('r', {}, ctx)).resolves.toBeUndefined();
  });

  it('leaves errors other than the plugin limit as they are', () => {
    const other = new ChatOpsError({
      code: 'INVALID_INPUT',
      message: 'bad',
      remoteCode: 'param.illegal',
    });
    expect(explainPluginLimit(other, 'r', 3)).toBe(other);
    const plain = new Error('boom');
    expect(explainPluginLimit(plain, 'r', 3)).toBe(plain);
  });
});
