import type { ChatConfiguration } from '../../../../provider/clients/alicloud/oos';
import {
  CHANGED_OUTSIDE_PULUMI,
  maskedSettingNames,
  withMaskedSettingsChanged,
} from '../../../../provider/resources/chat-configuration/masked-drift';
import type { ChatConfigurationOutputs } from '../../../../provider/resources/chat-configuration/schema';

const live = (
  type: 'DingTalk' | 'WeChat',
  configuration: Record<string, string>,
): ChatConfiguration => ({
  name: 'ops',
  type,
  configuration,
  outputs: {},
});

const outs = {
  name: 'ops',
  clientSecret: 'applied-secret',
  weComSettings: { Token: 'applied-token', AESKey: 'applied-aes', CorpId: 'corp' },
} as unknown as ChatConfigurationOutputs;

describe('settings written outside Pulumi, that the remote masks', () => {
  it('are named clientSecret for DingTalk, whatever keys the remote masks', () => {
    expect(
      maskedSettingNames(
        live('DingTalk', { DingTalkClientSecret: '******', DingTalkClientId: 'id' }),
      ),
    ).toEqual(['clientSecret']);
  });

  it('are named by their WeCom keys for WeChat, only the masked ones', () => {
    expect(
      maskedSettingNames(live('WeChat', { Token: '******', AESKey: 'x******y', CorpId: 'corp' })),
    ).toEqual(['weComSettings.Token', 'weComSettings.AESKey']);
  });

  it('read as changed for DingTalk, leaving the rest of the outputs alone', () => {
    expect(withMaskedSettingsChanged(outs, live('DingTalk', {}))).toEqual({
      ...outs,
      clientSecret: CHANGED_OUTSIDE_PULUMI,
    });
  });

  it('read as changed for each masked WeCom key, the readable ones as applied', () => {
    const changed = withMaskedSettingsChanged(
      outs,
      live('WeChat', { Token: '******', AESKey: 'plain-aes', CorpId: 'corp' }),
    );
    expect(changed.weComSettings).toEqual({
      Token: CHANGED_OUTSIDE_PULUMI,
      AESKey: 'applied-aes',
      CorpId: 'corp',
    });
    expect(changed.clientSecret).toBe('applied-secret');
    expect(outs.weComSettings).toEqual({
      Token: 'applied-token',
      AESKey: 'applied-aes',
      CorpId: 'corp',
    });
  });

  it('say why they read so, without being a secret', () => {
    expect(CHANGED_OUTSIDE_PULUMI).toBe('(changed outside Pulumi: written again by the next up)');
  });
});
