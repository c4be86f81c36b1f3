import {
  OosClient,
  type ChatConfigurationListItem,
} from '../../../../provider/clients/alicloud/oos';
import {
  ChatConfigurationListing,
  LISTING_MAX_AGE_MS,
} from '../../../../provider/resources/chat-configuration/listing';

const item = (name: string, updatedDate = 'v1'): ChatConfigurationListItem => ({
  name,
  type: 'DingTalk',
  outputs: {},
  updatedDate,
});

/**
 * A fake OOS whose every ListChatConfigurations answers `page()` (one page), and waits for
 * `release()` while `hold` is set.
 */
function gatedOos(page: () => ChatConfigurationListItem[]) {
  let calls = 0;
  let gate: Promise<void> | undefined;
  let open = () => {};
  const fake = {
    hold() {
      gate = new Promise<void>((resolve) => (open = resolve));
    },
    release() {
      gate = undefined;
      open();
    },
    get calls() {
      return calls;
    },
  };
  // The client's own walk (listAllChatConfigurations) over the fake pages.
  const oos = Object.assign(Object.create(OosClient.prototype) as object, {
    async listChatConfigurations() {
      calls++;
      const items = page();
      if (gate) await gate;
      return { items };
    },
  });
  return { oos: oos as unknown as OosClient, fake };
}

const tick = () => new Promise((resolve) => setImmediate(resolve));

describe('ChatConfigurationListing freshness', () => {
  it('lists again for a read exactly LISTING_MAX_AGE_MS after the pass', async () => {
    let now = 1_000_000;
    const { oos, fake } = gatedOos(() => [item('a'), item('b'), item('c')]);
    const listing = new ChatConfigurationListing(oos, () => now);
    await listing.lookup('cn-hangzhou', 'a');
    await tick();
    now += LISTING_MAX_AGE_MS - 1;
    await expect(listing.lookup('cn-hangzhou', 'b')).resolves.toEqual({ item: item('b') });
    expect(fake.calls).toBe(1);
    await tick();
    now += 1;
    await expect(listing.lookup('cn-hangzhou', 'c')).resolves.toEqual({ item: item('c') });
    expect(fake.calls).toBe(2);
  });

  it.each([
    ['answers reads queued behind a pass from it while it is fresh', 1, 1],
    ['lists again for queued reads when the pass is LISTING_MAX_AGE_MS old', LISTING_MAX_AGE_MS, 2],
  ])('%s', async (_title, age, listings) => {
    let now = 1_000_000;
    const { oos, fake } = gatedOos(() => [item('a'), item('b')]);
    const listing = new ChatConfigurationListing(oos, () => now);
    fake.hold();
    const first = listing.lookup('cn-hangzhou', 'a');
    await tick();
    const queued = listing.lookup('cn-hangzhou', 'b');
    now += age;
    fake.release();
    await first;
    await expect(queued).resolves.toEqual({ item: item('b') });
    expect(fake.calls).toBe(listings);
  });

  it('lists again when one of the queued names is missing from a fresh pass', async () => {
    const { oos, fake } = gatedOos(() => [item('a'), item('b')]);
    const listing = new ChatConfigurationListing(oos, () => 0);
    fake.hold();
    const first = listing.lookup('cn-hangzhou', 'a');
    await tick();
    const queued = [listing.lookup('cn-hangzhou', 'b'), listing.lookup('cn-hangzhou', 'gone')];
    fake.release();
    await first;
    await expect(Promise.all(queued)).resolves.toEqual([{ item: item('b') }, { item: undefined }]);
    expect(fake.calls).toBe(2);
  });

  it('makes a read that arrives during a pass wait for that pass, not the older one', async () => {
    let version = 'v1';
    const { oos, fake } = gatedOos(() => [item('a', version), item('b', version)]);
    const listing = new ChatConfigurationListing(oos, () => 0);
    await listing.lookup('cn-hangzhou', 'a');
    // A second pass (for a name the first one already answered) is on its way...
    version = 'v2';
    fake.hold();
    const again = listing.lookup('cn-hangzhou', 'a');
    await tick();
    // ...so a read of b waits for it instead of taking b from the first pass.
    const b = listing.lookup('cn-hangzhou', 'b');
    fake.release();
    await expect(again).resolves.toEqual({ item: item('a', 'v2') });
    await expect(b).resolves.toEqual({ item: item('b', 'v2') });
    expect(fake.calls).toBe(2);
  });
});
