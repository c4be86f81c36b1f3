import * as members from '../../../../provider/resources/dingtalk-group/members';

describe('member set helpers', () => {
  it('always counts the owner as a member, once', () => {
    expect(members.effectiveMembers('owner', ['b', 'a', 'b'])).toEqual(['a', 'b', 'owner']);
    expect(members.effectiveMembers('a', ['a', 'b'])).toEqual(['a', 'b']);
  });

  it('splits into members.batches of 40 by default', () => {
    const ids = Array.from({ length: 81 }, (_, i) => `u${i}`);
    expect(members.batches(ids).map((b) => b.length)).toEqual([40, 40, 1]);
    expect(members.batches([])).toEqual([]);
    expect(members.batches(ids.slice(0, 40))).toHaveLength(1);
  });

  it('computes differences and intersections in the order of the first list', () => {
    expect(members.difference(['c', 'a', 'b'], ['a'])).toEqual(['c', 'b']);
    expect(members.intersection(['c', 'a', 'b'], ['b', 'c'])).toEqual(['c', 'b']);
  });

  it('compares as sets', () => {
    expect(members.sameMembers(['a', 'b'], ['b', 'a', 'a'])).toBe(true);
    expect(members.sameMembers(['a', 'b'], ['a'])).toBe(false);
    expect(members.sameMembers(['a', 'c'], ['a', 'b'])).toBe(false);
  });
});
