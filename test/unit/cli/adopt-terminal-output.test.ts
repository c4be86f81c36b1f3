import * as vm from 'node:vm';
import { renderAdoptionProgram, stringLiteral } from '../../../provider/cli/adopt-render';

/**
 * `chatops-adopt` prints its program to the terminal. Remote names sit in it as string
 * literals: JSON escapes C0 controls there, but not DEL nor the C1 controls, and U+009B is
 * the 8-bit form of ESC [ to some terminals. Escaped, they print as text and the program still
 * declares the name exactly as found.
 */

const NAME = 'ops\u009b2J\u0085bot\u007f\u001b[2J\u0007';

describe('the adopt program on a terminal', () => {
  it('writes no raw control character for a remote name, and keeps its value', () => {
    const literal = stringLiteral(NAME);
    // eslint-disable-next-line no-control-regex -- looking for control characters.
    expect(literal).not.toMatch(/[\u0000-\u001f\u007f-\u009f]/);
    expect(vm.runInNewContext(literal)).toBe(NAME);
  });

  it('prints a whole program with none', () => {
    const program = renderAdoptionProgram(
      {
        regionId: 'cn-hangzhou',
        chatConfigurations: [
          { name: NAME, type: 'WeChat', configuration: { CorpId: NAME }, outputs: {} },
        ],
        notifications: [],
        duplicateNotifications: [],
      },
      'javascript',
    );
    // eslint-disable-next-line no-control-regex -- looking for control characters.
    expect(program.replace(/\n/g, '')).not.toMatch(/[\u0000-\u001f\u007f-\u009f]/);
    expect(program).toContain('\\u009b2J\\u0085bot\\u007f\\u001b[2J\\u0007');
  });
});
