import { z } from 'zod';
import { checkInputs } from '../../../provider/lifecycle/check';
import { UNKNOWN } from '../../../provider/lifecycle/unknown';

const schema = z.object({
  name: z.string().min(2, 'must be 2 to 64 characters').max(64, 'must be 2 to 64 characters'),
  language: z.enum(['zh', 'en']).default('zh'),
  interval: z.number().int().min(0).default(0),
  tags: z.array(z.string().regex(/^\d+$/, 'must be digits')).default([]),
  entries: z
    .array(z.object({ key: z.string().min(1), values: z.array(z.string()) }).strict())
    .default([]),
  secret: z.string().min(8, 'must be at least 8 characters').optional(),
});

describe('checkInputs', () => {
  it('applies defaults and passes valid inputs through', () => {
    const { inputs, failures } = checkInputs(schema, { name: 'alerts' });
    expect(failures).toEqual([]);
    expect(inputs).toEqual({ name: 'alerts', language: 'zh', interval: 0, tags: [], entries: [] });
  });

  it('treats null as not set, so the default applies', () => {
    const { inputs, failures } = checkInputs(schema, { name: 'alerts', language: null });
    expect(failures).toEqual([]);
    expect(inputs.language).toBe('zh');
  });

  it('ignores the __provider property the runner adds', () => {
    const { inputs, failures } = checkInputs(schema, { name: 'alerts', __provider: 'text' });
    expect(failures).toEqual([]);
    expect(inputs).not.toHaveProperty('__provider');
  });

  it('returns one failure per bad property, naming it and saying what is allowed', () => {
    const { failures } = checkInputs(schema, {
      name: 'x',
      language: 'fr',
      interval: 1.5,
      tags: ['1', 'a'],
      entries: [{ key: '', values: ['v'], extra: 1 }],
    });
    const byProperty = Object.fromEntries(failures.map((f) => [f.property, f.reason]));
    expect(Object.keys(byProperty).sort()).toEqual(
      ['name', 'language', 'interval', 'tags[1]', 'entries[0].key', 'entries[0].extra'].sort(),
    );
    expect(byProperty.name).toBe('name: must be 2 to 64 characters');
    expect(byProperty.language).toMatch(/^language: .*"zh".*"en"/);
    expect(byProperty['tags[1]']).toBe('tags[1]: must be digits');
    expect(byProperty['entries[0].extra']).toBe('entries[0].extra: unknown property');
  });

  it('reports a missing required property as required', () => {
    const { failures } = checkInputs(schema, {});
    expect(failures).toEqual([{ property: 'name', reason: 'name: is required (expected string)' }]);
  });

  it('reports undeclared properties and lists the allowed ones', () => {
    const { failures } = checkInputs(schema, { name: 'alerts', colour: 'red' });
    expect(failures).toHaveLength(1);
    expect(failures[0].property).toBe('colour');
    expect(failures[0].reason).toContain('allowed properties are name, language');
  });

  it('reports undeclared properties that share a name with Object members', () => {
    const news = JSON.parse('{"name": "alerts", "constructor": 1, "toString": 2, "__proto__": 3}');
    const { failures } = checkInputs(schema, news);
    expect(failures.map((f) => f.property).sort()).toEqual(
      ['__proto__', 'constructor', 'toString'].sort(),
    );
  });

  it('never puts the offending value in a reason', () => {
    const value = 'short!';
    const { failures } = checkInputs(schema, { name: 'alerts', secret: value });
    expect(failures).toHaveLength(1);
    expect(failures[0].property).toBe('secret');
    expect(JSON.stringify(failures)).not.toContain(value);
  });

  it('accepts the unknown sentinel for any property, at any depth', () => {
    const { inputs, failures } = checkInputs(schema, {
      name: UNKNOWN,
      interval: UNKNOWN,
      tags: ['1', UNKNOWN],
      entries: [{ key: UNKNOWN, values: UNKNOWN }, UNKNOWN],
    });
    expect(failures).toEqual([]);
    expect(inputs.name).toBe(UNKNOWN);
    expect(inputs.interval).toBe(UNKNOWN);
    expect(inputs.tags).toEqual(['1', UNKNOWN]);
    expect(inputs.language).toBe('zh');
  });

  it('passes an unknown through as it is, never through the rules of its field', () => {
    const upperCase = z.object({ name: z.string().transform((s) => s.toUpperCase()) });
    expect(checkInputs(upperCase, { name: UNKNOWN })).toEqual({
      inputs: { name: UNKNOWN },
      failures: [],
    });
  });

  it('names a missing field whatever its type, a choice of types too', () => {
    const choice = z.object({ name: z.union([z.string(), z.number()]) });
    expect(checkInputs(choice, {}).failures).toEqual([
      { property: 'name', reason: 'name: is required' },
    ]);
  });

  it('lists every rule a map key breaks', () => {
    const map = z.object({
      labels: z.record(
        z
          .string()
          .min(3, 'too short')
          .regex(/^[a-z]+$/, 'not lower case'),
        z.string(),
      ),
    });
    const { failures } = checkInputs(map, { labels: { A: 'x' } });
    expect(failures.map((f) => f.reason)).toEqual([
      'labels.A: invalid key: too short; not lower case',
    ]);
  });

  it('still reports real problems next to unknowns', () => {
    const { failures } = checkInputs(schema, { name: UNKNOWN, tags: [UNKNOWN, 'x'] });
    expect(failures.map((f) => f.property)).toEqual(['tags[1]']);
  });

  it('runs cross-field rules only when every field passed', () => {
    const rule = jest.fn(() => [{ property: 'secret', reason: 'secret: needed' }]);
    expect(checkInputs(schema, { name: 'x' }, [rule]).failures.map((f) => f.property)).toEqual([
      'name',
    ]);
    expect(rule).not.toHaveBeenCalled();
    expect(checkInputs(schema, { name: 'alerts' }, [rule]).failures).toEqual([
      { property: 'secret', reason: 'secret: needed' },
    ]);
  });

  it('does not throw on input that is not an object', () => {
    for (const bad of [null, undefined, 42, 'text', ['a']]) {
      const { failures } = checkInputs(schema, bad);
      expect(failures.map((f) => f.property)).toEqual(['name']);
    }
  });
});
