import { SettingsWithDefaults } from '../config/settings';
import { OperationSpec } from '../http/http-layer';

/** Whose rate limit an operation counts against: each vendor has its own pace setting. */
export type ApiFamily = 'alicloud' | 'dingtalk';

/**
 * How the HTTP layer runs one call: paced per (origin, operation, account or app) at the
 * family's rate, with
 * the retry limits of the settings. Built at call time, so a `configure()` that changes the
 * settings applies to the next call.
 */
export function operationSpec(
  settings: SettingsWithDefaults,
  family: ApiFamily,
  call: { operation: string; url: URL; idempotent: boolean; scope?: string },
): OperationSpec {
  return {
    operation: call.operation,
    origin: call.url.origin,
    scope: call.scope,
    ratePerSecond:
      family === 'alicloud' ? settings.alicloudRatePerSecond : settings.dingtalkRatePerSecond,
    idempotent: call.idempotent,
    maxAttempts: settings.maxAttempts,
    requestTimeoutMs: settings.requestTimeoutMs,
    operationDeadlineMs: settings.operationDeadlineMs,
  };
}
