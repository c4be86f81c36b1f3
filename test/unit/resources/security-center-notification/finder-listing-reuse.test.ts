import {
  LISTING_MAX_AGE_MS,
  NotificationFinder,
} from '../../../../provider/resources/security-center-notification/finder';
import { FakeSecurityCenter } from './fake-security-center';

const REGION = 'cn-hangzhou';

describe('NotificationFinder: one listing serves the reads of a whole refresh', () => {
  it('answers reads that come after a listing from it, while it is fresh', async () => {
    let now = 5_000_000;
    const fake = new FakeSecurityCenter();
    const mine = Array.from({ length: 6 }, (_, i) => fake.seed(`mine-${i}`));
    const finder = new NotificationFinder(fake.asClient(), () => now);

    // Two reads together list the region once; the next ones, one by one, cost nothing.
    await Promise.all(mine.slice(0, 2).map((n) => finder.findById(REGION, n.id, n.ruleActionName)));
    now += LISTING_MAX_AGE_MS - 1;
    for (const n of mine.slice(2)) {
      await expect(finder.findById(REGION, n.id, n.ruleActionName)).resolves.toMatchObject({
        id: n.id,
      });
    }
    expect(fake.calls).toEqual(['describe']);

    // Older than that, a read asks again.
    now += 1;
    await finder.findById(REGION, mine[0].id, mine[0].ruleActionName);
    expect(fake.calls).toHaveLength(2);
  });

  /** A finder with notifications a and b, both read by Id at once: one listing. */
  async function afterOneListing() {
    const fake = new FakeSecurityCenter();
    const [a, b] = [fake.seed('a'), fake.seed('b')];
    const finder = new NotificationFinder(fake.asClient(), () => 0);
    await Promise.all([finder.findById(REGION, a.id, 'a'), finder.findById(REGION, b.id, 'b')]);
    return { fake, finder, a };
  }

  it('answers each Id once: a second read of it sees the notification as it is now', async () => {
    const { fake, finder, a } = await afterOneListing();
    fake.items.length = 0;
    await expect(finder.findById(REGION, a.id, 'a')).resolves.toBeUndefined();
  });

  it('looks a notification the listing lacks up on its own before calling it gone', async () => {
    const { fake, finder } = await afterOneListing();
    const late = fake.seed('late');

    // Not in the listing: asked for under its name, and found.
    await expect(finder.findById(REGION, late.id, 'late')).resolves.toMatchObject({ id: late.id });
    expect(fake.calls).toHaveLength(2);
  });

  it('never answers a look-up by name from an earlier listing', async () => {
    const { fake, finder } = await afterOneListing();
    fake.seed('new');
    await expect(finder.findByName(REGION, 'new')).resolves.toHaveLength(1);
  });
});
