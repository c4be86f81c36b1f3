import type { RunningEmulator } from '../../../emulator';
import { createClients, type Clients } from '../../../provider/clients';
import { CHANGED_OUTSIDE_PULUMI } from '../../../provider/resources/chat-configuration/masked-drift';
import {
  ALICLOUD_KEY,
  runtimeFor,
  startAlicloudEmulator,
  typed,
  type Created,
  type Runtime,
} from './alicloud-harness';

/**
 * OOS masks secrets on Get, but stamps every write with UpdatedDate: a stamp that moved while
 * every readable field stayed as applied shows a secret changed elsewhere, and reads that run
 * together learn every stamp from one ListChatConfigurations.
 */
const SECRET = 'OOS-MARKER-SECRET-1a2b3c4d5e6f7a8b9c0d';
const WECOM_SECRET = 'WECOM-MARKER-SECRET-0f9e8d7c6b5a4f3e2d1c';

let emu: RunningEmulator;
let runtime: Runtime;
let resource: ReturnType<typeof typed>;
let direct: Clients;
/** The emulator's clock, moved forward by the tests (within its 15 minutes of skew). */
let now = Date.now();

beforeAll(async () => {
  emu = await startAlicloudEmulator({ clock: () => now });
  runtime = await runtimeFor(emu);
  resource = typed(runtime, 'ChatConfiguration');
  direct = createClients(() => ({
    ...ALICLOUD_KEY,
    oosEndpoint: emu.url,
    stsEndpoint: emu.url,
    alicloudRatePerSecond: 5000,
  }));
});
afterAll(async () => {
  await runtime?.close();
  await direct?.close();
  await emu?.stop();
});
beforeEach(async () => {
  emu.reset();
  emu.clearRequests();
  await runtime.close();
});

const dingTalk = (name: string) => ({
  name,
  clientId: 'ding-app-key',
  clientSecret: SECRET,
  templateId: '5d9c2b1a-0000-4000-8000-000000000001.schema',
});
const weCom = (name: string) => ({
  name,
  type: 'WeChat',
  weComSettings: { WeComCorpId: 'ww-corp', WeComAgentSecret: WECOM_SECRET },
});

async function created(args: Record<string, unknown>): Promise<Created> {
  return resource.create(await resource.checked(args));
}

/** Someone changes the secret in the console: a write that leaves every readable field alone. */
async function changeSecretElsewhere(name: string, configuration: Record<string, string>) {
  now += 15_000;
  await direct.oos.updateChatConfiguration({
    regionId: 'cn-hangzhou',
    name,
    type: configuration.WeComCorpId ? 'WeChat' : 'DingTalk',
    configuration,
  });
}

/** A DingTalk configuration as the console writes it: this client id and a new secret. */
function secretChangedInConsole(clientId: string): Record<string, string> {
  return {
    DingTalkClientId: clientId,
    DingTalkClientSecret: 'changed-in-the-console',
    DingTalkTemplateId: '5d9c2b1a-0000-4000-8000-000000000001.schema',
  };
}

describe('ChatConfiguration change markers', () => {
  it('reads a DingTalk secret changed elsewhere as changed, and the update clears it', async () => {
    const mine = await created(dingTalk('ops'));
    await changeSecretElsewhere('ops', secretChangedInConsole('ding-app-key'));
    now += 5000;
    const read = await resource.read(mine.id, mine.outs);
    expect(read.props?.clientSecret).toBe(CHANGED_OUTSIDE_PULUMI);
    const inputs = await resource.checked(dingTalk('ops'));
    expect((await resource.diff(mine.id, read.props ?? {}, inputs)).changes).toBe(true);

    // The update writes the declared secret again; then nothing reads as changed.
    const updated = await resource.update(mine.id, read.props ?? {}, inputs);
    now += 5000;
    const again = await resource.read(mine.id, updated.outs);
    expect(again.props?.clientSecret).toBe(SECRET);
    expect((await resource.diff(mine.id, again.props ?? {}, inputs)).changes).toBe(false);
  });

  it('reads only the masked WeCom settings as changed', async () => {
    const mine = await created(weCom('wecom'));
    await changeSecretElsewhere('wecom', {
      WeComCorpId: 'ww-corp',
      WeComAgentSecret: 'changed-in-the-console',
    });
    now += 5000;
    const read = await resource.read(mine.id, mine.outs);
    expect(read.props?.weComSettings).toEqual({
      WeComCorpId: 'ww-corp',
      WeComAgentSecret: CHANGED_OUTSIDE_PULUMI,
    });
  });

  it('does not call a stamp that did not move a change, whatever OOS masks', async () => {
    const mine = await created(dingTalk('quiet'));
    for (let refresh = 0; refresh < 3; refresh++) {
      now += 60_000;
      const read = await resource.read(mine.id, mine.outs);
      expect(read.props?.clientSecret).toBe(SECRET);
    }
  });

  it('reads a readable change as that change only, not as a secret change', async () => {
    const mine = await created(dingTalk('readable'));
    await changeSecretElsewhere('readable', secretChangedInConsole('another-app-key'));
    const read = await resource.read(mine.id, mine.outs);
    expect(read.props).toMatchObject({ clientId: 'another-app-key', clientSecret: SECRET });
  });

  it('reads many together with one List and a Get only for what moved or is missing', async () => {
    const mine = await Promise.all(['a', 'b', 'c', 'd', 'e'].map((n) => created(dingTalk(n))));
    await changeSecretElsewhere('b', secretChangedInConsole('ding-app-key'));
    await direct.oos.deleteChatConfiguration({ regionId: 'cn-hangzhou', name: 'd' });
    now += 5000;
    emu.clearRequests();

    const reads = await Promise.all(mine.map((c) => resource.read(c.id, c.outs)));

    expect(emu.requests().counts).toEqual({
      // The shared listing, and one more that proves d gone after its Get said so.
      'oos:ListChatConfigurations': 2,
      // b moved; d is missing from the listing and gets a Get of its own.
      'oos:GetChatConfiguration': 2,
    });
    expect(reads.map((r) => r.id)).toEqual([
      mine[0].id,
      mine[1].id,
      mine[2].id,
      undefined,
      mine[4].id,
    ]);
    expect(reads[1].props?.clientSecret).toBe(CHANGED_OUTSIDE_PULUMI);
    for (const i of [0, 2, 4]) expect(reads[i].props).toEqual(mine[i].outs);
  });

  it('falls back to a Get each when the listing fails', async () => {
    const mine = await Promise.all(['x', 'y'].map((n) => created(dingTalk(n))));
    emu.addFault({
      family: 'oos',
      action: 'ListChatConfigurations',
      kind: 'error',
      code: 'InternalError',
      status: 500,
    });
    emu.clearRequests();
    const reads = await Promise.all(mine.map((c) => resource.read(c.id, c.outs)));
    expect(reads.map((r) => r.id)).toEqual(mine.map((c) => c.id));
    expect(emu.requests().counts['oos:GetChatConfiguration']).toBe(2);
  });
});
