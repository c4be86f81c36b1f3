import { REDACTED, redact, redactOptional, registerSecret } from '../../../provider/http/redact';

describe('registered secrets', () => {
  it('hides a value of the shortest registered length, six characters', () => {
    registerSecret('q7Zp2x', 'credential');
    expect(redact('the key q7Zp2x leaked')).toBe(`the key ${REDACTED} leaked`);
  });

  it('leaves a five-character value alone', () => {
    registerSecret('w3Rt9', 'credential');
    expect(redact('a w3Rt9 b')).toBe('a w3Rt9 b');
  });

  it('hides a secret whole when it contains a shorter registered one', () => {
    registerSecret('inner-part', 'credential');
    registerSecret('outer-inner-part-tail', 'credential');
    expect(redact('x outer-inner-part-tail y inner-part z')).toBe(`x ${REDACTED} y ${REDACTED} z`);
  });

  it('hides the percent-encoded form a strict encoder makes of !, *, ( and )', () => {
    registerSecret('Pa(ss)*Word!', 'credential');
    expect(redact('sent Pa%28ss%29%2AWord%21 over the wire')).toBe(
      `sent ${REDACTED} over the wire`,
    );
    expect(redact('sent Pa(ss)*Word%21 over the wire')).toBe('sent Pa(ss)*Word%21 over the wire');
  });

  it('hides the JSON-escaped form inside a longer string', () => {
    registerSecret('quo"te\\slash', 'credential');
    expect(redact('{"note":"before quo\\"te\\\\slash after"}')).toBe(
      `{"note":"before ${REDACTED} after"}`,
    );
  });

  it('hides every occurrence of a registered value', () => {
    registerSecret('repeated-secret', 'credential');
    expect(redact('repeated-secret and repeated-secret')).toBe(`${REDACTED} and ${REDACTED}`);
  });

  it('still hides a value registered twice', () => {
    registerSecret('twice-registered', 'credential');
    registerSecret('twice-registered', 'credential');
    expect(redact('a twice-registered b')).toBe(`a ${REDACTED} b`);
  });
});

describe('redactOptional', () => {
  it('keeps undefined and redacts text', () => {
    expect(redactOptional(undefined)).toBeUndefined();
    expect(redactOptional('?access_token=abcdef123')).toBe(`?access_token=${REDACTED}`);
  });
});
