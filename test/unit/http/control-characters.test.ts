import { ChatOpsError } from '../../../provider/errors';
import { withoutControlCharacters } from '../../../provider/http/control-characters';
import { providerLog } from '../../../provider/lifecycle/provider-log';
import { warnOnCli } from '../../../provider/resources/shared/cli-warning';

// Remote text that would drive a terminal: clear the screen, ring the bell, an 8-bit CSI
// (U+009B) setting red, DEL, and a line break that would forge a second line of output.
const HOSTILE = 'ops\u001b[2J bot\u0007 \u009b31mred\u007f\nwarning: forged';
const PRINTED = 'ops[2J bot 31mred warning: forged';

describe('text printed from remote answers', () => {
  it('keeps no C0 or C1 control character, DEL included; breaks become a space', () => {
    expect(withoutControlCharacters(HOSTILE)).toBe(PRINTED);
    expect(withoutControlCharacters('a\t\tb\r\nc\u0085d')).toBe('a b c d');
    expect(withoutControlCharacters('名前 ünïcode ✓')).toBe('名前 ünïcode ✓');
  });

  it('reaches the CLI without them in a resource warning', () => {
    const log = jest.spyOn(console, 'log').mockImplementation(() => undefined);
    try {
      warnOnCli(`group ${HOSTILE} is gone`);
      expect(log).toHaveBeenCalledWith(`warning: group ${PRINTED} is gone`);
    } finally {
      log.mockRestore();
    }
  });

  it('reaches the CLI without them in a line of the provider log', () => {
    const out: string[] = [];
    const err: string[] = [];
    const log = providerLog(
      { PULUMI_CHATOPS_DEBUG: 'true' },
      { out: (line) => out.push(line), err: (line) => err.push(line) },
    );
    log('warn', HOSTILE);
    log('debug', HOSTILE);
    expect(out).toEqual([`warning: ${PRINTED}`]);
    expect(err).toEqual([`debug: ${PRINTED}`]);
  });

  it('is quoted without them in a ChatOpsError, in every field', () => {
    const error = new ChatOpsError({
      code: 'REMOTE_ERROR',
      message: `OOS answered: ${HOSTILE}`,
      remoteCode: 'Bad\u001b]0;title\u0007Code',
      requestId: 'REQ\u0007-1',
      operation: 'oos:GetChatConfiguration',
    });
    expect(error.message).toBe(`OOS answered: ${PRINTED}`);
    expect(error.remoteCode).toBe('Bad]0;titleCode');
    expect(error.requestId).toBe('REQ-1');
  });
});
