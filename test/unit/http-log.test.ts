import { Logger, type LogLevel } from '../../provider/http/log';
import { registerSecret } from '../../provider/http/redact';

describe('Logger', () => {
  function capture() {
    const lines: { level: LogLevel; line: string }[] = [];
    return { lines, logger: new Logger((level, line) => lines.push({ level, line })) };
  }

  it('hands the sink every line with its credentials hidden', () => {
    const { lines, logger } = capture();
    const appSecret = 'log-test-app-secret-6a1f0c9e';
    registerSecret(appSecret, 'credential');

    logger.debug(
      'POST https://oapi.dingtalk.com/robot/send?access_token=log-test-access-token-2b7e attempt 2',
    );
    logger.warn(`retrying after a failure of app ${appSecret}; Signature=log-test-signature-91d`);

    expect(lines.map((l) => l.level)).toEqual(['debug', 'warn']);
    const text = lines.map((l) => l.line).join('\n');
    for (const secret of ['log-test-access-token-2b7e', appSecret, 'log-test-signature-91d']) {
      expect(text).not.toContain(secret);
    }
    expect(lines[0].line).toMatch(
      /^POST https:\/\/oapi\.dingtalk\.com\/robot\/send\?access_token=\*\*\* attempt 2$/,
    );
  });

  it('writes nothing without a sink', () => {
    expect(() => new Logger().warn('access_token=nothing-to-see')).not.toThrow();
  });
});
