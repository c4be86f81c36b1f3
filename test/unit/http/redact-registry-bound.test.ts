import { REDACTED, redact, registerSecret } from '../../../provider/http/redact';

// Its own file: the registry is per process (per test file under jest), and these tests fill it.
describe('the registry of secrets', () => {
  it('holds the last 2000 per-object values and forgets the oldest beyond', () => {
    registerSecret('oldest-secret-0', 'object');
    registerSecret('second-secret-1', 'object');
    for (let i = 2; i < 2000; i++) registerSecret(`filler-secret-${i}`, 'object');
    expect(redact('oldest-secret-0')).toBe(REDACTED);

    registerSecret('newest-secret-2000', 'object');
    expect(redact('oldest-secret-0')).toBe('oldest-secret-0');
    expect(redact('second-secret-1')).toBe(REDACTED);
    expect(redact('newest-secret-2000')).toBe(REDACTED);
  });

  it('keeps a per-object value registered again among the most recent', () => {
    registerSecret('webhook-in-use', 'object');
    for (let i = 0; i < 1500; i++) registerSecret(`other-webhook-${i}`, 'object');
    // Still registered: used again, it must count as recent, not as the 1501st oldest.
    registerSecret('webhook-in-use', 'object');
    for (let i = 1500; i < 3000; i++) registerSecret(`other-webhook-${i}`, 'object');
    expect(redact('webhook-in-use')).toBe(REDACTED);
  });

  it('never forgets a credential, however many per-object values follow it', () => {
    // An STS token as ALIBABA_CLOUD_SECURITY_TOKEN holds it: long enough to need encoding.
    const securityToken = 'CAIS+sts/token=value-7f3a9c1e5b';
    registerSecret(securityToken, 'credential');
    for (let i = 0; i < 5000; i++) {
      registerSecret(`https://oapi.dingtalk.com/robot/send?access_token=tok${i}xyz`, 'object');
    }
    expect(redact(`echoed ${securityToken} and ${encodeURIComponent(securityToken)}`)).toBe(
      `echoed ${REDACTED} and ${REDACTED}`,
    );
  });
});
