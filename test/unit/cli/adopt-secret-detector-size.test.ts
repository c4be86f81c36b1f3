import {
  MAX_EXAMINED_LENGTH,
  looksSecret,
  namesACredential,
} from '../../../provider/cli/adopt-secrets';

/**
 * Remote settings are untrusted and may be of any size. The detector must judge each one in
 * time linear in its length: a long run of name characters with no `=` after it used to make
 * the `name=value` scan quadratic (7 s for 80 KB). No timing here (bench/adopt-secrets.bench.mjs
 * measures it): these inputs simply finish within jest's timeout only when the scan is linear.
 */

const KB = 1024;
const MB = 1024 * KB;

/** Inputs that made the old scan try a match from every position of a long name. */
const adversarial = (size: number) => ({
  letters: 'a'.repeat(size),
  dottedName: 'a.'.repeat(size / 2),
  dashedName: 'a-'.repeat(size / 2),
  digitsThenLetters: '1a'.repeat(size / 2),
});

describe('the adopt secret detector on large values', () => {
  it.each([
    ['80 KB', 80 * KB],
    ['1 MB', MB],
  ])('counts a value of %s as secret without examining it', (_, size) => {
    for (const [shape, value] of Object.entries(adversarial(size))) {
      expect({ shape, secret: looksSecret(value) }).toEqual({ shape, secret: true });
    }
  });

  it('examines a value up to the cap: a long name with no value is no secret', () => {
    const longest = 'a'.repeat(MAX_EXAMINED_LENGTH);
    expect(looksSecret(longest)).toBe(false);
    expect(looksSecret(`${longest}a`)).toBe(true);
    expect(looksSecret(`${'a'.repeat(MAX_EXAMINED_LENGTH - 10)} token=x`)).toBe(true);
  });

  it.each([
    ['80 KB', 80 * KB],
    ['1 MB', MB],
  ])('scans %s of name characters for name=value in linear time', (_, size) => {
    for (const [shape, value] of Object.entries(adversarial(size))) {
      expect({ shape, names: namesACredential(value) }).toEqual({ shape, names: false });
      expect({ shape, names: namesACredential(`${value} token=x`) }).toEqual({
        shape,
        names: true,
      });
    }
  });
});

describe('name=value in free text', () => {
  it.each([
    ['token=abc', true],
    ['Password: hunter2', true],
    ['9token=abc', true],
    ['a=token=x', true],
    ['url=https://x.example/?sign=abc', true],
    ['key = value', true],
    ['keyboard layout', false],
    ['token=', false],
    ['token:   ', false],
    ['name=ops bot', false],
  ])('%j names a credential: %s', (text, expected) => {
    expect(namesACredential(text)).toBe(expected);
  });
});
