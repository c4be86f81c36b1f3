import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startEmulator } from '../../../emulator';
import { alicloudClient, dingtalkApi, dingtalkToken, http, oapi, rpc } from './helpers';

/** With a state file, every object (and valid token) survives a restart. */
let dir: string;

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'emulator-state-'));
});

afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});

describe('the state file', () => {
  it('keeps objects of every family, tokens and directory additions across a restart', async () => {
    const stateFile = join(dir, 'state.json');
    const first = await startEmulator({ stateFile });
    const client = alicloudClient(first);
    await rpc(client, 'CreateChatConfiguration', {
      RegionId: 'cn-hangzhou',
      Name: 'persisted',
      Type: 'WeChat',
      Configuration: '{"CorpId": "ww"}',
    });
    await rpc(client, 'CreateOrUpdateDingTalk', {
      RuleActionName: 'persisted alerts',
      SendUrl: 'https://oapi.dingtalk.com/robot/send?access_token=t',
    });
    const token = await dingtalkToken(first);
    await dingtalkApi(first, '/v1.0/robot/plugins/set', token, {
      robotCode: 'dingrobottest',
      pluginInfoList: [{ name: 'kept', icon: '@i' }],
    });
    await http(first, 'POST', '/_emulator/directory', { body: { users: [{ userId: 'newbie' }] } });
    const chat = await oapi(first, 'POST', '/chat/create', token, {
      body: { name: 'Kept', owner: 'newbie', useridlist: ['newbie', 'bob'] },
    });
    const before = await rpc(client, 'GetChatConfiguration', {
      RegionId: 'cn-hangzhou',
      Name: 'persisted',
    });
    await first.stop();
    expect(statSync(stateFile).mode & 0o777).toBe(0o600);

    const second = await startEmulator({ stateFile });
    try {
      const after = await rpc(alicloudClient(second), 'GetChatConfiguration', {
        RegionId: 'cn-hangzhou',
        Name: 'persisted',
      });
      expect(after.ChatConfiguration.Outputs).toBe(before.ChatConfiguration.Outputs);
      const described = await rpc(alicloudClient(second), 'DescribeDingTalk', {});
      expect(described.ActionList[0].ActionName).toBe('persisted alerts');
      // The token issued before the restart is still valid.
      const plugins = await dingtalkApi(second, '/v1.0/robot/plugins/query', token, {
        robotCode: 'dingrobottest',
      });
      expect(plugins.json.pluginInfoList).toEqual([{ name: 'kept', icon: '@i' }]);
      const info = await oapi(second, 'GET', '/chat/get', token, {
        query: { chatid: chat.json.chatid },
      });
      expect(info.json.chat_info.owner).toBe('newbie');
      // New ids continue after the old ones.
      await rpc(alicloudClient(second), 'CreateOrUpdateDingTalk', {
        RuleActionName: 'second',
        SendUrl: 'https://oapi.dingtalk.com/robot/send?access_token=u',
      });
      const ids = (await rpc(alicloudClient(second), 'DescribeDingTalk', {})).ActionList.map(
        (a: { Id: number }) => a.Id,
      );
      expect(ids).toEqual([1, 2]);
    } finally {
      await second.stop();
    }
  });

  it('is written after each change, and emptied by a reset', async () => {
    const stateFile = join(dir, 'changes.json');
    const emu = await startEmulator({ stateFile });
    try {
      await dingtalkToken(emu);
      expect(Object.keys(JSON.parse(readFileSync(stateFile, 'utf8')).tokens)).toHaveLength(1);
      emu.reset();
      expect(JSON.parse(readFileSync(stateFile, 'utf8')).tokens).toEqual({});
    } finally {
      await emu.stop();
    }
  });

  it('refuses a file that is not a state file', async () => {
    const stateFile = join(dir, 'foreign.json');
    writeFileSync(stateFile, '{"hello": "world"}');
    await expect(startEmulator({ stateFile })).rejects.toThrow(/not an emulator state file/);
  });
});
