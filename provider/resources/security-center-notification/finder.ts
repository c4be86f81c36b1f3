import {
  DESCRIBE_PAGE_SIZE as PAGE_SIZE,
  type DingTalkNotification,
  type SecurityCenterClient,
} from '../../clients/alicloud/security-center';

/** Stops a walk against a remote whose TotalCount never converges. */
const MAX_PAGES = 1000;
/**
 * How long the pages of one listing answer the reads by Id that come after it. A refresh
 * reads every notification within seconds, each once: one listing then serves them all,
 * instead of one per group of reads that happen to overlap. A listing answers each Id once
 * (a second read of it, as in a later operation of the same process, asks again), older pages
 * are not trusted, and a notification a listing lacks is looked for alone before it is called
 * gone.
 */
export const LISTING_MAX_AGE_MS = 15_000;

/** One look-up waiting for its batch: by Id (for `read`) or by exact name (for `create`). */
type PendingLookup =
  | {
      kind: 'id';
      id: number;
      /** The name state knows: where a lone read looks first. */
      name: unknown;
      resolve(found: DingTalkNotification | undefined): void;
      reject(cause: unknown): void;
    }
  | {
      kind: 'name';
      name: string;
      resolve(found: DingTalkNotification[]): void;
      reject(cause: unknown): void;
    };

interface RegionQueue {
  waiting: PendingLookup[];
  running: boolean;
}

/** The notifications the last listing of a region showed, and when it was taken. */
interface ListingSnapshot {
  takenAt: number;
  byId: Map<number, DingTalkNotification>;
}

/**
 * Finds notifications for `read` (by Id) and `create` (every notification of a name).
 * DescribeDingTalk can filter only by a name it matches as a substring, never by Id: a
 * look-up by Id reads the region's first page of 20 (the documented size), which answers it
 * (and the reads that follow within LISTING_MAX_AGE_MS) when the region fits in one page and
 * the page says so (its TotalCount); otherwise it asks under
 * the name state knows, and walks every page only when the notification was renamed
 * elsewhere. A lone look-up by name asks under that name.
 *
 * A refresh reads up to `--parallel` notifications at once, and an `up` creates as many, each
 * create looking its name up before and after. Look-ups of one region that arrive together,
 * or while a look-up of that region is on its way, wait for it and then share listing pages of
 * 20 instead of spending one call each, which spares the per-second limit and the monthly
 * quota (BENCHMARKS.md: 100 creates in flight together spend 102 calls instead of 200).
 * Nothing waits longer than the look-up ahead of it: an idle region answers at once. The
 * listing is requested after every look-up of the batch was asked for, so each answer is as
 * fresh as a call of its own (a create's own notification is in it). A region larger than one
 * page is walked only while that costs fewer calls than the look-ups still open, and only a
 * hit there counts (see fromListing); the rest go one by one as lone look-ups do.
 */
export class NotificationFinder {
  private readonly queues = new Map<string, RegionQueue>();
  private readonly snapshots = new Map<string, ListingSnapshot>();

  constructor(
    private readonly sas: SecurityCenterClient,
    private readonly nowMs: () => number = Date.now,
  ) {}

  /**
   * The notification with this Id; `name` is where it was last seen. A listing of the last
   * LISTING_MAX_AGE_MS that shows it answers at once.
   */
  findById(region: string, id: number, name: unknown): Promise<DingTalkNotification | undefined> {
    const listed = this.freshSnapshot(region)?.byId.get(id);
    if (listed) {
      this.consume(region, [id]);
      return Promise.resolve(listed);
    }
    return new Promise((resolve, reject) =>
      this.enqueue(region, { kind: 'id', id, name, resolve, reject }),
    );
  }

  private freshSnapshot(region: string): ListingSnapshot | undefined {
    const snapshot = this.snapshots.get(region);
    return snapshot && this.nowMs() - snapshot.takenAt < LISTING_MAX_AGE_MS ? snapshot : undefined;
  }

  /** Forgets what a listing said of these Ids: it answers each once. */
  private consume(region: string, ids: Iterable<number>): void {
    const snapshot = this.snapshots.get(region);
    for (const id of ids) snapshot?.byId.delete(id);
  }

  /** Keeps what a listing showed, for the reads by Id that come next. */
  private remember(region: string, takenAt: number, items: DingTalkNotification[]): void {
    const snapshot = this.snapshots.get(region);
    const byId = snapshot?.takenAt === takenAt ? snapshot.byId : new Map();
    for (const item of items) byId.set(item.id, item);
    this.snapshots.set(region, { takenAt, byId });
  }

  /** Every notification of exactly this name (names are not unique remotely). */
  findByName(region: string, name: string): Promise<DingTalkNotification[]> {
    return new Promise((resolve, reject) =>
      this.enqueue(region, { kind: 'name', name, resolve, reject }),
    );
  }

