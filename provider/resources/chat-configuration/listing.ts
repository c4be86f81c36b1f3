import type { ChatConfigurationListItem, OosClient } from '../../clients/alicloud/oos';

/**
 * How long one ListChatConfigurations pass answers the reads of a region. A refresh reads
 * every configuration within seconds, each once: a pass answers each name once, and is taken
 * again when older than this, so no read trusts a stale listing (a second read of the same
 * configuration, as in a later operation of the same process, lists again).
 */
export const LISTING_MAX_AGE_MS = 15_000;

/**
 * What the listing says of one configuration: the list item (`undefined` when a complete
 * listing lacks the name; the caller confirms that with a Get before calling it gone), or
 * `unlisted` when the listing failed and the read must go its own way.
 */
export type ListingAnswer = 'unlisted' | { item: ChatConfigurationListItem | undefined };

interface Pending {
  name: string;
  resolve(answer: ListingAnswer): void;
}

interface RegionListing {
  waiting: Pending[];
  running: boolean;
  /** The last complete pass: name -> item, and when it was taken. */
  snapshot?: { takenAt: number; items: Map<string, ChatConfigurationListItem> };
}

/**
 * Serves the refresh reads of ChatConfiguration from ListChatConfigurations, which gives
 * every configuration's `UpdatedDate` (and type, role and webhook URL; never a secret) in one
 * page: only configurations whose stamp moved, that a listing lacks, or whose stamp cannot be
 * told need a GetChatConfiguration of their own (see change-marker.ts).
 *
 * Reads of a region that arrive together, or while a pass is on its way, share one pass, and
 * the pass answers later reads of the same refresh while it is younger than
 * LISTING_MAX_AGE_MS. Even a read that comes alone lists: one List costs what one Get does,
 * and answers an unchanged configuration by itself. A listing that fails answers every read
 * `unlisted`, so each falls back to a Get of its own: nothing is guessed from a listing that
 * did not complete.
 */
export class ChatConfigurationListing {
  private readonly regions = new Map<string, RegionListing>();

  constructor(
    private readonly oos: OosClient,
    private readonly nowMs: () => number = Date.now,
  ) {}

  lookup(regionId: string, name: string): Promise<ListingAnswer> {
    const region = this.regionOf(regionId);
    const fresh = region.snapshot && this.nowMs() - region.snapshot.takenAt < LISTING_MAX_AGE_MS;
    if (fresh && !region.running && region.snapshot?.items.has(name)) {
      return Promise.resolve({ item: take(region.snapshot.items, name) });
    }
    return new Promise((resolve) => {
      region.waiting.push({ name, resolve });
      if (!region.running) this.runSoon(regionId, region);
    });
  }

  private regionOf(regionId: string): RegionListing {
    let region = this.regions.get(regionId);
    if (!region) {
      region = { waiting: [], running: false };
      this.regions.set(regionId, region);
    }
    return region;
  }

  /** Next turn of the event loop: reads the engine sent together join the same pass. */
  private runSoon(regionId: string, region: RegionListing): void {
    region.running = true;
    setImmediate(() => {
      const batch = region.waiting.splice(0);
      void this.settle(regionId, region, batch).finally(() => {
        region.running = false;
        if (region.waiting.length > 0) this.runSoon(regionId, region);
      });
    });
  }

  private async settle(regionId: string, region: RegionListing, batch: Pending[]): Promise<void> {
    const fresh =
      region.snapshot &&
      this.nowMs() - region.snapshot.takenAt < LISTING_MAX_AGE_MS &&
      batch.every((pending) => region.snapshot?.items.has(pending.name));
    if (!fresh) {
      try {
        region.snapshot = { takenAt: this.nowMs(), items: await this.listAll(regionId) };
      } catch {
        // The reads fall back to a Get each; the Get reports the failure if it persists.
        for (const pending of batch) pending.resolve('unlisted');
        return;
      }
    }
    const items = region.snapshot?.items ?? new Map<string, ChatConfigurationListItem>();
    for (const pending of batch) pending.resolve({ item: take(items, pending.name) });
  }

  /**
   * Every configuration of the region. A listing that may be incomplete still answers the
   * names it shows; a name it lacks only costs that read a Get of its own, and the Get's
   * not-found claim is proven against a listing of its own (gone-proof.ts).
   */
  private async listAll(regionId: string): Promise<Map<string, ChatConfigurationListItem>> {
    const listing = await this.oos.listAllChatConfigurations({ regionId });
    return new Map(listing.items.map((item) => [item.name, item]));
  }
}

/** The item of a name, answered once: a second read of it must see a newer listing. */
function take(
  items: Map<string, ChatConfigurationListItem>,
  name: string,
): ChatConfigurationListItem | undefined {
  const item = items.get(name);
  items.delete(name);
  return item;
}

const listings = new WeakMap<OosClient, ChatConfigurationListing>();

/** The listing of a client: reads share passes per client, as they share its connections. */
export function chatConfigurationListing(oos: OosClient): ChatConfigurationListing {
  let listing = listings.get(oos);
  if (!listing) {
    listing = new ChatConfigurationListing(oos);
    listings.set(oos, listing);
  }
  return listing;
}
