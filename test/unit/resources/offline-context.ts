import type { LifecycleContext } from '../../../provider/lifecycle/context';

/**
 * A lifecycle context that records every attempt to reach clients or settings: `check`
 * must validate offline, so a property test asserts the count stays 0.
 */
export function offlineContext(): { ctx: LifecycleContext; touches(): number } {
  let touches = 0;
  const refuse = (): never => {
    touches += 1;
    throw new Error('check reached for a client or settings');
  };
  return {
    ctx: { clients: refuse, settings: refuse, now: () => new Date(0) },
    touches: () => touches,
  };
}
