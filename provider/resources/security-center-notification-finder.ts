import type {
  DingTalkNotification,
  SecurityCenterClient,
} from '../clients/alicloud/security-center';

/** The largest page DescribeDingTalk serves. */
const PAGE_SIZE = 100;
/** Stops a walk against a remote whose TotalCount never converges. */
const MAX_PAGES = 1000;

interface PendingRead {
  id: number;
  /** The name state knows: where a lone read looks first. */
  name: unknown;
  resolve(found: DingTalkNotification | undefined): void;
  reject(cause: unknown): void;
}

interface RegionQueue {
  waiting: PendingRead[];
  running: boolean;
}

/**
 * Finds notifications by Id for `read`. DescribeDingTalk cannot filter by Id, so a lone read
 * looks under the name state knows (one call), and walks every page only when the
 * notification was renamed elsewhere.
 *
 * A refresh reads up to `--parallel` notifications at once. Reads of one region that arrive
 * together, or while a look-up of that region is on its way, wait for it and then share one
 * listing page of 100 instead of spending one call each: 50 notifications refresh in a handful
 * of calls, against the same per-second limit and monthly quota. The listing is requested after
 * every read of the batch was asked for, so each answer is as fresh as a call of its own. When
 * the account holds more notifications than one page and the rest of the pages would cost more
 * calls than the reads still open, those reads look up by name as a lone read does.
 */
export class NotificationFinder {
  private readonly queues = new Map<string, RegionQueue>();

  constructor(private readonly sas: SecurityCenterClient) {}

  find(region: string, id: number, name: unknown): Promise<DingTalkNotification | undefined> {
    return new Promise((resolve, reject) => {
      let queue = this.queues.get(region);
      if (!queue) {
        queue = { waiting: [], running: false };
        this.queues.set(region, queue);
      }
      queue.waiting.push({ id, name, resolve, reject });
      if (!queue.running) this.runSoon(region, queue);
    });
  }

  /** Next turn of the event loop: reads the engine sent together join the same batch. */
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

  private async settle(region: string, batch: PendingRead[]): Promise<void> {
    if (batch.length === 1) {
      const [only] = batch;
      await this.findOne(region, only.id, only.name).then(only.resolve, only.reject);
      return;
    }
    let open: PendingRead[];
    try {
      open = await this.fromListing(region, batch);
    } catch (cause) {
      for (const read of batch) read.reject(cause);
      return;
    }
    await Promise.all(
      open.map((read) => this.findOne(region, read.id, read.name).then(read.resolve, read.reject)),
    );
  }

  /**
   * Answers the batch from listing pages while that is the cheaper way; returns the reads still
   * open (to be looked up one by one).
   */
  private async fromListing(region: string, batch: PendingRead[]): Promise<PendingRead[]> {
    let open = batch;
    for (let page = 1; page <= MAX_PAGES && open.length > 0; page++) {
      const result = await this.sas.describeDingTalk(region, {
        currentPage: page,
        pageSize: PAGE_SIZE,
      });
      const byId = new Map(result.items.map((item) => [item.id, item]));
      open = open.filter((read) => {
        const hit = byId.get(read.id);
        if (hit) read.resolve(hit);
        return !hit;
      });
      const seen = (page - 1) * result.pageSize + result.items.length;
      if (result.items.length === 0 || seen >= result.totalCount) {
        // Every notification of the region was listed: the rest are gone.
        for (const read of open) read.resolve(undefined);
        return [];
      }
      const pagesLeft = Math.ceil((result.totalCount - seen) / result.pageSize);
      if (pagesLeft >= open.length) return open;
    }
    return open;
  }

  private async findOne(
    region: string,
    id: number,
    name: unknown,
  ): Promise<DingTalkNotification | undefined> {
    if (typeof name === 'string' && name !== '') {
      const byName = (await this.sas.findDingTalkByName(region, name)).find((n) => n.id === id);
      if (byName) return byName;
    }
    for (let page = 1; page <= MAX_PAGES; page++) {
      const result = await this.sas.describeDingTalk(region, {
        currentPage: page,
        pageSize: PAGE_SIZE,
      });
      const hit = result.items.find((n) => n.id === id);
      if (hit) return hit;
      if (result.items.length === 0 || page * result.pageSize >= result.totalCount) {
        return undefined;
      }
    }
    return undefined;
  }
}

const finders = new WeakMap<SecurityCenterClient, NotificationFinder>();

/** The finder of a client: reads share batches per client, as they share its connections. */
export function notificationFinder(sas: SecurityCenterClient): NotificationFinder {
  let finder = finders.get(sas);
  if (!finder) {
    finder = new NotificationFinder(sas);
    finders.set(sas, finder);
  }
  return finder;
}
