import type { ChatConfiguration } from '../../../provider/clients/alicloud/oos';
import { renderAdoptionProgram } from '../../../provider/cli/adopt-render';

/**
 * Stack config keys are camel-cased from the resource name and the setting: two settings of
 * different objects can make the same key, and then the program would give one object's
 * secret to the other. Every setting must be read from a key of its own.
 */

const dingTalk = (name: string): ChatConfiguration => ({
  name,
  type: 'DingTalk',
  configuration: {
    DingTalkClientId: 'dingclientid',
    DingTalkClientSecret: '******',
    DingTalkTemplateId: 'a1b2.schema',
  },
  outputs: {},
});

const weCom = (name: string, configuration: Record<string, string>): ChatConfiguration => ({
  name,
  type: 'WeChat',
  configuration,
  outputs: {},
});

/** Each declared resource's name, with the stack config keys it reads, in program order. */
function configKeysByResource(program: string): Array<[string, string[]]> {
  const blocks = program.split(/^(?=new chatops\.)/m).slice(1);
  return blocks.map((block) => [
    /^new chatops\.\w+\("([^"]+)"/.exec(block)![1],
    [...block.matchAll(/config\.require(?:Secret)?\("([^"]+)"\)/g)].map((m) => m[1]),
  ]);
}

function render(chatConfigurations: ChatConfiguration[]): string {
  return renderAdoptionProgram(
    {
      regionId: 'cn-hangzhou',
      chatConfigurations,
      notifications: [],
      duplicateNotifications: [],
    },
    'typescript',
  );
}

describe('chatops-adopt stack config keys', () => {
  it('are distinct for `ok` + ClientSecret and `ok-client` + Secret, which camel-case alike', () => {
    const program = render([dingTalk('ok'), weCom('ok-client', { Secret: '******' })]);

    expect(configKeysByResource(program)).toEqual([
      ['ok', ['okClientSecret']],
      ['ok-client', ['okClientSecret2']],
    ]);
    // The header asks for each key once, and says which resource reads it.
    expect(program).toMatch(/^\/\/ +pulumi config set --secret okClientSecret '<.* of ok>'$/m);
    expect(program).toMatch(
      /^\/\/ +pulumi config set --secret okClientSecret2 '<a WeCom setting of ok-client>'$/m,
    );
  });

  it('are numbered past a number that another setting already holds', () => {
    // `ok-client-secret` + `2` is `okClientSecret2`, the number the third one would take.
    const program = render([
      dingTalk('ok'),
      weCom('ok-client-secret', { '2': '******' }),
      weCom('ok-client', { Secret: '******' }),
    ]);
    expect(configKeysByResource(program)).toEqual([
      ['ok', ['okClientSecret']],
      ['ok-client-secret', ['okClientSecret2']],
      ['ok-client', ['okClientSecret3']],
    ]);
  });

  it('are distinct within one object whose setting names differ only in punctuation', () => {
    const program = render([weCom('bot', { 'call-back': '******', callBack: '******' })]);
    expect(configKeysByResource(program)).toEqual([['bot', ['botCallBack', 'botCallBack2']]]);
  });
});
