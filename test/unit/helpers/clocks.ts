import type { Clock } from '../../../provider/http/clock';

/**
 * A clock whose sleeps return at once and move virtual time forward: retry loops run
 * instantly and every wait they asked for is recorded.
 */
export class SkippingClock implements Clock {
  readonly sleeps: number[] = [];
  constructor(private time = 1_000_000) {}
  now(): number {
    return this.time;
  }
  sleep(ms: number): Promise<void> {
    this.sleeps.push(ms);
    this.time += ms;
    return Promise.resolve();
  }
}

/** A clock that only moves when the test advances it; sleepers wake in time order. */
export class ManualClock implements Clock {
  private timers: { at: number; wake: () => void }[] = [];
  constructor(private time = 0) {}
  now(): number {
    return this.time;
  }
  sleep(ms: number): Promise<void> {
    return new Promise((resolve) => {
      this.timers.push({ at: this.time + ms, wake: resolve });
    });
  }
  /** Moves to `target`, waking each due sleeper and letting its continuation run. */
  async advanceTo(target: number): Promise<void> {
    for (;;) {
      await flushMicrotasks();
      this.timers.sort((a, b) => a.at - b.at);
      const next = this.timers[0];
      if (!next || next.at > target) break;
      this.timers.shift();
      this.time = Math.max(this.time, next.at);
      next.wake();
    }
    this.time = Math.max(this.time, target);
    await flushMicrotasks();
  }
}

async function flushMicrotasks(): Promise<void> {
  for (let i = 0; i < 10; i++) await Promise.resolve();
}
