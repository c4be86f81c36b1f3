import { PartialFailure } from '../errors';
import { withoutKeys } from './secrets';

/**
 * Builds a {@link PartialFailure} from what is known of the object so far, dropping the
 * secret fields. The message of `cause` is reused (error messages of the client layer are
 * already free of secrets).
 */
export function partialFailure(
  what: string,
  id: string,
  knownOutputs: Record<string, unknown>,
  secretKeys: ReadonlyArray<string>,
  cause: unknown,
): PartialFailure {
  const reason = cause instanceof Error ? cause.message : String(cause);
  return new PartialFailure(
    `${what} ${id} was applied, but finishing the operation failed: ${reason}. ` +
      'It stays in the stack; run the update again to complete it.',
    id,
    withoutKeys(knownOutputs, secretKeys),
  );
}

/**
 * Runs a create so that a partial failure it throws (the object exists, a later step failed)
 * carries `key: value` in the outputs it leaves in the stack: the record a later operation
 * needs (the account, the managing app) is there even when the create did not finish.
 */
export async function recordingOnPartialFailure<T>(
  key: string,
  value: unknown,
  run: () => Promise<T>,
): Promise<T> {
  try {
    return await run();
  } catch (error) {
    if (error instanceof PartialFailure && error.properties[key] === undefined) {
      error.properties[key] = value;
    }
    throw error;
  }
}
