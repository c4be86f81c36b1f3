import { gatewayErrors } from './alicloud/errors';
import { dingtalkApiErrors, oapiErrors } from './dingtalk/errors';
import type { WireStyle } from './http/router';
import { cloudSsoErrors, oauthErrors } from './sign-in/sign-in-errors';
import type { ApiFamily, ResolvedOptions } from './options';
import type { WireError } from './wire-error';

/**
 * Requests per second per API family and action, counted in one-second windows of the
 * emulator's clock. Above the limit each family answers as its real service throttles.
 */
export class RateLimiter {
  private readonly windows = new Map<string, { second: number; count: number }>();

  constructor(private readonly options: ResolvedOptions) {}

  limitOf(family: ApiFamily): number {
    return this.options.rateLimits[family] ?? this.options.rateLimitPerSecond;
  }

  /** Counts the request; false when it is over the limit. */
  allow(family: ApiFamily, action: string): boolean {
    const key = `${family}:${action}`;
    const second = Math.floor(this.options.clock() / 1000);
    const window = this.windows.get(key);
    if (!window || window.second !== second) {
      this.windows.set(key, { second, count: 1 });
      return true;
    }
    window.count += 1;
    return window.count <= this.limitOf(family);
  }

  reset(): void {
    this.windows.clear();
  }
}

/**
 * The throttling answer of each wire style (docs/wire-facts.md sections 1 and 2d; the sign-in
 * services' answer is the emulator's own choice, sign-in/sign-in-errors.ts).
 */
export function throttlingError(style: WireStyle): WireError {
  switch (style) {
    case 'alicloud':
      return gatewayErrors.throttled();
    case 'dingtalk-api':
      return dingtalkApiErrors.throttled();
    case 'dingtalk-oapi':
      return oapiErrors.throttled();
    case 'oauth':
      return oauthErrors.throttled();
    case 'cloud-sso':
      return cloudSsoErrors.throttled();
  }
}