  private enqueue(region: string, lookup: PendingLookup): void {
    let queue = this.queues.get(region);
    if (!queue) {
      queue = { waiting: [], running: false };
      this.queues.set(region, queue);
    }
    queue.waiting.push(lookup);
    if (!queue.running) this.runSoon(region, queue);
  }

  /** Next turn of the event loop: look-ups the engine sent together join the same batch. */
  private runSoon(region: string, queue: RegionQueue): void {
    queue.running = true;
    setImmediate(() => {
      const batch = queue.waiting.splice(0);
      void this.settle(region, batch).finally(() => {
        if (queue.waiting.length > 0) {
          this.runSoon(region, queue);
        } else {
          queue.running = false;
          this.queues.delete(region);
        }
      });
    });
  }

  private async settle(region: string, batch: PendingLookup[]): Promise<void> {
    let alone = batch;
    // A read by Id lists the region even alone: the first page of 20 costs what a look-up
    // by name does, and answers the reads of the refresh that follow it.
    const listedRecently = this.freshSnapshot(region) !== undefined;
    if (batch.length > 1 || (!listedRecently && batch.some((lookup) => lookup.kind === 'id'))) {
      try {
        alone = await this.fromListing(region, batch);
      } catch (cause) {
        for (const lookup of batch) lookup.reject(cause);
        return;
      }
    }
    await Promise.all(alone.map((lookup) => this.lookUpAlone(region, lookup)));
  }

  /**
   * Answers the batch from listing pages while that is the cheaper way; returns the look-ups
   * still open, to go one by one. When one page holds the whole region, it answers everything.
   * Over several pages it only answers look-ups by Id that it finds: a notification deleted
   * elsewhere between two pages shifts the others back, so a miss there proves nothing and is
   * checked alone, and look-ups by name (which need every page) go alone from the start.
   */
  private async fromListing(region: string, batch: PendingLookup[]): Promise<PendingLookup[]> {
    const takenAt = this.nowMs();
    const first = await this.sas.describeDingTalk(region, { currentPage: 1, pageSize: PAGE_SIZE });
    this.remember(region, takenAt, first.items);
    this.consume(region, idsOf(batch));
    let open = resolveHits(batch, first.items);
    const total = first.totalCount;
    if (total !== undefined && first.items.length >= total) {
      // One page held every notification of the region: what it lacks is gone.
      for (const lookup of open) {
        if (lookup.kind === 'id') lookup.resolve(undefined);
        else lookup.resolve(first.items.filter((n) => n.ruleActionName === lookup.name));
      }
      return [];
    }
    const byName = open.filter((lookup) => lookup.kind === 'name');
    open = open.filter((lookup) => lookup.kind === 'id');
    let seen = first.items.length;
    for (let page = 2; page <= MAX_PAGES && open.length > 0; page++) {
      if (total === undefined) break;
      const pagesLeft = Math.ceil((total - seen) / first.pageSize);
      if (pagesLeft <= 0 || pagesLeft >= open.length) break;
      const result = await this.sas.describeDingTalk(region, {
        currentPage: page,
        pageSize: PAGE_SIZE,
      });
      if (result.items.length === 0) break;
      this.remember(region, takenAt, result.items);
      this.consume(region, idsOf(open));
      open = resolveHits(open, result.items);
      seen += result.items.length;
    }
    return [...byName, ...open];
  }

  private lookUpAlone(region: string, lookup: PendingLookup): Promise<void> {
    if (lookup.kind === 'name') {
      return this.sas.findDingTalkByName(region, lookup.name).then(lookup.resolve, lookup.reject);
    }
    return this.findOneById(region, lookup.id, lookup.name).then(lookup.resolve, lookup.reject);
  }

  private async findOneById(
    region: string,
    id: number,
    name: unknown,
  ): Promise<DingTalkNotification | undefined> {
    if (typeof name === 'string' && name !== '') {
      const byName = (await this.sas.findDingTalkByName(region, name)).find((n) => n.id === id);
      if (byName) return byName;
    }
    const listing = await this.sas.listAllDingTalk(region);
    return listing.items.find((n) => n.id === id);
  }
}

function idsOf(lookups: PendingLookup[]): number[] {
  return lookups.flatMap((lookup) => (lookup.kind === 'id' ? [lookup.id] : []));
}

/** Resolves the look-ups by Id that these items answer; returns the others. */
function resolveHits(lookups: PendingLookup[], items: DingTalkNotification[]): PendingLookup[] {
  const byId = new Map(items.map((item) => [item.id, item]));
  return lookups.filter((lookup) => {
    if (lookup.kind === 'name') return true;
    const hit = byId.get(lookup.id);
    if (hit) lookup.resolve(hit);
    return !hit;
  });
}

const finders = new WeakMap<SecurityCenterClient, NotificationFinder>();

/** The finder of a client: look-ups share batches per client, as they share its connections. */
export function notificationFinder(sas: SecurityCenterClient): NotificationFinder {
  let finder = finders.get(sas);
  if (!finder) {
    finder = new NotificationFinder(sas);
    finders.set(sas, finder);
  }
  return finder;
}
