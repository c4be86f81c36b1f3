import { readmeCodeBlocks } from '../support/readme-code';
import { typeErrors } from '../support/type-check';

/**
 * The code a user copies from the README compiles against the package's declarations in
 * strict mode: the example program (which the e2e tests also deploy) and every per-resource
 * snippet. A renamed input or a wrong type in the README fails here.
 */
describe('README code', () => {
  const example = readmeCodeBlocks('readme-example');
  const snippets = readmeCodeBlocks('readme-snippet');

  it('marks one example program and a snippet per resource and for getChatConfigurations', () => {
    expect(example).toHaveLength(1);
    expect(snippets).toHaveLength(5);
    for (const name of [
      'ChatConfiguration',
      'SecurityCenterDingTalkNotification',
      'RobotPlugin',
      'DingTalkGroup',
      'getChatConfigurations',
    ]) {
      const mentions = new RegExp(`chatops\\s*\\.${name}\\b`);
      expect(snippets.filter((code) => mentions.test(code))).toHaveLength(1);
    }
  });

  it('type-checks in strict mode against the package', () => {
    const programs: Record<string, string> = { example: example[0] };
    snippets.forEach((code, i) => (programs[`snippet${i + 1}`] = code));

    const errors = typeErrors(programs);

    expect(errors).toEqual(Object.fromEntries(Object.keys(programs).map((name) => [name, []])));
  }, 60_000);

  it('finds a marked block and nothing unmarked', () => {
    const readme = [
      'text',
      '<!-- readme-example -->',
      '',
      '```ts',
      'const marked = 1;',
      '```',
      '```ts',
      'const unmarked = 2;',
      '```',
    ].join('\n');

    expect(readmeCodeBlocks('readme-example', readme)).toEqual(['const marked = 1;\n']);
  });
});
