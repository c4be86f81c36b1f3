import type { RunningEmulator } from '../../../emulator';
import { createClients } from '../../../provider/clients';
import { ALICLOUD_KEY, startAlicloudEmulator } from '../resources/alicloud-harness';
import { adoptJavaScript, evaluateProgram } from './adopt-harness';

/**
 * OOS masks only the settings it knows to be secret; WeCom keys are undocumented, so a
 * credential can come back in clear. `chatops-adopt` must recognise it by its key name or by
 * its value, print none of it, and read it from secret stack config instead.
 */

const REGION = 'cn-hangzhou';

/** Settings that are credentials, each caught by one rule only; none is masked by OOS. */
const SECRET_SETTINGS: Record<string, string> = {
  // By key name alone: the values read like plain words.
  Token: 'callbacktokenplainvalue',
  AESKey: 'aeskeyplainvalue',
  EncodingAESKey: 'encodingaeskeyplainvalue',
  // By value: a URL with a credential in its query or its path, a long random string.
  CallbackUrl: 'https://hooks.example.invalid/wecom/callback?key=plainquerykeyvalue',
  SendUrl: 'https://hooks.example.invalid/cgi-bin/send?access_token=plainaccesstokenvalue',
  ReplyUrl: 'https://hooks.example.invalid/reply?lang=en&token=plainreplytokenvalue',
  PushUrl: 'https://hooks.example.invalid/push?secret=plainpushsecretvalue',
  NotifyUrl: 'https://1234567890.appflow.aliyunnest.com/webhook/plainwebhookpathvalue',
  Opaque: 'Zq8vN2xR7tLw4pKs9mYb3cHd',
};

/** Settings that are not credentials and stay readable in the program. */
const READABLE_SETTINGS: Record<string, string> = {
  CorpId: 'wwadoptcorp0001',
  AgentId: '1000002',
  Homepage: 'https://ops.example.invalid/runbooks/wecom',
  Label: 'On-call bot',
};

describe('chatops-adopt and credentials OOS returns in clear', () => {
  let emu: RunningEmulator;

  beforeAll(async () => {
    emu = await startAlicloudEmulator();
    const clients = createClients(() => ({
      ...ALICLOUD_KEY,
      oosEndpoint: emu.url,
      stsEndpoint: emu.url,
      alicloudRatePerSecond: 2000,
    }));
    try {
      await clients.oos.createChatConfiguration({
        regionId: REGION,
        name: 'wecom-callbacks',
        type: 'WeChat',
        configuration: { ...READABLE_SETTINGS, ...SECRET_SETTINGS },
      });
    } finally {
      await clients.close();
    }
  });

  afterAll(async () => {
    await emu.stop();
  });

  it('prints none of them, and reads each from secret stack config', async () => {
    // The emulator answers them unmasked, as OOS does for keys it does not know.
    const live = emu.state().oos.chatConfigurations[0].configuration;
    expect(live).toMatchObject(SECRET_SETTINGS);

    const result = await adoptJavaScript(REGION, emu.url, '--skip', 'notifications');

    expect(result.code).toBe(0);
    for (const [key, value] of Object.entries(SECRET_SETTINGS)) {
      const printed = [result.stdout, result.stderr].join('\n');
      expect({ key, leaked: printed.includes(value) }).toEqual({ key, leaked: false });
    }
    const [declared] = evaluateProgram(result.stdout);
    const settings = declared.args.weComSettings as Record<string, unknown>;
    expect(settings).toEqual({
      ...READABLE_SETTINGS,
      ...Object.fromEntries(
        Object.keys(SECRET_SETTINGS).map((key) => [
          key,
          { configKey: `wecomCallbacks${key}`, secret: true },
        ]),
      ),
    });
    for (const key of Object.keys(SECRET_SETTINGS)) {
      expect(result.stdout).toContain(`pulumi config set --secret wecomCallbacks${key} `);
    }
  });
});
