import { NotificationFinder } from '../../../../provider/resources/security-center-notification/finder';
import { FakeSecurityCenter } from './fake-security-center';

const REGION = 'cn-hangzhou';

/** A fake whose listing changes between two pages: `afterPage` runs once page `n` was served. */
function shiftingSecurityCenter(afterPage: (page: number, fake: FakeSecurityCenter) => void) {
  const fake = new FakeSecurityCenter();
  const describe = fake.describeDingTalk.bind(fake);
  fake.describeDingTalk = async (region, req) => {
    const answer = await describe(region, req);
    if (!req.ruleActionName) afterPage(req.currentPage ?? 1, fake);
    return answer;
  };
  return fake;
}

describe('NotificationFinder', () => {
  it('answers look-ups by Id and by name that arrive together from one listing', async () => {
    const fake = new FakeSecurityCenter();
    const a = fake.seed('a');
    const b = fake.seed('b');
    fake.seed('dup');
    fake.seed('dup');
    const finder = new NotificationFinder(fake.asClient());

    const [foundA, foundB, gone, dups, none] = await Promise.all([
      finder.findById(REGION, a.id, 'a'),
      finder.findById(REGION, b.id, 'b'),
      finder.findById(REGION, 9999, 'gone'),
      finder.findByName(REGION, 'dup'),
      finder.findByName(REGION, 'free'),
    ]);

    expect([foundA?.id, foundB?.id, gone]).toEqual([a.id, b.id, undefined]);
    expect(dups.map((n) => n.ruleActionName)).toEqual(['dup', 'dup']);
    expect(none).toEqual([]);
    expect(fake.calls).toEqual(['describe']);
  });

  it('does not call a notification gone when a delete elsewhere shifted it to a page already read', async () => {
    // 150 notifications; ours are on page 2. Once page 1 is served, someone deletes the first
    // one: every later notification moves back by one, and the first of ours lands on page 1.
    const fake = shiftingSecurityCenter((page, f) => {
      if (page === 1 && f.items[0].ruleActionName === 'other-0') f.items.shift();
    });
    for (let i = 0; i < 100; i++) fake.seed(`other-${i}`);
    const mine = Array.from({ length: 5 }, (_, i) => fake.seed(`mine-${i}`));
    for (let i = 0; i < 45; i++) fake.seed(`later-${i}`);
    const finder = new NotificationFinder(fake.asClient());

    const found = await Promise.all(
      mine.map((n) => finder.findById(REGION, n.id, n.ruleActionName)),
    );

    expect(found.map((n) => n?.id)).toEqual(mine.map((n) => n.id));
  });

  it('reports a notification gone once a look-up of its own confirms a miss over several pages', async () => {
    const fake = new FakeSecurityCenter();
    for (let i = 0; i < 150; i++) fake.seed(`other-${i}`);
    const mine = Array.from({ length: 4 }, (_, i) => fake.seed(`mine-${i}`));
    fake.items.splice(fake.items.indexOf(mine[2]), 1);
    const finder = new NotificationFinder(fake.asClient());

    const found = await Promise.all(
      mine.map((n) => finder.findById(REGION, n.id, n.ruleActionName)),
    );

    expect(found.map((n) => n?.id)).toEqual([mine[0].id, mine[1].id, undefined, mine[3].id]);
  });

  it('sends look-ups by name alone when the region spans several pages', async () => {
    const fake = new FakeSecurityCenter();
    for (let i = 0; i < 150; i++) fake.seed(`other-${i}`);
    const late = fake.seed('late');
    const finder = new NotificationFinder(fake.asClient());

    const [byName, other] = await Promise.all([
      finder.findByName(REGION, 'late'),
      finder.findByName(REGION, 'other-3'),
    ]);

    expect(byName.map((n) => n.id)).toEqual([late.id]);
    expect(other.map((n) => n.ruleActionName)).toEqual(['other-3']);
  });

  it('keeps the regions apart', async () => {
    const fake = new FakeSecurityCenter();
    const a = fake.seed('a');
    const regions: string[] = [];
    const describe = fake.describeDingTalk.bind(fake);
    fake.describeDingTalk = async (region, req) => {
      regions.push(region);
      return describe(region, req);
    };
    const finder = new NotificationFinder(fake.asClient());

    await Promise.all([
      finder.findById('cn-hangzhou', a.id, 'a'),
      finder.findById('ap-southeast-1', a.id, 'a'),
    ]);

    expect(regions.sort()).toEqual(['ap-southeast-1', 'cn-hangzhou']);
  });
});
