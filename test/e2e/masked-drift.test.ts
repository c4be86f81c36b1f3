import { consoleClients, E2E_REGION } from './support/chatops-emulator';
import {
  chatOpsProgram,
  DECLARED,
  editOpsBotInConsole,
  PROGRAM_SECRETS,
} from './support/chatops-program';
import { useChatOpsStack } from './support/chatops-stack';
import { chatConfigurationNamed } from './support/emulator-objects';
import { stepLog } from './support/engine-steps';

// A secret changed in the OOS console, which OOS never shows (Get masks it), is drift that
// `pulumi preview --refresh --expect-no-changes` reports, through the UpdatedDate stamp of the
// configuration; `up --refresh` writes the secret again; and a stack nobody touched previews
// clean, also right after an update, refresh after refresh.

const STEP_TIMEOUT_MS = 3 * 60 * 1000;

/**
 * The console edit comes later than the window in which a stamp may still be a late copy of
 * the provider's own write (LATE_COPY_WINDOW_MS, 10 s).
 */
function afterLateCopyWindow(): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, 11_000));
}

describe('drift of what OOS masks', () => {
  const setup = useChatOpsStack('chatops-masked-drift', chatOpsProgram(), (opened) =>
    opened.stack.up(),
  );

  it(
    'an untouched stack previews clean, refresh after refresh',
    async () => {
      for (let round = 0; round < 2; round++) {
        await setup.stack.preview({ refresh: true, expectNoChanges: true });
      }
    },
    STEP_TIMEOUT_MS,
  );

  it(
    'a client secret and a WeCom secret changed in the console show as drift; up writes them again',
    async () => {
      await afterLateCopyWindow();
      const clients = consoleClients(setup.emulator.url);
      try {
        await editOpsBotInConsole(clients, {
          DingTalkClientSecret: 'rotated-in-the-console',
          DingTalkTemplateId: DECLARED.opsBot.templateId,
        });
        await clients.oos.updateChatConfiguration({
          regionId: E2E_REGION,
          name: DECLARED.weComBot.name,
          type: 'WeChat',
          configuration: { ...DECLARED.weComBot.settings, WeComAgentSecret: 'rotated-too' },
        });
      } finally {
        await clients.close();
      }

      // `--expect-no-changes` fails the preview: the drift is there, on those two only.
      const drift = stepLog();
      await expect(
        setup.stack.preview({ refresh: true, expectNoChanges: true, onEvent: drift.onEvent }),
      ).rejects.toThrow();
      const changed = Object.entries(drift.opsByName())
        .filter(([, ops]) => !ops.every((op) => op === 'same'))
        .map(([name]) => name)
        .sort();
      expect(changed).toEqual(['ops-bot', 'wecom-bot']);

      await setup.stack.up({ refresh: true });
      const state = setup.emulator.state();
      expect(chatConfigurationNamed(state, DECLARED.opsBot.name).configuration).toMatchObject({
        DingTalkClientSecret: PROGRAM_SECRETS.opsBotClientSecret,
      });
      expect(chatConfigurationNamed(state, DECLARED.weComBot.name).configuration).toMatchObject({
        WeComAgentSecret: PROGRAM_SECRETS.weComSecret,
      });
    },
    STEP_TIMEOUT_MS,
  );

  it(
    'previews clean right after that update, refresh after refresh',
    async () => {
      for (let round = 0; round < 2; round++) {
        await setup.stack.preview({ refresh: true, expectNoChanges: true });
      }
      // A refresh that writes state, then a preview from it: still nothing.
      await setup.stack.refresh({ expectNoChanges: true });
      await setup.stack.preview({ refresh: true, expectNoChanges: true });
    },
    STEP_TIMEOUT_MS,
  );
});
