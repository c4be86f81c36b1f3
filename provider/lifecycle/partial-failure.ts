import { withoutKeys } from './secrets';

/**
 * An error thrown from `create` or `update` after the remote object was created or changed
 * but before the operation finished (for example the read-back failed). The runner sees
 * `id` and `properties` and reports a partial failure, so the engine keeps the object in
 * state instead of losing track of it. Secret fields are left out of `properties`: an
 * error object can end up in logs, and the missing value only makes the next `up` apply
 * the secret again. The provider runtime adds `__provider` before the runner sees it.
 */
export class PartialFailure extends Error {
  readonly id: string;
  readonly properties: Record<string, unknown>;
  readonly reasons: string[];

  constructor(message: string, id: string, properties: Record<string, unknown>) {
    super(message);
    this.name = 'PartialFailure';
    this.id = id;
    this.properties = properties;
    this.reasons = [message];
  }
}

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
