import {
  LISTING_MAX_AGE_MS,
  NotificationFinder,
} from '../../../../provider/resources/security-center-notification/finder';
import { FakeSecurityCenter } from './fake-security-center';

const REGION = 'cn-hangzhou';

/** A fake that notes every DescribeDingTalk request as `name@page` (`*` for no name). */
function recordingSecurityCenter() {
  const fake = new FakeSecurityCenter();
  const requests: string[] = [];
  const describe = fake.describeDingTalk.bind(fake);
  fake.describeDingTalk = async (region, req) => {
    requests.push(`${req.ruleActionName ?? '*'}@${req.currentPage ?? '-'}`);
    return describe(region, req);
  };
  return { fake, requests };
}

function seedMany(fake: FakeSecurityCenter, count: number, prefix = 'other') {
  return Array.from({ length: count }, (_, i) => fake.seed(`${prefix}-${i}`));
}

describe('NotificationFinder: paging of a listing', () => {
  it('walks the pages in order while that is cheaper than one look-up each', async () => {
    const { fake, requests } = recordingSecurityCenter();
    seedMany(fake, 60);
    const last = seedMany(fake, 4, 'mine');
    const finder = new NotificationFinder(fake.asClient(), () => 0);

    const found = await Promise.all(
      last.map((n) => finder.findById(REGION, n.id, n.ruleActionName)),
    );

    expect(found.map((n) => n?.id)).toEqual(last.map((n) => n.id));
    expect(requests).toEqual(['*@1', '*@2', '*@3', '*@4']);
  });

  it('walks a second page for two reads on it, then answers reads on the first page from memory', async () => {
    const { fake, requests } = recordingSecurityCenter();
    const first = seedMany(fake, 20);
    const second = seedMany(fake, 10, 'mine');
    const finder = new NotificationFinder(fake.asClient(), () => 0);

    await Promise.all(
      second.slice(0, 2).map((n) => finder.findById(REGION, n.id, n.ruleActionName)),
    );
    expect(requests).toEqual(['*@1', '*@2']);

    await expect(
      finder.findById(REGION, first[5].id, first[5].ruleActionName),
    ).resolves.toMatchObject({
      id: first[5].id,
    });
    expect(requests).toHaveLength(2);
  });

  it('stops walking once every notification was seen, and confirms the missing one alone', async () => {
    const { fake, requests } = recordingSecurityCenter();
    seedMany(fake, 20);
    const mine = seedMany(fake, 10, 'mine');
    const finder = new NotificationFinder(fake.asClient(), () => 0);

    const found = await Promise.all([
      ...mine.slice(0, 3).map((n) => finder.findById(REGION, n.id, n.ruleActionName)),
      finder.findById(REGION, 9999, 'gone'),
    ]);

    expect(found.map((n) => n?.id)).toEqual([...mine.slice(0, 3).map((n) => n.id), undefined]);
    expect(requests).toEqual(['*@1', '*@2', 'gone@1', '*@1', '*@2']);
  });

  it('stops walking at an empty page and looks the rest up alone', async () => {
    const { fake, requests } = recordingSecurityCenter();
    seedMany(fake, 20);
    const mine = seedMany(fake, 10, 'mine');
    const describe = fake.describeDingTalk.bind(fake);
    fake.describeDingTalk = async (region, req) => {
      const answer = await describe(region, req);
      // Someone deletes 12 of the first page once it was served: page 2 is now empty.
      if (!req.ruleActionName && req.currentPage === 1 && fake.items.length === 30) {
        fake.items.splice(0, 12);
      }
      return answer;
    };
    const finder = new NotificationFinder(fake.asClient(), () => 0);

    const found = await Promise.all(
      mine.slice(0, 2).map((n) => finder.findById(REGION, n.id, n.ruleActionName)),
    );

    expect(found.map((n) => n?.id)).toEqual(mine.slice(0, 2).map((n) => n.id));
    expect(requests.filter((r) => r.startsWith('*'))).toEqual(['*@1', '*@2']);
    expect(requests).toContain('mine-0@1');
  });

  it('sends a look-up by name alone and walks no page for a single read by Id', async () => {
    const { fake, requests } = recordingSecurityCenter();
    seedMany(fake, 20);
    const mine = fake.seed('mine');
    fake.seed('free-x');
    seedMany(fake, 8, 'later');
    const finder = new NotificationFinder(fake.asClient(), () => 0);

    const [byName, byId] = await Promise.all([
      finder.findByName(REGION, 'free-x'),
      finder.findById(REGION, mine.id, 'mine'),
    ]);

    expect(byName.map((n) => n.ruleActionName)).toEqual(['free-x']);
    expect(byId?.id).toBe(mine.id);
    expect(requests.sort()).toEqual(['*@1', 'free-x@1', 'mine@1'].sort());
  });

  it('does not trust a first page that is empty while its count says otherwise', async () => {
    const { fake, requests } = recordingSecurityCenter();
    const describe = fake.describeDingTalk.bind(fake);
    fake.describeDingTalk = async (region, req) => ({
      ...(await describe(region, req)),
      totalCount: 5,
    });
    const finder = new NotificationFinder(fake.asClient(), () => 0);

    // Not found, but only after looking alone: the resource then asks for its own proof.
    await expect(finder.findById(REGION, 7, 'seven')).resolves.toBeUndefined();
    expect(requests).toEqual(['*@1', 'seven@1', '*@1']);
  });

  it('does not trust a first page without TotalCount to hold the whole region', async () => {
    const { fake, requests } = recordingSecurityCenter();
    const mine = fake.seed('mine');
    const describe = fake.describeDingTalk.bind(fake);
    // The fake's own type always has a count; the client's allows none.
    (fake as { describeDingTalk: unknown }).describeDingTalk = async (
      region: string,
      req: Parameters<typeof describe>[1],
    ) => {
      const { totalCount: _dropped, ...page } = await describe(region, req);
      return page;
    };
    const finder = new NotificationFinder(fake.asClient(), () => 0);

    await expect(finder.findById(REGION, 7, 'seven')).resolves.toBeUndefined();
    expect(requests).toEqual(['*@1', 'seven@1', '*@1']);
    await expect(finder.findById(REGION, mine.id, 'mine')).resolves.toMatchObject({ id: mine.id });
  });
});

