import { REDACTED, redact, registerSecret } from '../../../provider/http/redact';

// Its own file: the registry is per process (per test file under jest), and this test fills it.
describe('the registry of secrets', () => {
  it('holds the last 2000 registered values and forgets the oldest beyond', () => {
    registerSecret('oldest-secret-0');
    registerSecret('second-secret-1');
    for (let i = 2; i < 2000; i++) registerSecret(`filler-secret-${i}`);
    expect(redact('oldest-secret-0')).toBe(REDACTED);

    registerSecret('newest-secret-2000');
    expect(redact('oldest-secret-0')).toBe('oldest-secret-0');
    expect(redact('second-secret-1')).toBe(REDACTED);
    expect(redact('newest-secret-2000')).toBe(REDACTED);
  });
});
