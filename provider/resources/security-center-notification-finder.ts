import type {
  DingTalkNotification,
  SecurityCenterClient,
} from '../clients/alicloud/security-center';

/** The largest page DescribeDingTalk serves. */
const PAGE_SIZE = 100;
/** Stops a walk against a remote whose TotalCount never converges. */
const MAX_PAGES = 1000;

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

/**
 * Finds notifications for `read` (by Id) and `create` (every notification of a name).
 * DescribeDingTalk can filter only by a name it matches as a substring, never by Id: a lone
 * look-up by Id asks under the name state knows (one call) and walks every page only when
 * the notification was renamed elsewhere; a lone look-up by name asks under that name.
 *
 * A refresh reads up to `--parallel` notifications at once, and an `up` creates as many, each
 * create looking its name up before and after. Look-ups of one region that arrive together,
 * or while a look-up of that region is on its way, wait for it and then share listing pages of
 * 100 instead of spending one call each: 50 notifications refresh or create with a handful of
 * `DescribeDingTalk` calls, against the same per-second limit and monthly quota. The listing
 * is requested after every look-up of the batch was asked for, so each answer is as fresh as
 * a call of its own (a create's own notification is in it). When the account holds more
 * notifications than that and the remaining pages would cost more calls than the look-ups
 * still open, those go one by one as lone look-ups do.
 */
export class NotificationFinder {
  private readonly queues = new Map<string, RegionQueue>();

  constructor(private readonly sas: SecurityCenterClient) {}

  /** The notification with this Id; `name` is where it was last seen. */
  findById(region: string, id: number, name: unknown): Promise<DingTalkNotification | undefined> {
    return new Promise((resolve, reject) =>
      this.enqueue(region, { kind: 'id', id, name, resolve, reject }),
    );
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
    if (batch.length > 1) {
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
   * still open, to go one by one. A look-up by name needs every page, one by Id only the page
   * that holds it.
   */
  private async fromListing(region: string, batch: PendingLookup[]): Promise<PendingLookup[]> {
    let open = batch;
    const listed: DingTalkNotification[] = [];
    for (let page = 1; page <= MAX_PAGES; page++) {
      const result = await this.sas.describeDingTalk(region, {
        currentPage: page,
        pageSize: PAGE_SIZE,
      });
      listed.push(...result.items);
      const byId = new Map(result.items.map((item) => [item.id, item]));
      open = open.filter((lookup) => {
        if (lookup.kind === 'name') return true;
        const hit = byId.get(lookup.id);
        if (hit) lookup.resolve(hit);
        return !hit;
      });
      const seen = (page - 1) * result.pageSize + result.items.length;
      if (result.items.length === 0 || seen >= result.totalCount) {
        // Every notification of the region was listed: what was not seen is gone.
        for (const lookup of open) {
          if (lookup.kind === 'id') lookup.resolve(undefined);
          else lookup.resolve(listed.filter((n) => n.ruleActionName === lookup.name));
        }
        return [];
      }
      const pagesLeft = Math.ceil((result.totalCount - seen) / result.pageSize);
      if (open.length === 0 || pagesLeft >= open.length) return open;
    }
    return open;
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

/** The finder of a client: look-ups share batches per client, as they share its connections. */
export function notificationFinder(sas: SecurityCenterClient): NotificationFinder {
  let finder = finders.get(sas);
  if (!finder) {
    finder = new NotificationFinder(sas);
    finders.set(sas, finder);
  }
  return finder;
}
