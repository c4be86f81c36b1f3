import OAuthClient, * as $OAuth from '@alicloud/dingtalk/dist/oauth2_1_0/client';
import RobotClient, * as $Robot from '@alicloud/dingtalk/dist/robot_1_0/client';
import * as $OpenApi from '@alicloud/openapi-client';
import * as $Util from '@alicloud/tea-util';
import { startEmulator, type RunningEmulator } from '../../../emulator';
import { failure } from './helpers';

/** Contract: the vendor's own DingTalk SDK gets a token and manages robot plugins. */
let emu: RunningEmulator;

beforeAll(async () => {
  emu = await startEmulator();
});

afterAll(async () => {
  await emu.stop();
});

function config() {
  return new $OpenApi.Config({ protocol: 'http', endpoint: `127.0.0.1:${emu.port}` });
}

async function token(): Promise<string> {
  const response = await new OAuthClient(config()).getAccessToken(
    new $OAuth.GetAccessTokenRequest({ appKey: 'test', appSecret: 'test' }),
  );
  expect(response.body?.expireIn).toBe(7200);
  return response.body!.accessToken!;
}

describe('@alicloud/dingtalk against the emulator', () => {
  it('gets an access token, and refuses a wrong secret', async () => {
    expect(await token()).toMatch(/^[0-9a-f]{32}$/);
    const error = await failure(
      new OAuthClient(config()).getAccessToken(
        new $OAuth.GetAccessTokenRequest({ appKey: 'test', appSecret: 'wrong' }),
      ),
    );
    expect(error.code).toBe('invalidClientIdOrSecret');
  });

  it('sets, queries and clears robot plugins', async () => {
    const robot = new RobotClient(config());
    const accessToken = await token();
    const runtime = new $Util.RuntimeOptions({});
    const queryPlugins = () =>
      robot.queryRobotPluginWithOptions(
        new $Robot.QueryRobotPluginRequest({ robotCode: 'dingrobottest' }),
        new $Robot.QueryRobotPluginHeaders({ xAcsDingtalkAccessToken: accessToken }),
        runtime,
      );
    const plugins = [
      new $Robot.SetRobotPluginRequestPluginInfoList({
        name: '{"en_US":"test123","zh_CN":"测试123"}',
        icon: '@lALPDtXaDkO3j7hgYA',
        pcUrl: 'https://www.dingtalk.io',
        mobileUrl: 'https://www.dingtalk.io',
      }),
      new $Robot.SetRobotPluginRequestPluginInfoList({ name: 'Runbook', icon: '@icon2' }),
    ];
    const set = await robot.setRobotPluginWithOptions(
      new $Robot.SetRobotPluginRequest({ robotCode: 'dingrobottest', pluginInfoList: plugins }),
      new $Robot.SetRobotPluginHeaders({ xAcsDingtalkAccessToken: accessToken }),
      runtime,
    );
    expect(set.body?.result).toBe(true);

    const queried = await queryPlugins();
    expect(queried.body?.pluginInfoList?.map((p) => ({ ...p }))).toEqual([
      {
        name: '{"en_US":"test123","zh_CN":"测试123"}',
        icon: '@lALPDtXaDkO3j7hgYA',
        pcUrl: 'https://www.dingtalk.io',
        mobileUrl: 'https://www.dingtalk.io',
      },
      { name: 'Runbook', icon: '@icon2' },
    ]);

    const cleared = await robot.clearRobotPluginWithOptions(
      new $Robot.ClearRobotPluginRequest({ robotCode: 'dingrobottest' }),
      new $Robot.ClearRobotPluginHeaders({ xAcsDingtalkAccessToken: accessToken }),
      runtime,
    );
    expect(cleared.body?.result).toBe(true);
    const empty = await queryPlugins();
    expect(empty.body?.pluginInfoList).toEqual([]);
  });

  it('surfaces the documented error codes', async () => {
    const robot = new RobotClient(config());
    const unknown = await failure(
      robot.queryRobotPluginWithOptions(
        new $Robot.QueryRobotPluginRequest({ robotCode: 'no-such-robot' }),
        new $Robot.QueryRobotPluginHeaders({ xAcsDingtalkAccessToken: await token() }),
        new $Util.RuntimeOptions({}),
      ),
    );
    expect(unknown.code).toBe('invalidRequest.robotNotExist');
    const badToken = await failure(
      robot.queryRobotPluginWithOptions(
        new $Robot.QueryRobotPluginRequest({ robotCode: 'dingrobottest' }),
        new $Robot.QueryRobotPluginHeaders({ xAcsDingtalkAccessToken: 'forged' }),
        new $Util.RuntimeOptions({}),
      ),
    );
    expect(badToken.code).toBe('InvalidAuthentication');
  });
});
