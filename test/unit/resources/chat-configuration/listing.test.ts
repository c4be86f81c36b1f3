import {
  OosClient,
  type ChatConfigurationListItem,
} from '../../../../provider/clients/alicloud/oos';
import {
  ChatConfigurationListing,
  LISTING_MAX_AGE_MS,
} from '../../../../provider/resources/chat-configuration/listing';

const item = (
  name: string,
  updatedDate = '2026-11-28T10:00:05+00:00',
): ChatConfigurationListItem => ({
  name,
  type: 'DingTalk',
  outputs: {},
  updatedDate,
});

/** A fake OOS whose ListChatConfigurations pages through `pages` and counts its calls. */
function fakeOos(pages: ChatConfigurationListItem[][], failing = false) {
  const calls: Array<{ regionId: string; nextToken?: string }> = [];
  // The client's own walk (listAllChatConfigurations) over the fake pages.
  const oos = Object.assign(Object.create(OosClient.prototype) as object, {
    async listChatConfigurations(req: { regionId: string; nextToken?: string }) {
      calls.push(req);
      if (failing) throw new Error('listing failed');
      const index = req.nextToken ? Number(req.nextToken) : 0;
      const next = index + 1 < pages.length ? String(index + 1) : undefined;
      return next ? { items: pages[index], nextToken: next } : { items: pages[index] };
    },
  });
  return { oos: oos as unknown as OosClient, calls };
}

describe('ChatConfigurationListing', () => {
  it('lists even for a read that comes alone: one List costs what one Get does', async () => {
    const { oos, calls } = fakeOos([[item('a')]]);
    await expect(new ChatConfigurationListing(oos).lookup('cn-hangzhou', 'a')).resolves.toEqual({
      item: item('a'),
    });
    expect(calls).toHaveLength(1);
  });

  it('answers reads that come together from one pass, following NextToken', async () => {
    const { oos, calls } = fakeOos([[item('a')], [item('b')]]);
    const listing = new ChatConfigurationListing(oos);
    const answers = await Promise.all(
      ['a', 'b', 'gone'].map((name) => listing.lookup('cn-hangzhou', name)),
    );
    expect(answers).toEqual([{ item: item('a') }, { item: item('b') }, { item: undefined }]);
    // Pages of MaxResults 100, the largest any OOS listing documents.
    expect(calls).toEqual([
      { regionId: 'cn-hangzhou', maxResults: 100 },
      { regionId: 'cn-hangzhou', maxResults: 100, nextToken: '1' },
    ]);
  });

  it('answers later reads of the same refresh from the pass while it is fresh', async () => {
    let now = 1_000_000;
    const { oos, calls } = fakeOos([[item('a'), item('b'), item('c')]]);
    const listing = new ChatConfigurationListing(oos, () => now);
    await Promise.all(['a', 'b'].map((name) => listing.lookup('cn-hangzhou', name)));
    now += LISTING_MAX_AGE_MS - 1;
    await expect(listing.lookup('cn-hangzhou', 'c')).resolves.toEqual({ item: item('c') });
    expect(calls).toHaveLength(1);
    // Older than that, the next read lists again.
    now += 1;
    await expect(listing.lookup('cn-hangzhou', 'c')).resolves.toEqual({ item: item('c') });
    expect(calls).toHaveLength(2);
  });

  it('answers each name once: a second read of it lists again', async () => {
    const { oos, calls } = fakeOos([[item('a'), item('b')]]);
    const listing = new ChatConfigurationListing(oos, () => 0);
    await listing.lookup('cn-hangzhou', 'a');
    await listing.lookup('cn-hangzhou', 'b');
    expect(calls).toHaveLength(1);
    await listing.lookup('cn-hangzhou', 'a');
    expect(calls).toHaveLength(2);
  });

  it('keeps regions apart', async () => {
    const { oos, calls } = fakeOos([[item('a')]]);
    const listing = new ChatConfigurationListing(oos);
    await Promise.all([listing.lookup('cn-hangzhou', 'a'), listing.lookup('cn-hangzhou', 'b')]);
    await listing.lookup('cn-shanghai', 'a');
    expect(calls.map((c) => c.regionId)).toEqual(['cn-hangzhou', 'cn-shanghai']);
  });

  it('sends every read its own way when the listing fails: nothing is guessed', async () => {
    const { oos } = fakeOos([[item('a')]], true);
    const listing = new ChatConfigurationListing(oos);
    const answers = await Promise.all(
      ['a', 'b'].map((name) => listing.lookup('cn-hangzhou', name)),
    );
    expect(answers).toEqual(['unlisted', 'unlisted']);
  });
});
