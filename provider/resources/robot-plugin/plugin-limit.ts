import { ChatOpsError, isChatOpsError } from '../../errors';

/** DingTalk's answer when a robot would hold more plugins than it allows (docs/wire-facts.md 2b). */
const EXCEEDED_MAXIMUM = 'invalidRequest.exceededMaximumLimit';

/**
 * Rewrites DingTalk's "exceeded maximum limit" answer to `robot/plugins/set` into an error
 * that names the limit and what to do. The vendor does not publish the maximum, so the
 * remote message (which may state it) is kept.
 */
export function explainPluginLimit(error: unknown, robotCode: string, count: number): unknown {
  if (!isChatOpsError(error) || error.remoteCode !== EXCEEDED_MAXIMUM) return error;
  return new ChatOpsError({
    code: 'LIMIT_EXCEEDED',
    message:
      `DingTalk refused ${count} plugins for robot ${robotCode}: the list exceeds the maximum ` +
      'number of plugins a robot may hold (remote code invalidRequest.exceededMaximumLimit; ' +
      `the service said: ${error.message}). Declare fewer plugins.`,
    remoteCode: error.remoteCode,
    requestId: error.requestId,
    operation: error.operation,
    httpStatus: error.httpStatus,
  });
}
