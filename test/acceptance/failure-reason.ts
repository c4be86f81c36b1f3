import { isChatOpsError } from '../../provider/clients';

/**
 * Why a part failed, for the report: an error class and stable code, never the message
 * (an assertion message prints the values it compared, and the report holds no value).
 */
export function failureReason(error: unknown): string {
  if (isChatOpsError(error)) return `ChatOpsError ${error.code} (see the test output)`;
  if (typeof error === 'object' && error !== null && 'matcherResult' in error) {
    return 'assertion failed (see the test output)';
  }
  return `${error instanceof Error ? error.name : typeof error} (see the test output)`;
}
