import {
  batches,
  difference,
  effectiveMembers,
  intersection,
  sameMembers,
} from '../../../../provider/resources/dingtalk-group/members';

describe('member set helpers', () => {
  it('always counts the owner as a member, once', () => {
    expect(effectiveMembers('owner', ['b', 'a', 'b'])).toEqual(['a', 'b', 'owner']);
    expect(effectiveMembers('a', ['a', 'b'])).toEqual(['a', 'b']);
  });

  it('splits into batches of 40 by default', () => {
    const ids = Array.from({ length: 81 }, (_, i) => `u${i}`);
    expect(batches(ids).map((b) => b.length)).toEqual([40, 40, 1]);
    expect(batches([])).toEqual([]);
    expect(batches(ids.slice(0, 40))).toHaveLength(1);
  });

  it('computes differences and intersections in the order of the first list', () => {
    expect(difference(['c', 'a', 'b'], ['a'])).toEqual(['c', 'b']);
    expect(intersection(['c', 'a', 'b'], ['b', 'c'])).toEqual(['c', 'b']);
  });

  it('compares as sets', () => {
    expect(sameMembers(['a', 'b'], ['b', 'a', 'a'])).toBe(true);
    expect(sameMembers(['a', 'b'], ['a'])).toBe(false);
    expect(sameMembers(['a', 'c'], ['a', 'b'])).toBe(false);
  });
});
