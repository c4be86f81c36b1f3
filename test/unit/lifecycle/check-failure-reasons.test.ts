import { z } from 'zod';
import { checkInputs } from '../../../provider/lifecycle/check';
import { UNKNOWN } from '../../../provider/lifecycle/unknown';

const schema = z.object({
  name: z.string({
    error: (issue) => (issue.input === undefined ? 'give the bot a name' : 'must be a string'),
  }),
  region: z.string().optional(),
  tags: z.record(z.string().regex(/^team-/, 'must start with team-'), z.string()).optional(),
  target: z
    .object({ url: z.string().min(5, 'too short'), port: z.number().optional() })
    .strict()
    .optional(),
  members: z.array(z.string().min(3, 'at least 3 characters').max(4, 'at most 4')).optional(),
});

describe('checkInputs: what a failure says', () => {
  it('keeps the schema message for a missing property when it has its own', () => {
    expect(checkInputs(schema, {}).failures).toEqual([
      { property: 'name', reason: 'name: give the bot a name' },
    ]);
  });

  it('says "is required" with the expected type for a missing nested property', () => {
    const { failures } = checkInputs(schema, { name: 'bot', target: {} });
    expect(failures).toEqual([
      { property: 'target.url', reason: 'target.url: is required (expected string)' },
    ]);
  });

  it('keeps zod wording for a value of the wrong type', () => {
    const { failures } = checkInputs(schema, { name: 'bot', target: { url: 42 } });
    expect(failures).toHaveLength(1);
    expect(failures[0].property).toBe('target.url');
    expect(failures[0].reason).toMatch(
      /^target\.url: Invalid input: expected string, received number$/,
    );
  });

  it('names a nested property that is not declared, one failure each', () => {
    const { failures } = checkInputs(schema, {
      name: 'bot',
      target: { url: 'https://x', extra: 1, more: 2 },
    });
    expect(failures).toEqual([
      { property: 'target.extra', reason: 'target.extra: unknown property' },
      { property: 'target.more', reason: 'target.more: unknown property' },
    ]);
  });

  it('names a map key that is not allowed and says why', () => {
    const { failures } = checkInputs(schema, { name: 'bot', tags: { ops: 'x' } });
    expect(failures).toEqual([
      { property: 'tags.ops', reason: 'tags.ops: invalid key: must start with team-' },
    ]);
  });

  it('joins the different problems of one property and drops repeats', () => {
    const { failures } = checkInputs(schema, { name: 'bot', members: ['ab', 'abcdefg', 'xy'] });
    expect(failures).toEqual([
      { property: 'members[0]', reason: 'members[0]: at least 3 characters' },
      { property: 'members[1]', reason: 'members[1]: at most 4' },
      { property: 'members[2]', reason: 'members[2]: at least 3 characters' },
    ]);
    const twice = z.object({
      code: z
        .string()
        .min(3, 'must be 3 to 8 letters')
        .regex(/^[a-z]+$/, 'must be 3 to 8 letters')
        .regex(/^x/, 'must start with x'),
    });
    expect(checkInputs(twice, { code: '1' }).failures).toEqual([
      { property: 'code', reason: 'code: must be 3 to 8 letters; must start with x' },
    ]);
  });

  it('keeps a bad value in the returned inputs so later rules see what was given', () => {
    const { inputs } = checkInputs(schema, { name: 7, region: 'cn-hangzhou' });
    expect(inputs).toEqual({ name: 7, region: 'cn-hangzhou' });
  });

  it('leaves a missing or optional property out of the inputs, not set to undefined', () => {
    const { inputs } = checkInputs(schema, { region: null });
    expect(Object.keys(inputs)).toEqual([]);
  });

  it('ignores a problem below an unknown value but reports one beside it', () => {
    const { failures } = checkInputs(schema, {
      name: 'bot',
      target: { url: UNKNOWN, port: 'eighty' },
      members: [UNKNOWN, 'ab'],
    });
    expect(failures.map((f) => f.property)).toEqual(['target.port', 'members[1]']);
  });

  it('treats an array or a missing bag as no inputs', () => {
    for (const news of [[1, 2], null, 'text']) {
      expect(checkInputs(schema, news).failures).toEqual([
        { property: 'name', reason: 'name: give the bot a name' },
      ]);
    }
  });

  it('runs every cross-field rule and collects their failures', () => {
    const rules = [
      () => [{ property: 'a', reason: 'a: first' }],
      () => [{ property: 'b', reason: 'b: second' }],
    ];
    expect(checkInputs(schema, { name: 'bot' }, rules).failures).toEqual([
      { property: 'a', reason: 'a: first' },
      { property: 'b', reason: 'b: second' },
    ]);
  });
});
