import { chatConfigurationLifecycle as lifecycle } from '../../../../provider/resources/chat-configuration/lifecycle';
import { testContext } from '../../../support/lifecycle-context';
import { FakeOos } from './fake-oos';

/**
 * The warning about a configuration written outside Pulumi quotes OOS's UpdatedDate as it came.
 * A date the platform still parses can carry anything in a parenthesised comment, terminal
 * control sequences included; the line printed to the CLI must not.
 */

const STAMP = '2026-11-28T10:00:05+00:00';
const SECRET = 'client-secret-value-1';
const CLEAR_SCREEN = '\u001b[2J';
const BELL = '\u0007';

const applied = {
  name: 'ops-bot',
  type: 'DingTalk' as const,
  regionId: 'cn-hangzhou',
  clientId: 'ding-client',
  clientSecret: SECRET,
  templateId: 'a1b2.schema',
  adopt: true,
  webhookUrl: 'https://old.example/webhook',
  createdDate: STAMP,
  updatedDate: STAMP,
};

describe('a warning quoting a remote UpdatedDate', () => {
  it(`prints it without the ESC [2J and BEL it carries`, async () => {
    const oos = new FakeOos();
    oos.seed(
      {
        regionId: 'cn-hangzhou',
        name: 'ops-bot',
        type: 'DingTalk',
        configuration: {
          DingTalkClientId: 'ding-client',
          DingTalkClientSecret: SECRET,
          DingTalkTemplateId: 'a1b2.schema',
        },
      },
      STAMP,
    );
    Object.assign(oos, {
      async listChatConfigurations() {
        return { items: [] };
      },
    });
    // Date.parse reads this as 2026-11-28T11:00:00Z and skips the comment: the stamp moved.
    const hostile = `Nov 28 2026 11:00:00 GMT (${CLEAR_SCREEN}${BELL})`;
    oos.items.get('cn-hangzhou/ops-bot')!.updatedDate = hostile;
    const log = jest.spyOn(console, 'log').mockImplementation(() => undefined);
    try {
      await lifecycle.read(
        'cn-hangzhou/ops-bot',
        applied,
        testContext({ clients: { oos: oos.asClient() } }),
      );
      const lines = log.mock.calls.map((call) => String(call[0]));
      expect(lines).toEqual([
        `warning: OOS chat configuration cn-hangzhou/ops-bot was written outside Pulumi ` +
          `(UpdatedDate ${STAMP} -> Nov 28 2026 11:00:00 GMT ([2J)) while every readable field ` +
          'is as applied: clientSecret, which OOS does not show, may have changed and will be ' +
          'written again by the next up.',
      ]);
    } finally {
      log.mockRestore();
    }
  });
});