describe('NotificationFinder: a read by Id the listing could not answer', () => {
  it('asks under the stored name and takes only the notification with that Id', async () => {
    const { fake } = recordingSecurityCenter();
    seedMany(fake, 20);
    fake.seed('dup');
    const mine = fake.seed('dup');
    seedMany(fake, 8, 'later');
    const finder = new NotificationFinder(fake.asClient(), () => 0);

    await expect(finder.findById(REGION, mine.id, 'dup')).resolves.toMatchObject({ id: mine.id });
  });

  it.each([undefined, ''])('walks the pages when state knows no name (%p)', async (name) => {
    const { fake, requests } = recordingSecurityCenter();
    seedMany(fake, 20);
    const mine = fake.seed('mine');
    seedMany(fake, 9, 'later');
    const finder = new NotificationFinder(fake.asClient(), () => 0);

    await expect(finder.findById(REGION, mine.id, name)).resolves.toMatchObject({ id: mine.id });
    expect(requests).toEqual(['*@1', '*@1', '*@2']);
  });

  it('walks to the page of a notification renamed elsewhere', async () => {
    const { fake, requests } = recordingSecurityCenter();
    seedMany(fake, 20);
    const mine = fake.seed('renamed');
    seedMany(fake, 9, 'later');
    const finder = new NotificationFinder(fake.asClient(), () => 0);

    await expect(finder.findById(REGION, mine.id, 'old-name')).resolves.toMatchObject({
      id: mine.id,
    });
    expect(requests).toEqual(['*@1', 'old-name@1', '*@1', '*@2']);
  });

  it('calls a notification gone after the last full page, asking no further', async () => {
    const { fake, requests } = recordingSecurityCenter();
    seedMany(fake, 40);
    const finder = new NotificationFinder(fake.asClient(), () => 0);

    await expect(finder.findById(REGION, 9999, 'gone')).resolves.toBeUndefined();
    expect(requests).toEqual(['*@1', 'gone@1', '*@1', '*@2']);
  });
});

describe('NotificationFinder: reuse of a listing', () => {
  it('answers a listed Id from memory once: a second read asks again', async () => {
    const { fake, requests } = recordingSecurityCenter();
    const [a, b, c] = [fake.seed('a'), fake.seed('b'), fake.seed('c')];
    const finder = new NotificationFinder(fake.asClient(), () => 0);
    await Promise.all([finder.findById(REGION, a.id, 'a'), finder.findById(REGION, b.id, 'b')]);

    await expect(finder.findById(REGION, c.id, 'c')).resolves.toMatchObject({ id: c.id });
    expect(requests).toHaveLength(1);
    fake.items.splice(fake.items.indexOf(c), 1);
    await expect(finder.findById(REGION, c.id, 'c')).resolves.toBeUndefined();
  });

  it('asks again for a listed Id once the listing is exactly LISTING_MAX_AGE_MS old', async () => {
    let now = 1_000_000;
    const { fake, requests } = recordingSecurityCenter();
    const [a, b, c] = [fake.seed('a'), fake.seed('b'), fake.seed('c')];
    const finder = new NotificationFinder(fake.asClient(), () => now);
    await Promise.all([finder.findById(REGION, a.id, 'a'), finder.findById(REGION, b.id, 'b')]);

    now += LISTING_MAX_AGE_MS;
    c.language = 'en';
    await expect(finder.findById(REGION, c.id, 'c')).resolves.toMatchObject({ language: 'en' });
    expect(requests).toHaveLength(2);
  });

  it('looks an Id a fresh listing lacks up under its name, not by listing again', async () => {
    const { fake, requests } = recordingSecurityCenter();
    const [a, b] = [fake.seed('a'), fake.seed('b')];
    const finder = new NotificationFinder(fake.asClient(), () => 0);
    await Promise.all([finder.findById(REGION, a.id, 'a'), finder.findById(REGION, b.id, 'b')]);
    const late = fake.seed('late');

    await expect(finder.findById(REGION, late.id, 'late')).resolves.toMatchObject({ id: late.id });
    expect(requests).toEqual(['*@1', 'late@1']);
  });
});
